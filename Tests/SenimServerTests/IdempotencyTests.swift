import Foundation
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// `Idempotency-Key` on every POST (issue 24, item 4): a retry gets the first answer (a retried upload the first
/// document), per principal, for 24 hours; the same key with another request is refused.
@Suite(.serialized) struct IdempotencyTests {
    static func key(_ value: String) -> [(String, String)] { [("Idempotency-Key", value)] }

    static func documentCount(_ scene: AttackScene, token: String? = nil) async throws -> Int {
        let listed = try await scene.server.request(
            .GET, "/api/v1/partners/\(scene.partnerID)/documents", token: token ?? scene.managerToken)
        return try #require(try listed.json()["documents"] as? [[String: Any]]).count
    }

    @Test(arguments: StoreKind.available) func aRetriedUploadReturnsTheFirstDocument(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let path = "/api/v1/partners/\(scene.partnerID)/documents?fileName=retry.pdf"
            let bytes = Array("%PDF-1.4 retried".utf8)
            let first = try await server.request(.POST, path, token: scene.managerToken, body: bytes, headers: Self.key("up-1"))
            let second = try await server.request(.POST, path, token: scene.managerToken, body: bytes, headers: Self.key("up-1"))
            #expect(first.status == 201 && second.status == 201, "\(second.text)")
            let firstID = (try first.json()["document"] as? [String: Any])?["id"] as? String
            let secondID = (try second.json()["document"] as? [String: Any])?["id"] as? String
            #expect(firstID != nil && secondID == firstID)
            #expect(try await Self.documentCount(scene) == 1)
            // Other bytes under the same key are another request: refused, nothing made.
            let other = try await server.request(
                .POST, path, token: scene.managerToken, body: Array("%PDF-1.4 other".utf8), headers: Self.key("up-1"))
            #expect(other.status == 409)
            #expect(try other.json()["code"] as? String == "IDEMPOTENCY_KEY_REUSED")
            #expect(try await Self.documentCount(scene) == 1)
            // Without a key, the same upload is a second document.
            #expect(try await server.request(.POST, path, token: scene.managerToken, body: bytes).status == 201)
            #expect(try await Self.documentCount(scene) == 2)
            // A key lives 24 hours: after that it is a new request.
            server.clock.advance(24 * 3600 + 1)
            let manager = try await server.login(EndToEndTests.manager) // the session ended too
            let late = try await server.request(.POST, path, token: manager, body: bytes, headers: Self.key("up-1"))
            #expect(late.status == 201)
            #expect((try late.json()["document"] as? [String: Any])?["id"] as? String != firstID)
            #expect(try await Self.documentCount(scene, token: manager) == 3)
        }
    }

    @Test(arguments: StoreKind.available) func everyOtherPostReplaysItsFirstAnswerPerPrincipal(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let path = "/api/v1/partners/\(scene.partnerID)/api-keys"
            let body: [String: Any] = ["name": "CRM", "rights": ["upload"]]
            let first = try await server.request(.POST, path, token: scene.managerToken, json: body, headers: Self.key("k-1"))
            let second = try await server.request(.POST, path, token: scene.managerToken, json: body, headers: Self.key("k-1"))
            #expect(first.status == 201 && second.status == 201)
            #expect(first.body == second.body, "the first answer, byte for byte")
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil)
            let listed = try await server.request(.GET, path, token: scene.managerToken)
            #expect((try listed.json()["keys"] as? [[String: Any]])?.count == 1)
            // Another body under the key is refused; another principal's same key is theirs.
            let changed = try await server.request(
                .POST, path, token: scene.managerToken, json: ["name": "ERP", "rights": ["upload"]], headers: Self.key("k-1"))
            #expect(changed.status == 409)
            let grant = try await server.request(
                .POST, "/api/v1/admin/partners", token: scene.adminToken, json: ["bin": AttackTests.validBIN, "organisation": "ТОО Б"],
                headers: Self.key("k-1"))
            #expect(grant.status == 201, "\(grant.text)")
            #expect(grant.body != first.body)
            // A grant of rights, retried, is replayed too.
            let staff = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/employees", token: scene.managerToken,
                json: ["phone": "+77010000044", "rights": ["upload"]], headers: Self.key("e-1"))
            #expect(staff.status == 201)
            let again = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/employees", token: scene.managerToken,
                json: ["phone": "+77010000044", "rights": ["upload"]], headers: Self.key("e-1"))
            #expect(again.status == 201 && again.headers.first(name: "Idempotent-Replayed") == "true")
        }
    }

    /// A partner's backend with an API key retries an upload and a send: one document, sent once.
    @Test(arguments: StoreKind.available) func aKeyRetriesSafely(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let (_, secret) = try await APIKeyTests.makeKey(scene, rights: ["upload", "send", "viewAllPartnerDocuments"])
            let path = "/api/v1/partners/\(scene.partnerID)/documents?fileName=k.pdf"
            let bytes = Array("%PDF-1.4 key retry".utf8)
            var ids: Set<String> = []
            for _ in 0..<3 {
                let answer = try await server.request(.POST, path, token: secret, body: bytes, headers: Self.key("crm-42"))
                #expect(answer.status == 201)
                ids.insert((try answer.json()["document"] as? [String: Any])?["id"] as? String ?? "")
            }
            #expect(ids.count == 1)
            let id = try #require(ids.first)
            _ = try await server.request(
                .POST, "/api/v1/documents/\(id)/signers", token: secret,
                json: ["surname": "Сериков", "name": "Тест", "iin": EndToEndTests.client1IIN, "phone": EndToEndTests.client1],
                headers: Self.key("crm-43"))
            let retriedSigner = try await server.request(
                .POST, "/api/v1/documents/\(id)/signers", token: secret,
                json: ["surname": "Сериков", "name": "Тест", "iin": EndToEndTests.client1IIN, "phone": EndToEndTests.client1],
                headers: Self.key("crm-43"))
            #expect(retriedSigner.status == 201)
            #expect(try EndToEndTests.signers(retriedSigner).count == 2, "the partner's slot and one person")
            for _ in 0..<2 {
                #expect(
                    try await server.request(.POST, "/api/v1/documents/\(id)/send", token: secret, headers: Self.key("crm-44")).status
                        == 200)
            }
            let sent = try await server.platform.engine.auditLog(ofDocument: id).filter {
                if case .sentForSigning = $0.event.action { return true } else { return false }
            }
            #expect(sent.count == 1)
        }
    }
}
