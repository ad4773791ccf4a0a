import Foundation
import NIOHTTP1
import SenimCrypto
import SenimEvidence
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// A partner's API keys (issue 24, item 1): a manager makes, lists and revokes them; the secret is shown once and
/// stored as its SHA-256; a key acts for its partner within its rights under its own id; and each way a key could
/// reach further than that is tried, as an attacker would, and refused.
@Suite(.serialized) struct APIKeyTests {
    /// A key of the scene's partner with `rights`; its id and secret.
    static func makeKey(_ scene: AttackScene, rights: [String], name: String = "CRM") async throws -> (id: String, secret: String) {
        let made = try await scene.server.request(
            .POST, "/api/v1/partners/\(scene.partnerID)/api-keys", token: scene.managerToken, json: ["name": name, "rights": rights])
        #expect(made.status == 201, "\(made.text)")
        let json = try made.json()
        let key = try #require(json["key"] as? [String: Any])
        return (try #require(key["id"] as? String), try #require(json["secret"] as? String))
    }

    static func upload(_ scene: AttackScene, token: String, partnerID: String? = nil) async throws -> ServerHarness.Answer {
        try await scene.server.request(
            .POST, "/api/v1/partners/\(partnerID ?? scene.partnerID)/documents?fileName=k.pdf", token: token,
            body: Array("%PDF-1.4 key".utf8))
    }

    @Test(arguments: StoreKind.available) func aManagerMakesListsAndRevokesKeysAndTheKeyActsUnderItsOwnID(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let (keyID, secret) = try await Self.makeKey(scene, rights: ["upload", "send", "viewAllPartnerDocuments"])
            // 256 random bits in base64url (43 symbols) after the prefix; the store keeps only the digest.
            #expect(secret.hasPrefix("sk_live_") && secret.count == 8 + 43)
            #expect(keyID.hasPrefix("k-"))
            let stored = try await server.platform.engine.store.query(
                SQLStatement("SELECT secret_sha256 FROM api_keys WHERE id = ?", [.text(keyID)]))
            #expect(stored.first?.first?.text == Hex.encode(DigestAlgorithm.sha256.hash(Array(secret.utf8))))
            let anywhere = try await server.platform.engine.store.query(
                SQLStatement("SELECT id FROM api_keys WHERE secret_sha256 = ? OR name = ?", [.text(secret), .text(secret)]))
            #expect(anywhere.isEmpty)

            // Listed without the secret, never used yet.
            let listed = try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/api-keys", token: scene.managerToken)
            #expect(listed.status == 200)
            #expect(!listed.text.contains(secret))
            let first = try #require((try listed.json()["keys"] as? [[String: Any]])?.first)
            #expect(first["id"] as? String == keyID && first["name"] as? String == "CRM")
            #expect(first["rights"] as? [String] == ["upload", "send", "viewAllPartnerDocuments"])
            #expect(first["lastUsedAt"] == nil && first["revokedAt"] == nil)

            // The key uploads, names a signer and sends: the document is the key's, every event names the key.
            let upload = try await Self.upload(scene, token: secret)
            #expect(upload.status == 201, "\(upload.text)")
            let document = try #require(try upload.json()["document"] as? [String: Any])
            let documentID = try #require(document["id"] as? String)
            #expect(document["createdBy"] as? String == keyID)
            let signer = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers", token: secret,
                json: ["surname": "Сериков", "name": "Тест", "iin": EndToEndTests.client1IIN, "phone": EndToEndTests.client1])
            #expect(signer.status == 201, "\(signer.text)")
            #expect(try await server.request(.POST, "/api/v1/documents/\(documentID)/send", token: secret).status == 200)
            let events = try await server.platform.engine.auditLog(ofDocument: documentID)
            #expect(events.count >= 3)
            #expect(events.allSatisfy { $0.event.actor.userID == keyID }, "\(events.map(\.event.actor))")
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: secret).status == 200)
            #expect(try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/documents", token: secret).status == 200)

            // The last use is recorded (the pinned clock's time).
            let used = try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/api-keys", token: scene.managerToken)
            let usedAt = try #require((try used.json()["keys"] as? [[String: Any]])?.first?["lastUsedAt"] as? String)
            #expect(usedAt == "2026-08-11T12:00:00Z")

            // Making and revoking are in the administration chain, by the manager.
            let administration = try await server.platform.engine.auditLog(ofDocument: WorkflowEngine.administrationLog)
            let keyEvents = administration.filter {
                switch $0.event.action.administrativeAction {
                case .apiKeyCreated, .apiKeyRevoked: return true
                default: return false
                }
            }
            #expect(keyEvents.count == 1)
            #expect(keyEvents.first?.event.action.administrativeAction == .apiKeyCreated([.upload, .send, .viewAllPartnerDocuments]))

            let revoked = try await server.request(
                .DELETE, "/api/v1/partners/\(scene.partnerID)/api-keys/\(keyID)", token: scene.managerToken)
            #expect(revoked.status == 200, "\(revoked.text)")
            #expect(try revoked.json()["revokedAt"] as? String == "2026-08-11T12:00:00Z")
            // Revoking again changes nothing and records nothing; an unknown key is not found.
            #expect(
                try await server.request(.DELETE, "/api/v1/partners/\(scene.partnerID)/api-keys/\(keyID)", token: scene.managerToken)
                    .status == 200)
            #expect(
                try await server.request(.DELETE, "/api/v1/partners/\(scene.partnerID)/api-keys/k-none", token: scene.managerToken)
                    .status == 404)
            let after = try await server.platform.engine.auditLog(ofDocument: WorkflowEngine.administrationLog)
            #expect(after.filter { $0.event.action.administrativeAction == .apiKeyRevoked }.count == 1)
        }
    }

    /// Attack: a revoked key — at the door, and inside the transaction of a principal authenticated just before
    /// the revocation (another node, a request in flight).
    @Test(arguments: StoreKind.available) func aRevokedKeyIsRefused(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let (keyID, secret) = try await Self.makeKey(scene, rights: ["upload"])
            let inFlight = try #require(try await server.platform.engine.authenticate(apiKey: secret, at: ServerHarness.pinnedTime))
            _ = try await server.request(.DELETE, "/api/v1/partners/\(scene.partnerID)/api-keys/\(keyID)", token: scene.managerToken)
            let refused = try await Self.upload(scene, token: secret)
            #expect(refused.status == 401, "\(refused.text)")
            #expect(try refused.json()["code"] as? String == "NOT_AUTHENTICATED")
            #expect(try await server.platform.engine.authenticate(apiKey: secret) == nil)
            let command = WorkflowCommand.upload(
                documentID: "d-late", uploadedBy: keyID,
                UploadRequest(
                    partnerID: scene.partnerID, fileName: "late.pdf", mediaType: "application/pdf", size: 3,
                    sha256: String(repeating: "a", count: 64), gost34311: String(repeating: "b", count: 64)))
            await #expect(throws: WorkflowError.permissionDenied(.apiKeyRevoked)) {
                try await server.platform.engine.execute(
                    command, by: inFlight.principal, client: ClientContext(ipAddress: nil, userAgent: "t"), blobPath: "x")
            }
        }
    }

    /// Attack: partner X's key on partner Y's documents and lists, and on Y's keys.
    @Test(arguments: StoreKind.available) func aKeyOfOnePartnerReachesNothingOfAnother(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let other = try await server.request(
                .POST, "/api/v1/admin/partners", token: scene.adminToken, json: ["bin": AttackTests.validBIN, "organisation": "ТОО Б"])
            let otherID = try #require(try other.json()["id"] as? String)
            _ = try await server.request(
                .POST, "/api/v1/partners/\(otherID)/employees", token: scene.adminToken,
                json: ["phone": "+77010000023", "rights": ["upload", "manageEmployees"]])
            let otherManager = try await server.login("+77010000023")
            let theirs = try await Self.upload(scene, token: otherManager, partnerID: otherID)
            let theirDocument = try #require((try theirs.json()["document"] as? [String: Any])?["id"] as? String)

            let (_, secret) = try await Self.makeKey(scene, rights: ["upload", "send", "viewAllPartnerDocuments"])
            for (method, path) in [
                (HTTPMethod.GET, "/api/v1/documents/\(theirDocument)"), (.GET, "/api/v1/documents/\(theirDocument)/content"),
                (.GET, "/api/v1/partners/\(otherID)/documents"), (.POST, "/api/v1/documents/\(theirDocument)/send"),
                (.GET, "/api/v1/partners/\(otherID)/api-keys"), (.GET, "/api/v1/partners/\(otherID)/tariffs"),
            ] {
                let answer = try await server.request(method, path, token: secret)
                #expect(answer.status == 403, "\(method) \(path): \(answer.status) \(answer.text)")
            }
            let upload = try await Self.upload(scene, token: secret, partnerID: otherID)
            #expect(upload.status == 403)
            #expect(try upload.json()["code"] as? String == "FORBIDDEN")
        }
    }

    /// Attack: a key on the administration, on a person's routes (the account, signing) and on the pages.
    @Test(arguments: StoreKind.available) func aKeyIsRefusedOnAdministrationSigningAndTheAccount(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let (_, secret) = try await Self.makeKey(scene, rights: ["upload", "send", "viewAllPartnerDocuments"])
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)], by: secret)
            let slot = documentID + "-partner"
            for (method, path, json) in [
                (HTTPMethod.POST, "/api/v1/admin/partners", ["bin": AttackTests.validBIN(3), "organisation": "ТОО Г"] as [String: Any]),
                (.POST, "/api/v1/admin/tariffs", ["partnerID": scene.partnerID, "usesTotal": 5]),
                (.GET, "/api/v1/me", [:]), (.GET, "/api/v1/me/documents", [:]), (.DELETE, "/api/v1/auth/session", [:]),
                (.POST, "/api/v1/documents/\(documentID)/signers/\(slot)/codes", ["action": "sign"]),
                (.POST, "/api/v1/documents/\(documentID)/signers/\(slot)/eds", ["format": "cms", "signature": "AAAA"]),
                (.POST, "/api/v1/documents/\(documentID)/signers/\(slot)/view", [:]),
            ] {
                let answer = try await server.request(method, path, token: secret, json: json)
                #expect(answer.status == 403, "\(method) \(path): \(answer.status) \(answer.text)")
                #expect(answer.text.contains("API"), "\(answer.text)")
            }
            // The pages never take a key: the cabinet sends it to the login page.
            let cabinet = try await server.request(.GET, "/cabinet", token: secret)
            #expect(cabinet.status == 303, "\(cabinet.status) \(cabinet.text.prefix(200))")
            #expect(cabinet.headers.first(name: "Location")?.hasPrefix("/login") == true)
            // Nor does the engine let a key sign, whatever route it came by.
            let principal = try #require(try await server.platform.engine.authenticate(apiKey: secret)).principal
            let document = try #require(try await server.platform.engine.state(ofDocument: documentID).document)
            #expect(Permissions.decide(principal, .signForPartner, document: document) == .denied(.apiKeysDoNotSign))
            #expect(Permissions.decide(principal, .sign, document: document) == .denied(.apiKeysDoNotSign))
            #expect(Permissions.decide(principal, .administerPartners) == .denied(.administratorsOnly))
        }
    }

    /// Attack: a key with fewer rights, and a key trying to mint keys or staff (privilege escalation).
    @Test(arguments: StoreKind.available) func aKeyActsOnlyWithinItsRights(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let (_, reader) = try await Self.makeKey(scene, rights: ["viewAllPartnerDocuments"])
            let upload = try await Self.upload(scene, token: reader)
            #expect(upload.status == 403)
            #expect(try upload.json()["code"] as? String == "FORBIDDEN")
            #expect(try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/documents", token: reader).status == 200)
            let (_, uploader) = try await Self.makeKey(scene, rights: ["upload"])
            let own = try await Self.upload(scene, token: uploader)
            let id = try #require((try own.json()["document"] as? [String: Any])?["id"] as? String)
            let send = try await server.request(.POST, "/api/v1/documents/\(id)/send", token: uploader)
            #expect(send.status == 403, "\(send.text)")

            // A key does not make keys or grant rights, whatever rights it has.
            let mint = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/api-keys", token: uploader, json: ["name": "more", "rights": ["upload"]])
            #expect(mint.status == 403)
            let staff = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/employees", token: uploader,
                json: ["phone": "+77010000031", "rights": ["upload"]])
            #expect(staff.status == 403)
            #expect(
                try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/api-keys", token: uploader).status == 403)
            // A manager cannot give a key the rights a key may not hold, nor make a nameless one.
            for rights in [["signForPartner"], ["manageEmployees"], ["upload", "signForPartner"]] {
                let refused = try await server.request(
                    .POST, "/api/v1/partners/\(scene.partnerID)/api-keys", token: scene.managerToken, json: ["name": "x", "rights": rights])
                #expect(refused.status == 400, "\(rights): \(refused.text)")
            }
            let nameless = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/api-keys", token: scene.managerToken, json: ["name": "  ", "rights": []])
            #expect(nameless.status == 400)
            // An employee who does not manage cannot make one either.
            _ = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/employees", token: scene.managerToken,
                json: ["phone": "+77010000022", "rights": ["upload", "send"]])
            let employee = try await server.login("+77010000022")
            let byEmployee = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/api-keys", token: employee, json: ["name": "mine", "rights": ["upload"]])
            #expect(byEmployee.status == 403)
        }
    }

    /// Attack: guessed and forged secrets, a session token dressed as a key, a key's digest as a key.
    @Test(arguments: StoreKind.available) func aGuessedKeyIsRefused(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let (_, secret) = try await Self.makeKey(scene, rights: ["upload", "viewAllPartnerDocuments"])
            let digest = Hex.encode(DigestAlgorithm.sha256.hash(Array(secret.utf8)))
            var flipped = Array(secret)
            flipped[flipped.count - 1] = flipped.last == "A" ? "B" : "A"
            for guess in [
                "sk_live_" + (try RandomToken.secret.make()), String(flipped), String(secret.dropLast()), "sk_live_", digest,
                "sk_live_" + digest, "sk_test_" + secret.dropFirst(8), "sk_live_" + scene.managerToken,
            ] {
                let answer = try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/documents", token: guess)
                #expect(answer.status == 401, "\(guess): \(answer.status)")
            }
            #expect(try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/documents", token: secret).status == 200)
        }
    }
}
