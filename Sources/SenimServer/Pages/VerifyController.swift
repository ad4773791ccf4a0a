import Foundation
import HTTPTypes
import Hummingbird
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// `GET /verify`: the public page where anyone checks a document against the platform, without an account
/// (issue 22, item 5; the arbitration report prints its link and QR code with the document's SHA-256). The browser
/// hashes the chosen file (`static/verify.js`; for an evidence package, the file under `document/`) and asks for
/// `/verify?sha256=…`; the file never leaves the device. Each lookup counts against the client address's budget
/// (``ServerConfiguration/verificationsPerWindow``), so the page is no oracle to query in bulk.
struct VerifyController: PageController {
    let platform: SenimPlatform
    let renderer: PageRenderer
    let budget: RequestBudget

    init(platform: SenimPlatform, renderer: PageRenderer) {
        self.platform = platform
        self.renderer = renderer
        budget = RequestBudget(
            limit: platform.configuration.verificationsPerWindow, window: platform.configuration.verificationWindow)
    }

    func addRoutes(to pages: PageRouter) {
        pages.get("/verify", verify)
    }

    @Sendable func verify(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let language = renderer.language(of: request)
        let words = VerifyPageStrings.table(language)
        let t = PageStrings.table(language)
        var values: [String: Any] = [
            "v": Dictionary(uniqueKeysWithValues: words.map { ($0.key.rawValue, $0.value) }), "title": words[.title] ?? "",
            "script": "verify.js",
        ]
        guard let typed = request.query("sha256")?.trimmingCharacters(in: .whitespaces), !typed.isEmpty else {
            return renderer.render("verify", title: .appName, request: request, context: context, values: values)
        }
        let sha256 = typed.lowercased()
        values["sha256"] = sha256
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else {
            values["error"] = words[.invalidDigest] ?? ""
            return renderer.render("verify", title: .appName, request: request, context: context, values: values, status: .badRequest)
        }
        let client = context.client.ipAddress ?? "unknown"
        if let wait = await budget.refusal(for: client, at: platform.now) {
            values["error"] = (words[.tooMany] ?? "").replacingOccurrences(of: "%1", with: "\(wait)")
            var response = renderer.render(
                "verify", title: .appName, request: request, context: context, values: values, status: .tooManyRequests)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        let found = try await platform.publicVerification(ofDocumentSHA256: sha256)
        values["checked"] = true
        values["found"] = !found.isEmpty
        values["documents"] = found.map { document -> [String: Any] in
            [
                "id": document.documentID, "fileName": document.fileName, "partner": document.partner ?? "—",
                "status": t[prefix: "status", value: document.status.rawValue] ?? document.status.rawValue,
                "completedAt": document.completedAt.map(Self.time) ?? "—",
                "signers": document.signers.map { signer -> [String: Any] in
                    [
                        "name": signer.name, "phone": signer.phoneMasked ?? "",
                        "state": t[prefix: "signer", value: signer.state.rawValue] ?? signer.state.rawValue,
                        "kind": signer.kind.map { $0 == .eds ? words[.kindEDS] ?? "" : words[.kindSES] ?? "" } ?? "",
                        "signedAt": signer.signedAt.map(Self.time) ?? "",
                    ]
                },
            ]
        }
        return renderer.render("verify", title: .appName, request: request, context: context, values: values)
    }

    /// `2026-08-17 20:53:27`, UTC.
    static func time(_ date: Date) -> String {
        String(date.iso8601.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }
}
