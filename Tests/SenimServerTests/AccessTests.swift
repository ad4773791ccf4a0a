import Foundation
import SenimCMS
import SenimEvidence
import SenimPKI
import SenimServer
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

/// Who gets in and who does not: SMS login limits, the agreement, sessions that expire, end and are cut off
/// by a block; permissions between clients, employees, partners and administrators; size limits; where the
/// client's address comes from; and that no code or token reaches a log.
@Suite(.serialized) struct AccessTests {
    /// A phone one digit short is said back, never read as another person's number: no code goes anywhere, and the
    /// login page keeps what was typed.
    @Test(arguments: StoreKind.available) func aPhoneTypoReachesNoStranger(_ kind: StoreKind) async throws {
        try await ServerHarness.withServer(kind) { server in
            let typo = "+7 702 111 22 3"
            let refused = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": typo], headers: [("Accept-Language", "en")])
            #expect(refused.status == 400)
            #expect(refused.text.contains("exactly 10 digits must follow +7, and 9 were typed"))
            let russian = try await server.request(
                .POST, "/api/v1/auth/code", json: ["phone": "+7 727 250 00 00"], headers: [("Accept-Language", "ru")])
            #expect(russian.status == 400 && russian.text.contains("код 727 — городской, на него не приходят SMS"))
            #expect(try server.outbox.messages().isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func loginCodesFollowTheSESRules(_ kind: StoreKind) async throws {
        // On loopback: the audit records the TCP peer's address.
        try await ServerHarness.withServer(kind, transport: .loopback) { server in
            let phone = "+77011110001"
            let first = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": phone])
            let challenge = try #require(try first.json()["challengeID"] as? String)
            let code = try server.lastCode(to: phone)

            // The agreement first: refused without it, and the code is not spent by the refusal.
            let withoutAgreement = try await server.request(
                .POST, "/api/v1/auth/session", json: ["phone": phone, "challengeID": challenge, "code": code])
            #expect(withoutAgreement.status == 409 && withoutAgreement.text.contains("AGREEMENT_REQUIRED"))
            // Five wrong codes lock the challenge; the right code is then refused too.
            let wrong = code == "123456" ? "654321" : "123456"
            for _ in 0..<5 {
                let attempt = try await server.request(
                    .POST, "/api/v1/auth/session", json: ["phone": phone, "challengeID": challenge, "code": wrong, "acceptAgreement": true])
                #expect(attempt.status == 422 && attempt.text.contains("CODE_NOT_ACCEPTED"))
            }
            let locked = try await server.request(
                .POST, "/api/v1/auth/session", json: ["phone": phone, "challengeID": challenge, "code": code, "acceptAgreement": true])
            #expect(locked.status == 422)

            // A new code works once; expired codes do not.
            _ = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": phone])
            let second = try #require(try server.outbox.messages().last).text
            let secondChallenge = try #require(
                try await server.platform.engine.store.query(
                    SQLStatement(
                        "SELECT id FROM login_challenges WHERE phone = ? AND status = 'pending' ORDER BY created_at DESC, id LIMIT 1",
                        [.text(phone)])
                ).first?.first?.text)
            server.clock.advance(301)
            let expired = try await server.request(
                .POST, "/api/v1/auth/session",
                json: [
                    "phone": phone, "challengeID": secondChallenge,
                    "code": try server.lastCode(to: phone), "acceptAgreement": true,
                ])
            #expect(expired.status == 422, "\(second)")

            // Three codes per phone in ten minutes (the two above have left the window).
            server.clock.advance(300)
            for _ in 0..<3 { #expect(try await server.request(.POST, "/api/v1/auth/code", json: ["phone": phone]).status == 202) }
            let limited = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": phone], headers: [("Accept-Language", "en")])
            #expect(limited.status == 429 && limited.text.contains("Too many codes"))

            // A good login: the agreement acceptance is on record with the address and the device.
            server.clock.advance(601)
            let token = try await server.login(phone)
            let me = try await server.request(.GET, "/api/v1/me", token: token)
            #expect(me.status == 200)
            let account = try await server.platform.engine.auditLog(ofDocument: WorkflowEngine.accountChain(PhoneNumber(phone)!))
            let accepted = try #require(
                account.first { if case .agreementAccepted = $0.event.action { return true } else { return false } })
            #expect(accepted.event.client.ipAddress == "127.0.0.1" && accepted.event.client.userAgent == "senimkey-tests")
            #expect(account.contains { if case .otpFailed = $0.event.action { return true } else { return false } })
            try AuditChain.verify(account)

            // Logout ends the session; so does time.
            #expect(try await server.request(.DELETE, "/api/v1/auth/session", token: token).status == 204)
            #expect(try await server.request(.GET, "/api/v1/me", token: token).status == 401)
            let again = try await server.login(phone)
            server.clock.advance(12 * 3600 + 1)
            #expect(try await server.request(.GET, "/api/v1/me", token: again).status == 401)

            // No code and no token ever reached a log line.
            let secrets =
                try server.outbox.messages().compactMap { message in
                    message.text.range(of: #"\d{6}"#, options: .regularExpression).map { String(message.text[$0]) }
                } + [token, again]
            let lines = server.logs.lines
            #expect(lines.contains { $0.contains("route=/api/v1/auth/session") })
            #expect(!lines.contains { line in secrets.contains { line.contains($0) } })
        }
    }

    @Test(arguments: StoreKind.available) func permissionsHoldAcrossRolesAndPartners(_ kind: StoreKind) async throws {
        try await ServerHarness.withServer(kind, maximumDocumentSize: 4096) { server in
            let (partnerA, managerA) = try await EndToEndTests.partnerWithManager(server)
            let adminToken = try await server.login(EndToEndTests.admin)
            let partnerB = try #require(
                try
                    (try await server.request(
                        .POST, "/api/v1/admin/partners", token: adminToken,
                        json: ["bin": "240740012770", "organisation": "ТОО «Другой»"])).json()["id"] as? String)
            let invalidBIN = try await server.request(
                .POST, "/api/v1/admin/partners", token: adminToken, json: ["bin": "240740012771", "organisation": "X"])
            #expect(invalidBIN.status == 400)

            // An employee with the view right only: cannot upload; cannot touch another partner.
            let viewer = "+77011110002"
            let granted = try await server.request(
                .POST, "/api/v1/partners/\(partnerA)/employees", token: managerA,
                json: ["phone": viewer, "rights": ["viewAllPartnerDocuments"]])
            #expect(granted.status == 201, "\(granted.text)")
            let viewerToken = try await server.login(viewer)
            #expect(
                try await server.request(
                    .POST, "/api/v1/partners/\(partnerA)/documents?fileName=a.txt", token: viewerToken, body: Array("x".utf8)
                ).status == 403)
            #expect(try await server.request(.GET, "/api/v1/partners/\(partnerB)/documents", token: managerA).status == 403)
            #expect(
                try await server.request(
                    .POST, "/api/v1/partners/\(partnerB)/documents?fileName=a.txt", token: managerA, body: Array("x".utf8)
                )
                .status == 403)

