import Foundation
import NIOHTTP1
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// Every operation of `/openapi.json` against every kind of principal, the expected status of each pair in one
/// table: who reaches what is read here at a glance, and a route added without a row fails the test.
@Suite(.serialized) struct RouteMatrixTests {
    enum Kind: String, CaseIterable {
        case anonymous, link, client, employeeWithoutRight, employeeWithRight, manager, otherManager, administrator, apiKey
    }

    /// The statuses in the order of ``Kind/allCases``: anonymous, link session, client, employee without the
    /// right, employee with it, manager, another partner's manager, administrator, the partner's API key (with the
    /// rights to upload, send and see every document: a key never signs, manages access or administers).
    static let table: [String: [Int]] = [
        "getAgreement": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "requestLoginCode": [202, 202, 202, 202, 202, 202, 202, 202, 202],
        "confirmLogin": [422, 422, 422, 422, 422, 422, 422, 422, 422],
        "getMe": [401, 403, 200, 200, 200, 200, 200, 200, 403],
        "listMyDocuments": [401, 403, 200, 200, 200, 200, 200, 200, 403],
        "openSignerLink": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "health": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "ready": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "metrics": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "openAPI": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "uploadDocument": [401, 403, 403, 403, 201, 201, 403, 403, 201],
        "listDocuments": [401, 403, 403, 200, 200, 200, 403, 403, 200],
        "getDocument": [401, 200, 403, 403, 200, 200, 403, 403, 200],
        "addSigner": [401, 403, 403, 403, 201, 201, 403, 403, 201],
        "sendDocument": [401, 403, 403, 403, 200, 200, 403, 403, 200],
        "cancelDocument": [401, 403, 403, 403, 200, 200, 403, 403, 200],
        "downloadDocument": [401, 200, 403, 403, 200, 200, 403, 403, 200],
        "listSignatures": [401, 200, 403, 403, 200, 200, 403, 403, 200],
        "downloadSignature": [401, 200, 403, 403, 200, 200, 403, 403, 200],
        "downloadEvidence": [401, 200, 403, 403, 200, 200, 403, 403, 200],
        "arbitrationReport": [401, 200, 403, 403, 200, 200, 403, 403, 200],
        "markViewed": [401, 200, 403, 403, 403, 403, 403, 403, 403],
        "requestSignatureCode": [401, 202, 403, 403, 403, 403, 403, 403, 403],
        "signWithCode": [401, 422, 403, 403, 403, 403, 403, 403, 403],
        "reject": [401, 422, 403, 403, 403, 403, 403, 403, 403],
        "dataToSign": [401, 200, 403, 403, 200, 200, 403, 403, 403],
        "signWithEDS": [401, 422, 403, 403, 403, 403, 403, 403, 403],
        "openEGovMobileTicket": [401, 201, 403, 403, 403, 403, 403, 403, 403],
        "eGovMobileDescription": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "eGovMobileDocuments": [404, 404, 404, 404, 404, 404, 404, 404, 404],
        "eGovMobileSigned": [404, 404, 404, 404, 404, 404, 404, 404, 404],
        "createPartner": [401, 403, 403, 403, 403, 403, 403, 201, 403],
        "setPartnerStatus": [401, 403, 403, 403, 403, 403, 403, 200, 403],
        "setUserStatus": [401, 403, 403, 403, 403, 403, 403, 200, 403],
        "issueTariff": [401, 403, 403, 403, 403, 403, 403, 201, 403],
        "changeTariff": [401, 403, 403, 403, 403, 403, 403, 200, 403],
        "grantEmployee": [401, 403, 403, 403, 403, 201, 403, 201, 403],
        "listTariffs": [401, 403, 403, 200, 200, 200, 403, 200, 200],
        "createAPIKey": [401, 403, 403, 403, 403, 201, 403, 403, 403],
        "listAPIKeys": [401, 403, 403, 403, 403, 200, 403, 403, 403],
        "revokeAPIKey": [401, 403, 403, 403, 403, 200, 403, 403, 403],
        "registerWebhook": [401, 403, 403, 403, 403, 201, 403, 403, 403],
        "listWebhooks": [401, 403, 403, 403, 403, 200, 403, 403, 403],
        "disableWebhook": [401, 403, 403, 403, 403, 200, 403, 403, 403],
        "listWebhookDeliveries": [401, 403, 403, 403, 403, 200, 403, 403, 403],
        "resendWebhookDelivery": [401, 403, 403, 403, 403, 202, 403, 403, 403],
        "logout": [401, 204, 204, 204, 204, 204, 204, 204, 403],
    ]

