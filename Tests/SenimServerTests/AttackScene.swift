import Foundation
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow

@testable import SenimServer

/// The platform the attack tests attack: an administrator, a partner with a manager and a tariff package,
/// and helpers to make a sent document, open a signer's link, and sign for the partner.
struct AttackScene {
    let server: ServerHarness
    let partnerID: String
    let managerToken: String
    let adminToken: String

    /// Runs `body` against a fresh scene; its server ends with `body`.
    static func with<T: Sendable>(
        _ kind: StoreKind, transport: ServerHarness.Transport = .router, access: AccessPolicy = ServerHarness.accessWithoutBackOff,
        rules: WorkflowRules = ServerHarness.rules, publicBaseURL: String = "http://127.0.0.1", peer: Bool = false,
        adjust: (inout ServerConfiguration) -> Void = { _ in }, _ body: @Sendable (AttackScene) async throws -> T
    ) async throws -> T {
        try await ServerHarness.withServer(
            kind, transport: transport, access: access, rules: rules, publicBaseURL: publicBaseURL, peer: peer, adjust: adjust
        ) { server in
            let (partnerID, managerToken) = try await EndToEndTests.partnerWithManager(server)
            server.clock.advance(access.backOff(afterCodes: 1)) // the administrator logs in a second time
            return try await body(
                AttackScene(
                    server: server, partnerID: partnerID, managerToken: managerToken,
                    adminToken: try await server.login(EndToEndTests.admin)))
        }
    }

    var port: Int { Int(server.baseURL.split(separator: ":").last ?? "") ?? 0 }

    /// Uploads `bytes`, names `signers` (surname, IIN, phone) and sends the document; returns its id.
    func sentDocument(
        _ signers: [(String, String, String)], bytes: [UInt8] = Array("%PDF-1.4 договор".utf8), method: String = "EDS_OR_SES",
        query: String = "", by token: String? = nil, partnerID: String? = nil
    ) async throws -> String {
        let path = "/api/v1/partners/\(partnerID ?? self.partnerID)/documents?fileName=contract.pdf&signingMethod=\(method)\(query)"
        let upload = try await server.request(.POST, path, token: token ?? managerToken, body: bytes)
        guard upload.status == 201, let id = (try upload.json()["document"] as? [String: Any])?["id"] as? String else {
            throw ServerHarness.HarnessError("upload: \(upload.status) \(upload.text)")
        }
        for (surname, iin, phone) in signers {
            let added = try await server.request(
                .POST, "/api/v1/documents/\(id)/signers", token: token ?? managerToken,
                json: ["surname": surname, "name": "Тест", "iin": iin, "phone": phone])
            guard added.status == 201 else { throw ServerHarness.HarnessError("signer: \(added.status) \(added.text)") }
        }
        let sent = try await server.request(.POST, "/api/v1/documents/\(id)/send", token: token ?? managerToken)
        guard sent.status == 200 else { throw ServerHarness.HarnessError("send: \(sent.status) \(sent.text)") }
        return id
    }

    /// The partner's slot signed by the manager's SMS code (the tests' rules allow it).
    func partnerSignsByCode(_ documentID: String, token: String? = nil, phone: String = EndToEndTests.manager) async throws
        -> ServerHarness.Answer
    {
        let slot = documentID + "-partner"
        let code = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/codes", token: token ?? managerToken,
            json: ["action": "sign"])
        guard code.status == 202, let challenge = try code.json()["challengeID"] as? String else { return code }
        return try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/ses", token: token ?? managerToken,
            json: ["challengeID": challenge, "code": try server.lastCode(to: phone)])
    }

    /// The partner's slot signed by an EDS of its first head (GOST 2015, NCA test key), made at `time`.
    func partnerSignsByEDS(
        _ documentID: String, bytes: [UInt8] = Array("%PDF-1.4 договор".utf8), time: Date = ServerHarness.pinnedTime,
        certificates: [Certificate] = []
    ) async throws -> (ServerHarness.Answer, SignedData) {
        let head = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
        let cms = try CMSBuilder.sign(
            bytes, detached: true, signers: [CMSSigner(identity: head, signingTime: time)], certificates: certificates)
        return (try await submitEDS(documentID, signerID: documentID + "-partner", cms: cms, token: managerToken), cms)
    }

    func submitEDS(_ documentID: String, signerID: String, cms: SignedData, token: String) async throws -> ServerHarness.Answer {
        try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(signerID)/eds", token: token,
            json: ["format": "cms", "signature": Data(cms.derEncoded).base64EncodedString()])
    }

    /// Opens the newest SMS link to `phone` through the API (accepting the agreement); the session token.
    func openLink(to phone: String) async throws -> String {
        let opened = try await server.request(
            .POST, "/api/v1/links/\(try server.lastLink(to: phone))/session", json: ["acceptAgreement": true])
        guard opened.status == 200, let token = try opened.json()["token"] as? String else {
            throw ServerHarness.HarnessError("link: \(opened.status) \(opened.text)")
        }
        return token
    }

    func signers(_ documentID: String, token: String? = nil) async throws -> [[String: Any]] {
        try EndToEndTests.signers(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: token ?? managerToken))
    }

    /// The id of the person's slot named with `phone` (as the partner of `token` sees it).
    func slot(of phone: String, in documentID: String, token: String? = nil) async throws -> String {
        guard let id = try await signers(documentID, token: token).first(where: { $0["phone"] as? String == phone })?["id"] as? String
        else {
            throw ServerHarness.HarnessError("no signer with \(phone)")
        }
        return id
    }

    /// A person signs their slot by SMS code.
    func personSignsByCode(_ documentID: String, signerID: String, token: String, phone: String) async throws -> ServerHarness.Answer {
        let code = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(signerID)/codes", token: token, json: ["action": "sign"])
        guard code.status == 202, let challenge = try code.json()["challengeID"] as? String else { return code }
        return try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(signerID)/ses", token: token,
            json: ["challengeID": challenge, "code": try server.lastCode(to: phone)])
    }

    /// How many events of a kind a document's (or account's) chain holds.
    func events(_ chain: String, where matches: (AuditAction) -> Bool) async throws -> Int {
        try await server.platform.engine.auditLog(ofDocument: chain).filter { matches($0.event.action) }.count
    }
}