            // A document of partner A with one signer.
            let upload = try await server.request(
                .POST, "/api/v1/partners/\(partnerA)/documents?fileName=a.txt&partnerSignsFirst=false", token: managerA,
                body: Array("Договор".utf8))
            let documentID = try #require((try upload.json()["document"] as? [String: Any])?["id"] as? String)
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: viewerToken).status == 200)
            #expect(
                try await server.request(.POST, "/api/v1/documents/\(documentID)/send", token: viewerToken).status == 403, "no send right")
            _ = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers", token: managerA,
                json: ["surname": "Сериков", "name": "Тест", "iin": EndToEndTests.client1IIN, "phone": EndToEndTests.client1])
            #expect(try await server.request(.POST, "/api/v1/documents/\(documentID)/send", token: managerA).status == 200)

            // The signer sees it; another client, an administrator and an anonymous caller do not.
            let signerToken = try await server.login(EndToEndTests.client1)
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)/content", token: signerToken).status == 200)
            let strangerToken = try await server.login("+77011110003")
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: strangerToken).status == 403)
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)/content", token: strangerToken).status == 403)
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)/evidence", token: strangerToken).status == 403)
            #expect(
                try await server.request(.GET, "/api/v1/documents/\(documentID)/content", token: adminToken).status == 403,
                "administrators do not read documents")
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)/content").status == 401)
            #expect(
                try await server.request(
                    .POST, "/api/v1/admin/tariffs", token: managerA,
                    json: [
                        "partnerID": partnerA, "usesTotal": 100, "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z",
                    ]
                ).status == 403)

            // A block locks the user out at once; a restore lets them back.
            let me = try #require(
                (try (try await server.request(.GET, "/api/v1/me", token: signerToken)).json()["user"] as? [String: Any])?["id"] as? String)
            #expect(
                try await server.request(.POST, "/api/v1/admin/users/\(me)/status", token: adminToken, json: ["status": "blocked"]).status
                    == 200)
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: signerToken).status == 401)
            #expect(try await server.request(.POST, "/api/v1/auth/code", json: ["phone": EndToEndTests.client1]).status == 202)
            let blockedLogin = try await server.request(
                .POST, "/api/v1/auth/session",
                json: [
                    "phone": EndToEndTests.client1,
                    "challengeID": try #require(
                        try (try await server.request(.POST, "/api/v1/auth/code", json: ["phone": EndToEndTests.client1])).json()[
                            "challengeID"]
                            as? String),
                    "code": try server.lastCode(to: EndToEndTests.client1), "acceptAgreement": true,
                ])
            #expect(blockedLogin.status == 403 && blockedLogin.text.contains("USER_BLOCKED"))
            #expect(
                try await server.request(.POST, "/api/v1/admin/users/\(me)/status", token: adminToken, json: ["status": "active"]).status
                    == 200
            )
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: signerToken).status == 200)

            // A deactivated partner's employees cannot send; its package change is audited like every admin action.
            #expect(
                try await server.request(
                    .POST, "/api/v1/admin/partners/\(partnerA)/status", token: adminToken, json: ["status": "inactive"]
                )
                .status == 200)
            let draft = try await server.request(
                .POST, "/api/v1/partners/\(partnerA)/documents?fileName=b.txt", token: managerA, body: Array("b".utf8))
            #expect(draft.status == 403 || draft.status == 409, "\(draft.text)")
            let administration = try await server.platform.engine.auditLog(ofDocument: WorkflowEngine.administrationLog)
            #expect(
                administration.contains {
                    if case .administrative(let action, _) = $0.event.action {
                        return AdministrativeAction(recorded: action) == .partnerStatus(.inactive)
                    } else {
                        return false
                    }
                })
            #expect(
                administration.contains {
                    if case .administrative(let action, _) = $0.event.action {
                        return AdministrativeAction(recorded: action) == .userStatus(.blocked)
                    } else {
                        return false
                    }
                })

            // Size limits: the document and JSON bodies.
            #expect(
                try await server.request(.POST, "/api/v1/admin/partners/\(partnerA)/status", token: adminToken, json: ["status": "active"])
                    .status == 200)
            let tooLarge = try await server.request(
                .POST, "/api/v1/partners/\(partnerA)/documents?fileName=big.pdf", token: managerA,
                body: [UInt8](repeating: 0x41, count: 5000))
            #expect(tooLarge.status == 413, "\(tooLarge.text)")
            let hugeJSON = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": String(repeating: "7", count: 5 << 20)])
            #expect(hugeJSON.status == 413)
        }
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() async throws {
        for (trusted, expected) in [(Set<String>(), "127.0.0.1"), (["127.0.0.1"], "203.0.113.50")] {
            // On loopback: whether X-Forwarded-For is believed depends on the TCP peer.
            try await ServerHarness.withServer(.sqlite, transport: .loopback, trustedProxies: trusted) { server in
                let phone = "+77011110004"
                _ = try await server.request(
                    .POST, "/api/v1/auth/code", json: ["phone": phone], headers: [("X-Forwarded-For", "198.51.100.1, 203.0.113.50")])
                let log = try await server.platform.engine.auditLog(ofDocument: WorkflowEngine.accountChain(PhoneNumber(phone)!))
                #expect(log.first?.event.client.ipAddress == expected)
            }
        }
    }

    @Test func codesPerAddressAreLimited() async throws {
        // On loopback: the limit counts codes per TCP peer address.
        try await ServerHarness.withServer(.sqlite, transport: .loopback) { server in
            for index in 0..<20 {
                #expect(
                    try await server.request(.POST, "/api/v1/auth/code", json: ["phone": "+7701200\(String(format: "%04d", index))"]).status
                        == 202)
            }
            let limited = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": "+77012009999"])
            #expect(limited.status == 429 && limited.text.contains("RATE_LIMITED"))
        }
    }

    /// A CMS that is not over the document (NCALayer signed other bytes) is refused with the verdict, in the
    /// user's language, and the attempt is on record; the document is still waiting for that signature.
    @Test(arguments: StoreKind.available) func invalidSignaturesAreRefusedExplainedAndRecorded(_ kind: StoreKind) async throws {
        try await ServerHarness.withServer(kind) { server in
            let (partnerID, managerToken) = try await EndToEndTests.partnerWithManager(server)
            let upload = try await server.request(
                .POST, "/api/v1/partners/\(partnerID)/documents?fileName=a.txt", token: managerToken, body: Array("Договор".utf8))
            let documentID = try #require((try upload.json()["document"] as? [String: Any])?["id"] as? String)
            _ = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers", token: managerToken,
                json: ["surname": "Сериков", "name": "Тест", "iin": EndToEndTests.client1IIN, "phone": EndToEndTests.client1])
            _ = try await server.request(.POST, "/api/v1/documents/\(documentID)/send", token: managerToken)
            let slot = "\(documentID)-partner"
            let head = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
            let other = try CMSBuilder.sign(
                Array("другой текст".utf8), detached: true, signers: [CMSSigner(identity: head, signingTime: ServerHarness.pinnedTime)])
            let refused = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/eds", token: managerToken,
                json: ["format": "cms", "signature": Data(other.derEncoded).base64EncodedString()], headers: [("Accept-Language", "ru")])
            #expect(
                refused.status == 422 && refused.text.contains("SIGNATURE_NOT_VALID") && refused.text.contains("HASH_FAILURE"),
                "\(refused.text)")
            let garbage = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/eds", token: managerToken,
                json: ["format": "cms", "signature": "MIIB"])
            #expect(garbage.status == 422 && garbage.text.contains("UNREADABLE_SIGNATURE"))
            let log = try await server.platform.engine.auditLog(ofDocument: documentID)
            #expect(log.contains { if case .signatureRefused = $0.event.action { return true } else { return false } })
            let state = try await server.platform.engine.state(ofDocument: documentID)
            #expect(state.signers.first { $0.party == .partner }?.state == .notified)
        }
    }

    @Test func metricsAreExposedForPrometheus() async throws {
        // On loopback: /metrics answers only the monitoring addresses, by TCP peer.
        try await ServerHarness.withServer(.sqlite, transport: .loopback) { server in
            _ = try await server.login("+77011110005")
            let metrics = try await server.request(.GET, "/metrics")
            #expect(metrics.status == 200)
            #expect(
                metrics.text.contains("senimkey_http_requests_total") && metrics.text.contains("senimkey_sms_total"),
                "\(metrics.text.prefix(2000))")
            #expect(!metrics.text.contains("/api/v1/links/") || metrics.text.contains("{linkToken}"))
        }
    }
}