    @Test(arguments: StoreKind.available) func everyOperationAnswersEveryPrincipalWithTheMatrixStatus(_ kind: StoreKind) async throws {
        // On loopback: `/metrics` answers by the TCP peer's address, which only a real connection has.
        // Webhooks to a closed loopback port: the rows register them, nothing receives them.
        try await AttackScene.with(kind, transport: .loopback, adjust: WebhookTests.allowLoopback) { scene in
            let server = scene.server
            let world = try await World.make(scene)
            let operations = try await Self.operations(server)
            #expect(operations.count == 47)
            #expect(Set(operations.map(\.id)) == Set(Self.table.keys), "every documented operation has a row, and every row an operation")
            var checked = 0
            // Logout ends the sessions the other rows use, so it goes last.
            for operation in operations.sorted(by: { ($0.id == "logout" ? 1 : 0, $0.id) < ($1.id == "logout" ? 1 : 0, $1.id) }) {
                let expected = try #require(Self.table[operation.id])
                for (index, principal) in Kind.allCases.enumerated() {
                    let request = try await world.request(for: operation.id, as: principal)
                    let answer = try await server.request(
                        request.method, request.path, token: world.tokens[principal], json: request.json, body: request.body)
                    #expect(
                        answer.status == expected[index],
                        "\(operation.id) as \(principal.rawValue): \(answer.status) \(answer.text.prefix(300))")
                    checked += 1
                }
            }
            #expect(checked == 47 * 9)
        }
    }

    /// The operations the served OpenAPI document lists.
    static func operations(_ server: ServerHarness) async throws -> [(id: String, method: String, path: String)] {
        let paths = try #require(try await server.request(.GET, "/openapi.json").json()["paths"] as? [String: [String: [String: Any]]])
        return paths.flatMap { path, methods in
            methods.compactMap { method, entry in (entry["operationId"] as? String).map { ($0, method, path) } }
        }
    }

    /// The fixtures each row acts on, and a fresh one where a success changes what it acts on.
    struct World {
        let scene: AttackScene
        var tokens: [Kind: String] = [:]
        let documentID: String
        let signerID: String
        let challengeID: String
        let wrongCode: String
        let signatureSHA256: String
        let ticket: String
        let thirdPartnerID: String
        let tariffID: String
        let userID: String
        /// A key of the partner that the revocation row revokes.
        let spareKeyID: String
        /// The partner's webhook endpoint with a queued delivery (resent by its row), and one the disabling row disables.
        let webhookID: String
        let deliveryID: String
        let spareWebhookID: String

        static func make(_ scene: AttackScene) async throws -> World {
            let server = scene.server
            var webhooks: [String] = []
            for _ in 0..<2 {
                let registered = try await server.request(
                    .POST, "/api/v1/partners/\(scene.partnerID)/webhooks", token: scene.managerToken,
                    json: ["url": "http://127.0.0.1:9/hook", "events": ["document.sent"]])
                webhooks.append(try #require((try registered.json()["endpoint"] as? [String: Any])?["id"] as? String))
            }
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            #expect(try await scene.partnerSignsByCode(documentID).status == 200)
            let link = try await scene.openLink(to: EndToEndTests.client1)
            let signerID = try await scene.slot(of: EndToEndTests.client1, in: documentID)
            let code = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(signerID)/codes", token: link, json: ["action": "sign"])
            let challengeID = try #require(try code.json()["challengeID"] as? String)
            let wrongCode = try server.lastCode(to: EndToEndTests.client1) == "000000" ? "111111" : "000000"
            let listed = try await server.request(.GET, "/api/v1/documents/\(documentID)/signatures", token: scene.managerToken)
            let signature = try #require(
                (try JSONSerialization.jsonObject(with: Data(listed.body)) as? [[String: Any]])?.first?["sha256"] as? String)
            let ticket = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(signerID)/egov", token: link, json: ["method": "XML"])
            let qr = try #require(try ticket.json()["qr"] as? String)
            let ticketID = try #require(qr.components(separatedBy: "/").last)

            // The principals: a client who is no party, employees with no right and with every right but managing,
            // another partner's manager.
            let clientToken = try await server.login("+77010000020")
            for (phone, rights) in [
                ("+77010000021", [String]()), ("+77010000022", ["upload", "send", "signForPartner", "viewAllPartnerDocuments"]),
            ] {
                let granted = try await server.request(
                    .POST, "/api/v1/partners/\(scene.partnerID)/employees", token: scene.managerToken,
                    json: ["phone": phone, "rights": rights])
                #expect(granted.status == 201)
            }
            let other = try await server.request(
                .POST, "/api/v1/admin/partners", token: scene.adminToken, json: ["bin": AttackTests.validBIN, "organisation": "ТОО Б"])
            let otherID = try #require(try other.json()["id"] as? String)
            _ = try await server.request(
                .POST, "/api/v1/partners/\(otherID)/employees", token: scene.adminToken,
                json: ["phone": "+77010000023", "rights": ["manageEmployees"]])
            let third = try await server.request(
                .POST, "/api/v1/admin/partners", token: scene.adminToken, json: ["bin": AttackTests.validBIN(2), "organisation": "ТОО В"])
            let tariff = try await server.request(
                .POST, "/api/v1/admin/tariffs", token: scene.adminToken,
                json: [
                    "partnerID": scene.partnerID, "usesTotal": 500, "validFrom": "2026-01-01T00:00:00Z",
                    "validUntil": "2027-06-01T00:00:00Z",
                ])
            let key = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/api-keys", token: scene.managerToken,
                json: ["name": "CRM", "rights": ["upload", "send", "viewAllPartnerDocuments"]])
            let spare = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/api-keys", token: scene.managerToken, json: ["name": "spare", "rights": []])
            var world = World(
                scene: scene, documentID: documentID, signerID: signerID, challengeID: challengeID, wrongCode: wrongCode,
                signatureSHA256: signature, ticket: ticketID, thirdPartnerID: try #require(try third.json()["id"] as? String),
                tariffID: try #require(try tariff.json()["id"] as? String),
                userID: try #require(try await server.platform.engine.principal(phone: PhoneNumber("+77010000020")!)?.user.id),
                spareKeyID: try #require((try spare.json()["key"] as? [String: Any])?["id"] as? String), webhookID: webhooks[0],
                deliveryID: try #require(
                    ((try await server.request(
                        .GET, "/api/v1/partners/\(scene.partnerID)/webhooks/\(webhooks[0])/deliveries", token: scene.managerToken
                    ).json()["deliveries"] as? [[String: Any]])?.first?["id"] as? String)),
                spareWebhookID: webhooks[1])
            world.tokens = [
                .link: link, .client: clientToken, .employeeWithoutRight: try await server.login("+77010000021"),
                .employeeWithRight: try await server.login("+77010000022"), .manager: scene.managerToken,
                .otherManager: try await server.login("+77010000023"), .administrator: scene.adminToken,
                .apiKey: try #require(try key.json()["secret"] as? String),
            ]
            return world
        }

        struct Call {
            var method: HTTPMethod
            var path: String
            var json: [String: Any]? = nil
            var body: [UInt8]? = nil
        }

        /// A draft of the partner with one signer (and sent, when `send`), for the rows whose success changes it.
        func freshDocument(send: Bool) async throws -> String {
            let server = scene.server
            let upload = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/documents?fileName=f.pdf", token: scene.managerToken,
                body: Array("%PDF-1.4 fresh".utf8))
            let id = try #require((try upload.json()["document"] as? [String: Any])?["id"] as? String)
            _ = try await server.request(
                .POST, "/api/v1/documents/\(id)/signers", token: scene.managerToken,
                json: ["surname": "Сериков", "name": "Тест", "iin": EndToEndTests.client1IIN, "phone": EndToEndTests.client1])
            if send { _ = try await server.request(.POST, "/api/v1/documents/\(id)/send", token: scene.managerToken) }
            return id
        }

        func request(for operation: String, as principal: Kind) async throws -> Call {
            let document = "/api/v1/documents/\(documentID)"
            let slot = "/api/v1/documents/\(documentID)/signers/\(signerID)"
            let partner = "/api/v1/partners/\(scene.partnerID)"
            let phone = "+7701" + String(format: "%07d", 100 + Kind.allCases.firstIndex(of: principal)!)
            switch operation {
            case "getAgreement": return Call(method: .GET, path: "/api/v1/agreement")
            case "requestLoginCode": return Call(method: .POST, path: "/api/v1/auth/code", json: ["phone": phone])
            case "confirmLogin":
                return Call(method: .POST, path: "/api/v1/auth/session", json: ["phone": phone, "challengeID": "none", "code": "000000"])
            case "getMe": return Call(method: .GET, path: "/api/v1/me")
            case "listMyDocuments": return Call(method: .GET, path: "/api/v1/me/documents")
            case "logout": return Call(method: .DELETE, path: "/api/v1/auth/session")
            case "openSignerLink":
                return Call(
                    method: .POST, path: "/api/v1/links/\(try scene.server.lastLink(to: EndToEndTests.client1))/session",
                    json: ["acceptAgreement": true])
            case "health": return Call(method: .GET, path: "/healthz")
            case "ready": return Call(method: .GET, path: "/readyz")
            case "metrics": return Call(method: .GET, path: "/metrics")
            case "openAPI": return Call(method: .GET, path: "/openapi.json")
            case "uploadDocument": return Call(method: .POST, path: partner + "/documents?fileName=u.pdf", body: Array("%PDF-1.4 u".utf8))
            case "listDocuments": return Call(method: .GET, path: partner + "/documents")
            case "getDocument": return Call(method: .GET, path: document)
            case "addSigner":
                return Call(
                    method: .POST, path: "/api/v1/documents/\(try await freshDocument(send: false))/signers",
                    json: ["surname": "Тестов", "name": "Тест", "iin": "123456789011", "phone": EndToEndTests.client2])
            case "sendDocument": return Call(method: .POST, path: "/api/v1/documents/\(try await freshDocument(send: false))/send")
            case "cancelDocument":
                let target = principal == .link ? documentID : try await freshDocument(send: true)
                return Call(method: .POST, path: "/api/v1/documents/\(target)/cancel", json: ["reason": "Ошибка в сумме"])
            case "downloadDocument": return Call(method: .GET, path: document + "/content")
            case "listSignatures": return Call(method: .GET, path: document + "/signatures")
            case "downloadSignature": return Call(method: .GET, path: document + "/signatures/\(signatureSHA256)")
            case "downloadEvidence": return Call(method: .GET, path: document + "/evidence")
            case "arbitrationReport": return Call(method: .GET, path: document + "/report?lang=ru")
            case "markViewed": return Call(method: .POST, path: slot + "/view")
            case "requestSignatureCode": return Call(method: .POST, path: slot + "/codes", json: ["action": "sign"])
            case "signWithCode": return Call(method: .POST, path: slot + "/ses", json: ["challengeID": challengeID, "code": wrongCode])
            case "reject":
                return Call(method: .POST, path: slot + "/reject", json: ["challengeID": challengeID, "code": wrongCode, "reason": "Нет"])
            case "dataToSign": return Call(method: .GET, path: slot + "/eds")
            case "signWithEDS": return Call(method: .POST, path: slot + "/eds", json: ["format": "cms", "signature": "AAAA"])
            case "openEGovMobileTicket": return Call(method: .POST, path: slot + "/egov", json: ["method": "XML"])
            case "eGovMobileDescription": return Call(method: .GET, path: "/api/v1/mgovSign/\(ticket)")
            case "eGovMobileDocuments": return Call(method: .GET, path: "/api/v1/mgovSign/\(ticket)/documents")
            case "eGovMobileSigned": return Call(method: .PUT, path: "/api/v1/mgovSign/\(ticket)/documents", json: ["signMethod": "XML"])
            case "createPartner":
                return Call(method: .POST, path: "/api/v1/admin/partners", json: ["bin": AttackTests.validBIN(3), "organisation": "ТОО Г"])
            case "setPartnerStatus":
                return Call(method: .POST, path: "/api/v1/admin/partners/\(thirdPartnerID)/status", json: ["status": "active"])
            case "setUserStatus": return Call(method: .POST, path: "/api/v1/admin/users/\(userID)/status", json: ["status": "active"])
            case "issueTariff":
                return Call(
                    method: .POST, path: "/api/v1/admin/tariffs",
                    json: [
                        "partnerID": thirdPartnerID, "usesTotal": 5, "validFrom": "2026-01-01T00:00:00Z",
                        "validUntil": "2027-01-01T00:00:00Z",
                    ])
            case "changeTariff": return Call(method: .POST, path: "/api/v1/admin/tariffs/\(tariffID)", json: ["usesTotal": 600])
            case "grantEmployee": return Call(method: .POST, path: partner + "/employees", json: ["phone": phone, "rights": ["upload"]])
            case "listTariffs": return Call(method: .GET, path: partner + "/tariffs")
            case "createAPIKey": return Call(method: .POST, path: partner + "/api-keys", json: ["name": "row", "rights": ["upload"]])
            case "listAPIKeys": return Call(method: .GET, path: partner + "/api-keys")
            case "revokeAPIKey": return Call(method: .DELETE, path: partner + "/api-keys/\(spareKeyID)")
            case "registerWebhook":
                return Call(
                    method: .POST, path: partner + "/webhooks", json: ["url": "http://127.0.0.1:9/row", "events": ["document.sent"]])
            case "listWebhooks": return Call(method: .GET, path: partner + "/webhooks")
            case "disableWebhook": return Call(method: .DELETE, path: partner + "/webhooks/\(spareWebhookID)")
            case "listWebhookDeliveries": return Call(method: .GET, path: partner + "/webhooks/\(webhookID)/deliveries")
            case "resendWebhookDelivery":
                return Call(method: .POST, path: partner + "/webhooks/\(webhookID)/deliveries/\(deliveryID)/resend")
            default: throw ServerHarness.HarnessError("no request for \(operation)")
            }
        }
    }
}
