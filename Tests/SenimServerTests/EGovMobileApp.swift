import Foundation
import SenimCMS
import SenimEvidence
import SenimPKI
import SenimXMLDSig

/// eGov mobile as the tests drive it (docs/kazakh-eds.md §6.1): reads API №1 from the QR, fetches API №2 with
/// the bearer token, signs each document by the method asked for, and PUTs the same JSON back.
struct EGovMobileApp {
    let server: ServerHarness

    func sign(qr: String, with identity: SigningIdentity, language: String) async throws -> ServerHarness.Answer {
        // The platform's public URL has no port in the tests; the app reaches the loopback server.
        let api1 = String(qr.dropFirst("mobileSign:".count)).replacingOccurrences(of: "http://127.0.0.1", with: "")
        let description = try await server.request(.GET, api1)
        guard description.status == 200 else { return description }
        let document = try description.json()["document"] as? [String: Any] ?? [:]
        let uri = (document["uri"] as? String ?? "").replacingOccurrences(of: "http://127.0.0.1", with: "")
        let token = document["auth_token"] as? String ?? ""
        let listing = try await server.request(.GET, uri, token: token)
        guard listing.status == 200 else { return listing }
        var body = try listing.json()
        var items = body["documentsToSign"] as? [[String: Any]] ?? []
        for index in items.indices {
            if let xml = items[index]["documentXml"] as? String {
                items[index]["documentXml"] = String(
                    decoding: try XMLSigner(identity: identity).signEnveloped(Array(xml.utf8)), as: UTF8.self)
            } else if var holder = items[index]["document"] as? [String: Any], var file = holder["file"] as? [String: Any],
                let data = (file["data"] as? String).flatMap({ Data(base64Encoded: $0) })
            {
                let detached = body["signMethod"] as? String == "CMS_SIGN_ONLY"
                let cms = try CMSBuilder.sign(
                    Array(data), detached: detached, signers: [CMSSigner(identity: identity, signingTime: ServerHarness.pinnedTime)])
                file["data"] = Data(cms.derEncoded).base64EncodedString()
                holder["file"] = file
                items[index]["document"] = holder
            }
        }
        body["documentsToSign"] = items
        return try await server.request(.PUT, uri, token: token, json: body, headers: [("Accept-Language", language)])
    }
}
