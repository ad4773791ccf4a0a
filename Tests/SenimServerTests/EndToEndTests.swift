import Foundation
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimServer
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import SenimXMLDSig
import Testing

/// The whole platform over real HTTP on loopback, on SQLite and on PostgreSQL: a partner logs in by SMS,
/// uploads, names two signers and signs first with a GOST-2015 CMS from an NCA test key (as NCALayer makes
/// it); signer 1 signs by SMS code from their link; signer 2 signs the XML statement with an NCA test key;
/// the document is signed, one tariff use is debited, and the evidence package verifies with
/// `senimkey evidence verify`. A second document is rejected and debits nothing.
@Suite(.serialized) struct EndToEndTests {
    static let admin = "+77010000009", manager = "+77010000001", client1 = "+77010000002", client2 = "+77010000003"
    /// A real IIN shape with a valid check digit for the SMS signer; signer 2 is the NCA test individual.
    static let client1IIN: String = {
        let candidates: [String] = (0...99).map { "90010130" + String(format: "%02d", $0) + "0" }.flatMap { base in
            (0...9).map { base + String($0) }
        }
        return candidates.first { KazakhIdentifier($0, kind: .iin)?.hasValidCheckDigit == true } ?? ""
    }()

    @Test(arguments: StoreKind.available) func partnerAndTwoSignersCompleteADocument(_ kind: StoreKind) async throws {
        // On loopback: the whole walk over real HTTP, as a client meets the deployed server.
        try await ServerHarness.withServer(kind, transport: .loopback) { server in
            let (partnerID, managerToken) = try await Self.partnerWithManager(server)

            // Upload and name the signers.
            let pdf = Array("%PDF-1.4\n% Договор поставки № 17\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
            let upload = try await server.request(
                .POST,
                "/api/v1/partners/\(partnerID)/documents?fileName=Договор.pdf".addingPercentEncoding(
                    withAllowedCharacters: .urlQueryAllowed)!,
                token: managerToken, body: pdf)
            #expect(upload.status == 201, "\(upload.text)")
            let document = try #require(try upload.json()["document"] as? [String: Any])
            let documentID = try #require(document["id"] as? String)
            #expect(document["mediaType"] as? String == "application/pdf")
            #expect(document["sha256"] as? String == Hex.encode(DigestAlgorithm.sha256.hash(pdf)))
            for (surname, iin, phone) in [("Сериков", Self.client1IIN, Self.client1), ("Тестов", "123456789011", Self.client2)] {
                let added = try await server.request(
                    .POST, "/api/v1/documents/\(documentID)/signers", token: managerToken,
                    json: ["surname": surname, "name": "Тест", "iin": iin, "phone": phone])
                #expect(added.status == 201, "\(added.text)")
            }
            let invalidIIN = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers", token: managerToken,
                json: ["surname": "A", "name": "B", "iin": "900101300001", "phone": "+77010000004"])
            #expect(invalidIIN.status == 400 && invalidIIN.text.contains("INVALID_INPUT"))
            let sent = try await server.request(.POST, "/api/v1/documents/\(documentID)/send", token: managerToken)
            #expect(sent.status == 200, "\(sent.text)")
            #expect(
                try server.outbox.messages().filter { $0.purpose == "signingLink" }.isEmpty, "nobody is notified before the partner signs")

            // The partner signs first: a detached GOST-2015 CMS by the first head's key (NCALayer's basics.sign).
            let signers = try Self.signers(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: managerToken))
            let partnerSlot = try #require(signers.first { $0["party"] as? String == "partner" }?["id"] as? String)
            let toSign = try await server.request(.GET, "/api/v1/documents/\(documentID)/signers/\(partnerSlot)/eds", token: managerToken)
            let encoded = try #require(try toSign.json()["data"] as? String)
            let data = try #require(Data(base64Encoded: encoded))
            #expect(Array(data) == pdf)
            let digests = try #require(try toSign.json()["digests"] as? [String: String])
            #expect(digests["streebog512"] == Data(DigestAlgorithm.streebog512.hash(pdf)).base64EncodedString())
            #expect(digests["gost34311"] == Data(DigestAlgorithm.gost34311.hash(pdf)).base64EncodedString())
            let head = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
            let cms = try CMSBuilder.sign(
                Array(data), detached: true, signers: [CMSSigner(identity: head, signingTime: ServerHarness.pinnedTime)])
            let partnerSigned = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(partnerSlot)/eds", token: managerToken,
                json: ["format": "cms", "signature": Data(cms.derEncoded).base64EncodedString()])
            #expect(partnerSigned.status == 200, "\(partnerSigned.text)")

            // Signer 1: the SMS link, then an SMS code bound to the document.
            let link1 = try server.lastLink(to: Self.client1)
            let session1 = try await server.request(.POST, "/api/v1/links/\(link1)/session", json: ["acceptAgreement": true])
            let token1 = try #require(try session1.json()["token"] as? String)
            let slot1 = try #require(signers.first { $0["phone"] as? String == Self.client1 }?["id"] as? String)
            let content = try await server.request(.GET, "/api/v1/documents/\(documentID)/content", token: token1)
            #expect(content.status == 200 && content.body == pdf)
            let code = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot1)/codes", token: token1, json: ["action": "sign"])
            #expect(code.status == 202, "\(code.text)")
            let challenge = try #require(try code.json()["challengeID"] as? String)
            let wrong = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot1)/ses", token: token1,
                json: ["challengeID": challenge, "code": "000000" == (try server.lastCode(to: Self.client1)) ? "111111" : "000000"],
                headers: [("Accept-Language", "kk")])
            #expect(wrong.status == 422 && wrong.text.contains("Код жарамсыз"), "\(wrong.text)")
            let signed1 = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot1)/ses", token: token1,
                json: ["challengeID": challenge, "code": try server.lastCode(to: Self.client1)])
            #expect(signed1.status == 200, "\(signed1.text)")

            // Signer 2: eGov mobile's QR flow with the XML method, driven as the app drives it.
            let link2 = try server.lastLink(to: Self.client2)
            let token2 = try #require(
                try (try await server.request(.POST, "/api/v1/links/\(link2)/session", json: ["acceptAgreement": true])).json()["token"]
                    as? String)
            let slot2 = try #require(signers.first { $0["phone"] as? String == Self.client2 }?["id"] as? String)
            let app = EGovMobileApp(server: server)
            let ticket = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot2)/egov", token: token2, json: ["method": "XML"])
            #expect(ticket.status == 201, "\(ticket.text)")
            let qr = try #require(try ticket.json()["qr"] as? String)
            #expect(qr.hasPrefix("mobileSign:") && qr.contains("mgovSign"))
            let wrongKey = try SigningIdentity(
                pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/employee_signright.p12"), password: "Qwerty12")
            let refused = try await app.sign(qr: qr, with: wrongKey, language: "en")
            #expect(refused.status == 403 && refused.text.contains("named signer is IIN 123456789011"), "\(refused.text)")
            let individual = try SigningIdentity(
                pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/individual/valid/individual_valid.p12"), password: "Qwerty12")
            let signed2 = try await app.sign(qr: qr, with: individual, language: "ru")
            #expect(signed2.status == 200 && signed2.text.contains("success"), "\(signed2.text)")
            let afterQR = try await server.request(.GET, "/api/v1/documents/\(documentID)", token: token2)
            #expect((try afterQR.json()["document"] as? [String: Any])?["status"] as? String == "signed")
            #expect(try await app.sign(qr: qr, with: individual, language: "ru").status == 404, "a ticket is single use")

            // One use debited, none reserved.
            let tariffs = try await server.request(.GET, "/api/v1/partners/\(partnerID)/tariffs", token: managerToken)
            let tariff = try #require((try JSONSerialization.jsonObject(with: Data(tariffs.body)) as? [[String: Any]])?.first)
            #expect(tariff["usesUsed"] as? Int == 1 && tariff["usesReserved"] as? Int == 0, "\(tariffs.text)")

            // Each signature downloads as received.
            let listed = try await server.request(.GET, "/api/v1/documents/\(documentID)/signatures", token: token2)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.body)) as? [[String: Any]])
            #expect(entries.map { $0["kind"] as? String } == ["EDS", "SES", "EDS", "EDS"], "\(listed.text)")
            #expect(
                entries.map { $0["accepted"] as? Bool } == [true, true, false, true], "the wrong key's attempt is kept, marked refused")
            let cmsEntry = try #require(entries.first?["sha256"] as? String)
            let downloaded = try await server.request(.GET, "/api/v1/documents/\(documentID)/signatures/\(cmsEntry)", token: token2)
            #expect(downloaded.body == cms.derEncoded && downloaded.headers.first(name: "Content-Type") == "application/pkcs7-signature")

            // The evidence package, verified by the forensic CLI offline.
            let package = try await server.request(.GET, "/api/v1/documents/\(documentID)/evidence", token: token1)
            #expect(package.status == 200 && package.headers.first(name: "Content-Type") == EvidencePackageBuilder.mimeType)
            let path = server.directory + "/evidence.asice"
            try Data(package.body).write(to: URL(fileURLWithPath: path))
            let verify = try await CLIRunner.run([
                "evidence", "verify", path, "--trust", "testvectors/kz/ca/root_test_gost_2022.cer", "--trust",
                "testvectors/kz/ca/nca_gost2015_test.cer",
                "--trust", "testvectors/generated/test-pki/root.cert.pem", "--crl", "testvectors/kz/crl/nca_gost2022_test.2026-08-11.crl",
                "--crl", "testvectors/generated/test-pki/root.crl",
            ])
            #expect(verify.status == 0, "\(verify.output)\n\(verify.error)")
            #expect(verify.output.contains("TOTAL_PASSED"))

            // Another party's link does not open this document; no token, no document.
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)").status == 401)
            let report = try await server.request(.GET, "/api/v1/documents/\(documentID)/report?lang=ru", token: managerToken)
            #expect(report.status == 200 && report.text.contains("<html"))

            try await Self.rejectedDocumentDebitsNothing(
                server, partnerID: partnerID, managerToken: managerToken, otherDocument: documentID)
            try await Self.auditChainsHold(server)
        }
    }

    /// A second document, rejected by signer 1 with an SMS-confirmed reason: rejected, nothing debited.
    static func rejectedDocumentDebitsNothing(_ server: ServerHarness, partnerID: String, managerToken: String, otherDocument: String)
        async throws
    {
        let upload = try await server.request(
            .POST, "/api/v1/partners/\(partnerID)/documents?fileName=act.txt&signingMethod=SES", token: managerToken,
            body: Array("Акт сверки".utf8))
        let documentID = try #require((try upload.json()["document"] as? [String: Any])?["id"] as? String)
        _ = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers", token: managerToken,
            json: ["surname": "Сериков", "name": "Тест", "iin": client1IIN, "phone": client1])
        _ = try await server.request(.POST, "/api/v1/documents/\(documentID)/send", token: managerToken)
        let signers = try Self.signers(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: managerToken))
        let partnerSlot = try #require(signers.first { $0["party"] as? String == "partner" }?["id"] as? String)
        // The partner signs by SMS code: the code goes to the employee signing for it.
        let code = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(partnerSlot)/codes", token: managerToken, json: ["action": "sign"])
        let challenge = try #require(try code.json()["challengeID"] as? String)
        let partnerSigned = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(partnerSlot)/ses", token: managerToken,
            json: ["challengeID": challenge, "code": try server.lastCode(to: manager)])
        #expect(partnerSigned.status == 200, "\(partnerSigned.text)")

        let link = try server.lastLink(to: client1)
        let token = try #require(
            try (try await server.request(.POST, "/api/v1/links/\(link)/session", json: ["acceptAgreement": true])).json()["token"]
                as? String)
        #expect(
            try await server.request(.GET, "/api/v1/documents/\(otherDocument)", token: token).status == 403,
            "a link opens its own document only")
        let slot = try #require(signers.first { $0["party"] as? String == "person" }?["id"] as? String)
        let rejectCode = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/codes", token: token, json: ["action": "reject"])
        let rejectChallenge = try #require(try rejectCode.json()["challengeID"] as? String)
        // A code issued to reject does not sign, and presenting it in the wrong place does not spend it.
        let misused = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/ses", token: token,
            json: ["challengeID": rejectChallenge, "code": try server.lastCode(to: client1)])
        #expect(misused.status == 422 && misused.text.contains("CODE_NOT_ACCEPTED"))
        let rejected = try await server.request(
            .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/reject", token: token,
            json: ["challengeID": rejectChallenge, "code": try server.lastCode(to: client1), "reason": "Сумма не совпадает"])
        #expect(rejected.status == 200, "\(rejected.text)")
        #expect((try rejected.json()["document"] as? [String: Any])?["status"] as? String == "rejected")
        let tariffs = try await server.request(.GET, "/api/v1/partners/\(partnerID)/tariffs", token: managerToken)
        let tariff = try #require((try JSONSerialization.jsonObject(with: Data(tariffs.body)) as? [[String: Any]])?.first)
        #expect(tariff["usesUsed"] as? Int == 1 && tariff["usesReserved"] as? Int == 0, "\(tariffs.text)")
    }

    /// Every chain the run wrote verifies, and the platform log holds one leaf per recorded step.
    static func auditChainsHold(_ server: ServerHarness) async throws {
        let engine = server.platform.engine
        let chains = try await engine.store.query(SQLStatement("SELECT DISTINCT document_id FROM audit_events"))
        #expect(chains.count == 5, "administration, two accounts, two documents")
        for row in chains {
            let log = try await engine.auditLog(ofDocument: try #require(row.first?.text))
            try AuditChain.verify(log)
        }
        let leaves = try await engine.logLeafHashes()
        #expect(!leaves.isEmpty)
    }

    /// An administrator (set up by the platform itself), a partner with the NCA test BIN and a tariff package,
    /// and a manager appointed by the administrator, logged in.
    static func partnerWithManager(_ server: ServerHarness) async throws -> (partnerID: String, managerToken: String) {
        let engine = server.platform.engine
        try await engine.save(
            .user(User(id: "u-admin", phone: PhoneNumber(admin)!, isAdministrator: true, createdAt: ServerHarness.pinnedTime)), by: nil,
            client: ClientContext(ipAddress: nil, userAgent: "setup"))
        let adminToken = try await server.login(admin)
        let partner = try await server.request(
            .POST, "/api/v1/admin/partners", token: adminToken, json: ["bin": "123456789021", "organisation": "АО \"ТЕСТ\""])
        #expect(partner.status == 201, "\(partner.text)")
        let partnerID = try #require(try partner.json()["id"] as? String)
        let tariff = try await server.request(
            .POST, "/api/v1/admin/tariffs", token: adminToken,
            json: ["partnerID": partnerID, "usesTotal": 5, "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z"])
        #expect(tariff.status == 201, "\(tariff.text)")
        let appointed = try await server.request(
            .POST, "/api/v1/partners/\(partnerID)/employees", token: adminToken,
            json: [
                "phone": manager, "surname": "Тестов", "name": "Тест",
                "rights": ["upload", "send", "signForPartner", "viewAllPartnerDocuments", "manageEmployees"],
            ])
        #expect(appointed.status == 201, "\(appointed.text)")
        return (partnerID, try await server.login(manager))
    }

    static func signers(_ answer: ServerHarness.Answer) throws -> [[String: Any]] {
        try #require(try answer.json()["signers"] as? [[String: Any]])
    }
}

/// Runs the built `senimkey` binary from the repository root.
enum CLIRunner {
    /// Runs `senimkey` from the repository's root, off the cooperative pool (the loopback server under test keeps
    /// its threads), reading standard output and standard error at the same time.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String, error: String) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("senimkey")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let outcome = try await ExternalTool.outcome(binary, arguments, in: root)
        return (outcome.status, outcome.standardOutput, outcome.standardError)
    }
}
