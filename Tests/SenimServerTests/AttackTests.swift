import Foundation
import NIOHTTP1
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimStoreTestSupport
import SenimTestSupport
import SenimXMLDSig
import Testing

@testable import SenimServer
@testable import SenimWorkflow

/// One test per hole the outside review found, each written as the attack, on both stores (issue 16).
@Suite(.serialized) struct AttackTests {
    static let t = ServerHarness.pinnedTime
    /// A BIN with a valid check digit (a second partner's).
    static let validBIN = validBIN(1)

    /// The `n`-th of a series of distinct BINs with valid check digits.
    static func validBIN(_ n: Int) -> String {
        let prefix = "2407400" + String(format: "%04d", 1270 + n)
        return (0...9).map { prefix + String($0) }.first { KazakhIdentifier($0, kind: .bin)?.hasValidCheckDigit == true } ?? prefix + "0"
    }

    /// 1. The reproduced attack: the administrator's phone is named as a signer, the SMS link is opened, and its
    /// session tries to act as the administrator (and as anything else outside its one document and signer).
    @Test(arguments: StoreKind.available) func linkSessionCannotActAsItsAccount(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let admin = EndToEndTests.admin
            let documentID = try await scene.sentDocument([("Админов", EndToEndTests.client1IIN, admin)])
            #expect(try await scene.partnerSignsByCode(documentID).status == 200)

            // A link preview bot fetches the link: nothing is opened, nothing is recorded, nothing of the document shown.
            let opened = { try await scene.events(documentID) { if case .linkOpened = $0 { return true } else { return false } } }
            let preview = try await server.request(.GET, "/s/\(try server.lastLink(to: admin))")
            #expect(
                preview.status == 200 && !preview.text.contains("contract.pdf")
                    && preview.headers["Set-Cookie"].allSatisfy { !$0.contains("senimkey_session") })
            #expect(try await opened() == 0)
            let link = try await scene.openLink(to: admin)
            #expect(try await opened() == 1)

            let attacks: [(HTTPMethod, String, [String: Any]?)] = [
                (.POST, "/api/v1/admin/partners", ["bin": "123456789021", "organisation": "Захват"]),
                (
                    .POST, "/api/v1/admin/tariffs",
                    [
                        "partnerID": scene.partnerID, "usesTotal": 1000, "validFrom": "2026-01-01T00:00:00Z",
                        "validUntil": "2027-01-01T00:00:00Z",
                    ]
                ),
                (.POST, "/api/v1/admin/users/u-admin/status", ["status": "active"]),
                (.POST, "/api/v1/admin/partners/\(scene.partnerID)/status", ["status": "inactive"]),
                (.GET, "/api/v1/me", nil),
                (.GET, "/api/v1/partners/\(scene.partnerID)/documents", nil),
                (.GET, "/api/v1/partners/\(scene.partnerID)/tariffs", nil),
                (.POST, "/api/v1/partners/\(scene.partnerID)/employees", ["phone": admin, "rights": ["upload"]]),
                (.POST, "/api/v1/documents/\(documentID)/cancel", ["reason": "я"]),
            ]
            for (method, path, body) in attacks {
                let answer = try await server.request(method, path, token: link, json: body)
                #expect(answer.status == 403, "\(method) \(path): \(answer.status) \(answer.text)")
            }
            let upload = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/documents?fileName=x.pdf", token: link, body: Array("x".utf8))
            #expect(upload.status == 403)
            #expect(try await server.platform.engine.partners().count == 1, "no partner was created")
            // What the link is for still works: its document and its signer.
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: link).status == 200)
            #expect(try await server.request(.GET, "/api/v1/documents/\(documentID)/content", token: link).status == 200)
            // The account's own login (not the link) is still the administrator.
            #expect(try await server.request(.GET, "/api/v1/me", token: scene.adminToken).status == 200)

            // A link dies with its document's final state, after 30 days, and at the document's deadline.
            let slot = try await scene.slot(of: admin, in: documentID)
            #expect(try await scene.personSignsByCode(documentID, signerID: slot, token: link, phone: admin).status == 200)
            let afterFinal = try await server.request(
                .POST, "/api/v1/links/\(try server.lastLink(to: admin))/session", json: ["acceptAgreement": true])
            #expect(afterFinal.status == 401 && afterFinal.text.contains("LINK_EXPIRED"))
            let deadline = ISO8601DateFormatter().string(from: Self.t.addingTimeInterval(7200))
            let due = try await scene.sentDocument(
                [("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)], query: "&deadline=\(deadline)")
            _ = try await scene.partnerSignsByCode(due)
            let dueLink = try server.lastLink(to: EndToEndTests.client1)
            let later = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            _ = try await scene.partnerSignsByCode(later)
            let laterLink = try server.lastLink(to: EndToEndTests.client1)
            server.clock.advance(7201)
            #expect(try await server.request(.POST, "/api/v1/links/\(dueLink)/session", json: ["acceptAgreement": true]).status == 401)
            #expect(try await server.request(.POST, "/api/v1/links/\(laterLink)/session", json: ["acceptAgreement": true]).status == 200)
            server.clock.advance(30 * 86400)
            #expect(try await server.request(.POST, "/api/v1/links/\(laterLink)/session", json: ["acceptAgreement": true]).status == 401)
        }
    }

    /// 2. An administrator appoints a partner's managers but never themselves, gains no right by it, and is on
    /// record as the actor; the partner's slot takes an EDS by default, and an SMS code only from an employee
    /// who holds the sign right at that very moment.
    @Test(arguments: StoreKind.available) func administratorNeverActsForAPartner(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind, rules: WorkflowRules(acceptsNCATestIdentifiers: true)) { scene in
            let server = scene.server
            let engine = server.platform.engine
            let newPartner = try await server.request(
                .POST, "/api/v1/admin/partners", token: scene.adminToken,
                json: ["bin": Self.validBIN, "organisation": "ТОО «Второй»"])
            let secondID = try #require(try newPartner.json()["id"] as? String)
            for partner in [scene.partnerID, secondID] { // with a manager, and without one yet
                let selfAppointed = try await server.request(
                    .POST, "/api/v1/partners/\(partner)/employees", token: scene.adminToken,
                    json: ["phone": EndToEndTests.admin, "rights": ["upload", "send", "manageEmployees"]])
                #expect(selfAppointed.status == 403 && selfAppointed.text.contains("FORBIDDEN"), "\(selfAppointed.text)")
            }
            #expect(try await engine.principal(phone: PhoneNumber(EndToEndTests.admin)!)?.employments.isEmpty == true)
            let appointed = try await server.request(
                .POST, "/api/v1/partners/\(secondID)/employees", token: scene.adminToken,
                json: ["phone": "+77010000005", "rights": ["manageEmployees"]])
            #expect(appointed.status == 201)
            let last = try #require(try await engine.auditLog(ofDocument: WorkflowEngine.administrationLog).last?.event)
            #expect(last.actor.role == .administrator && last.actor.userID == "u-admin", "the administrator is on record, not the platform")

            // The production rule: the partner's slot refuses an SMS code outright.
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            let byCode = try await scene.partnerSignsByCode(documentID)
            #expect(byCode.status == 403 && byCode.text.contains("PARTNER_NEEDS_EDS"), "\(byCode.text)")
            let (byEDS, _) = try await scene.partnerSignsByEDS(documentID)
            #expect(byEDS.status == 200, "\(byEDS.text)")

            // Where SMS codes are allowed: the right is checked when the code is confirmed, not when the session began.
            try await AttackScene.with(kind) { lenient in
                let document = try await lenient.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
                let slot = document + "-partner"
                let code = try await lenient.server.request(
                    .POST, "/api/v1/documents/\(document)/signers/\(slot)/codes", token: lenient.managerToken,
                    json: ["action": "sign"])
                let challenge = try #require(try code.json()["challengeID"] as? String)
                let manager = try #require(try await lenient.server.platform.engine.principal(phone: PhoneNumber(EndToEndTests.manager)!))
                try await lenient.server.platform.engine.save(
                    .employee(Employee(partnerID: lenient.partnerID, userID: manager.user.id, rights: [.upload, .send])),
                    by: nil, client: ClientContext(ipAddress: nil, userAgent: "test"))
                let revoked = try await lenient.server.request(
                    .POST, "/api/v1/documents/\(document)/signers/\(slot)/ses", token: lenient.managerToken,
                    json: ["challengeID": challenge, "code": try lenient.server.lastCode(to: EndToEndTests.manager)])
                #expect(revoked.status == 403, "\(revoked.text)")
            }
        }
    }

    /// 3. Nothing is worked on for whoever sends it: a 50 MB multipart body with an 80 KB boundary is answered
    /// before it is read, forms from other sites and uploads without their token are refused before the body,
    /// field forms are bounded, idle connections close, QR tickets and exports are bounded.
    @Test(arguments: StoreKind.available) func hostileRequestsAreRefusedBeforeTheirBodyIsRead(_ kind: StoreKind) async throws {
        let adjust: (inout ServerConfiguration) -> Void = { configuration in
            // Three seconds: the refused upload's sender keeps sending after the 4xx, and the idle close that follows
            // the answer must not come before a loaded machine's client has read that answer.
            configuration.idleTimeout = .seconds(3)
            configuration.exportsPerWindow = 2
            configuration.eGovTicketLimit = 3
        }
        // On loopback: the attack is on the connection itself (a raw socket, the idle close).
        try await AttackScene.with(kind, transport: .loopback, adjust: adjust) { scene in
            let server = scene.server

            let boundary = String(repeating: "b", count: 80 * 1024)
            let connection = try RawConnection(port: scene.port)
            let started = Date()
            connection.send(
                Array(
                    ("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
                        + "Content-Length: \(50 << 20)\r\n\r\n").utf8))
            let writer = Thread { for _ in 0..<50 { if !connection.send([UInt8](repeating: 0x61, count: 1 << 20)) { break } } }
            writer.start()
            let answer = try #require(connection.receive(until: "\r\n", timeout: 5), "an answer, not a dropped connection")
            let elapsed = Date().timeIntervalSince(started)
            #expect(answer.hasPrefix("HTTP/1.1 4"), "\(answer.prefix(80))")
            #expect(elapsed < 1, "answered in \(elapsed) s")
            #expect(try await server.request(.GET, "/healthz").status == 200, "the server keeps serving")

            // An idle connection is closed by the server.
            #expect(try RawConnection(port: scene.port).closedByPeer(within: 6))

            // A form from another site, and an upload without the token in its address: refused, nothing stored.
            let csrf = "senimkey_csrf=" + String(repeating: "c", count: 43)
            let session = "; senimkey_session=\(scene.managerToken)"
            let page = try await server.request(.GET, "/cabinet/new", headers: [("Cookie", csrf + session)])
            let token = try #require(
                page.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
            let blobs = { (try? FileManager.default.subpathsOfDirectory(atPath: server.directory + "/blobs").count) ?? 0 }
            let before = blobs()
            let foreign = try await server.request(
                .POST, "/cabinet/documents?csrf=\(token)", body: Array("--x\r\n".utf8),
                headers: [
                    ("Cookie", csrf + session), ("Content-Type", "multipart/form-data; boundary=x"),
                    ("Origin", "https://evil.example"),
                ])
            #expect(foreign.status == 403)
            let tokenless = try await server.request(
                .POST, "/cabinet/documents", body: Self.multipart(file: Array("%PDF-1.4".utf8)),
                headers: [("Cookie", csrf + session), ("Content-Type", "multipart/form-data; boundary=senim")])
            #expect(tokenless.status == 403)
            #expect(blobs() == before, "no blob was written")
            let anonymousUpload = try await server.request(
                .POST, "/cabinet/documents?csrf=\(token)", body: Self.multipart(file: Array("%PDF-1.4".utf8)),
                headers: [("Cookie", csrf), ("Content-Type", "multipart/form-data; boundary=senim")])
            #expect(anonymousUpload.status == 303 && blobs() == before, "no session: to the login page, nothing read")
            let huge = try await server.request(
                .POST, "/login", body: Array(("csrf=\(token)&phone=" + String(repeating: "7", count: 70_000)).utf8),
                headers: [("Cookie", csrf), ("Content-Type", "application/x-www-form-urlencoded")])
            #expect(huge.status == 413)

            // QR tickets are bounded in number; exports are bounded per user.
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            _ = try await scene.partnerSignsByCode(documentID)
            let link = try await scene.openLink(to: EndToEndTests.client1)
            let slot = try await scene.slot(of: EndToEndTests.client1, in: documentID)
            for _ in 0..<5 {
                #expect(
                    try await server.request(
                        .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/egov", token: link, json: ["method": "XML"]
                    ).status == 201)
            }
            #expect(await server.platform.eGovTickets.count == 3)
            for expected in [200, 200, 429] {
                let export = try await server.request(.GET, "/api/v1/documents/\(documentID)/evidence", token: link)
                #expect(export.status == expected)
                if expected == 429 { #expect(export.headers.first(name: "Retry-After") != nil) }
            }
        }
    }

    /// 4. A logout, a block, a rights change and a partner's deactivation made by one node hold on another node
    /// sharing the database within a second: an expired cache entry is read again, never served stale.
    @Test(arguments: StoreKind.available) func changesOnOneNodeHoldOnAnotherWithinASecond(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind, peer: true) { scene in
            let server = scene.server
            let nodeA = server.platform.engine
            let nodeB = WorkflowEngine(store: try #require(server.peerStore), rules: ServerHarness.rules)
            let now = Self.t
            /// What node B's session middleware does: memory first, then the store.
            func onB(_ token: String) async throws -> AuthenticatedSession? {
                if let cached = nodeB.cachedAuthentication(sessionToken: token, at: now) { return cached }
                return try await nodeB.authenticate(sessionToken: token, at: now)
            }
            func settles(_ check: () async throws -> Bool) async throws -> Bool {
                let deadline = Date().addingTimeInterval(1.1)
                while Date() < deadline {
                    if try await check() { return true }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return try await check()
            }

            // Logout on A.
            let token = try await server.login(EndToEndTests.client1)
            #expect(try await onB(token) != nil)
            try await nodeA.revoke(sessionToken: token, at: now)
            #expect(try await settles { try await onB(token) == nil }, "logout on A is enforced on B within a second")
            #expect(try await onB(token) == nil, "and stays enforced (an expired entry is not served again)")

            // A block on A.
            let blocked = try await server.login(EndToEndTests.client2)
            #expect(try await onB(blocked) != nil)
            let user = try #require(try await nodeA.principal(phone: PhoneNumber(EndToEndTests.client2)!)?.user)
            _ = try await server.platform.setStatus(
                ofUser: user.id, to: .blocked, by: try #require(try await onB(scene.adminToken)).principal,
                client: ClientContext(ipAddress: nil, userAgent: "test"))
            #expect(try await settles { try await onB(blocked) == nil })

            // A right taken away on A: B's session soon lacks it, and B's commands never use it (they read the store).
            let manager = try #require(try await onB(scene.managerToken))
            #expect(manager.principal.employments.first?.rights.contains(.upload) == true)
            try await nodeA.save(
                .employee(Employee(partnerID: scene.partnerID, userID: manager.principal.user.id, rights: [.send])), by: nil,
                client: ClientContext(ipAddress: nil, userAgent: "test"))
            let upload = UploadRequest(
                partnerID: scene.partnerID, fileName: "a.pdf", mediaType: "application/pdf", size: 1,
                sha256: String(repeating: "a", count: 64), gost34311: String(repeating: "b", count: 64))
            await #expect(throws: WorkflowError.permissionDenied(.uploadRightNotGranted)) {
                try await nodeB.execute(
                    .upload(documentID: "d-x", uploadedBy: manager.principal.user.id, upload), by: manager.principal,
                    client: ClientContext(ipAddress: nil, userAgent: "test"), blobPath: "/tmp/none", at: now)
            }
            #expect(try await settles { try await onB(scene.managerToken)?.principal.employments.first?.rights == [.send] })

            // The partner deactivated on A: B refuses its employees' uploads at once.
            try await nodeA.save(
                .employee(Employee(partnerID: scene.partnerID, userID: manager.principal.user.id, rights: .all)), by: nil,
                client: ClientContext(ipAddress: nil, userAgent: "test"))
            var partner = try #require(try await nodeA.partner(id: scene.partnerID))
            partner.status = .inactive
            try await nodeA.save(.partner(partner), by: nil, client: ClientContext(ipAddress: nil, userAgent: "test"))
            await #expect(throws: WorkflowError.permissionDenied(.partnerInactive)) {
                try await nodeB.execute(
                    .upload(documentID: "d-y", uploadedBy: manager.principal.user.id, upload), by: manager.principal,
                    client: ClientContext(ipAddress: nil, userAgent: "test"), blobPath: "/tmp/none", at: now)
            }
        }
    }

    /// 5. A tariff change and the signature completing a document, interleaved: the change is held just before
    /// its transaction while the completion commits; neither is lost.
    @Test(arguments: StoreKind.available) func tariffChangeKeepsAConcurrentCompletion(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            _ = try await scene.partnerSignsByCode(documentID)
            let link = try await scene.openLink(to: EndToEndTests.client1)
            let slot = try await scene.slot(of: EndToEndTests.client1, in: documentID)
            let code = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/codes", token: link, json: ["action": "sign"])
            let challenge = try #require(try code.json()["challengeID"] as? String)
            let tariffID = try #require(try await server.platform.engine.tariffPackages(ofPartner: scene.partnerID).first?.id)
            let admin = try #require(try await server.platform.engine.principal(phone: PhoneNumber(EndToEndTests.admin)!))

            let hold = server.faults.holdNextTransaction()
            let change = Task {
                try await server.platform.changeTariff(
                    id: tariffID, usesTotal: 40, by: admin, client: ClientContext(ipAddress: nil, userAgent: "test"))
            }
            for await _ in hold.reached { break }
            let completed = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/ses", token: link,
                json: ["challengeID": challenge, "code": try server.lastCode(to: EndToEndTests.client1)])
            #expect(completed.status == 200 && completed.text.contains("\"status\":\"signed\""))
            hold.release.yield(())
            let changed = try #require(try await change.value)
            #expect(changed.usesTotal == 40 && changed.usesUsed == 1 && changed.usesReserved == 0)
            let stored = try #require(try await server.platform.engine.tariffPackage(id: tariffID))
            #expect(
                stored.usesTotal == 40 && stored.usesUsed == 1 && stored.usesReserved == 0, "the completion's debit survived the change")
        }
    }

    /// 6. Cookies and transport follow the public URL's scheme; cookie-authenticated API writes must be JSON from
    /// this site; a form token is worth nothing in another session.
    @Test(arguments: StoreKind.available) func cookiesAndTransportFollowThePublicScheme(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind, publicBaseURL: "https://senimkey.example") { secure in
            let login = try await secure.server.request(.POST, "/api/v1/auth/code", json: ["phone": EndToEndTests.client1])
            let challenge = try #require(try login.json()["challengeID"] as? String)
            let session = try await secure.server.request(
                .POST, "/api/v1/auth/session",
                json: [
                    "phone": EndToEndTests.client1, "challengeID": challenge, "code": try secure.server.lastCode(to: EndToEndTests.client1),
                    "acceptAgreement": true,
                ])
            let cookie = try #require(session.headers["Set-Cookie"].first)
            #expect(
                cookie.hasPrefix("__Host-senimkey_session=") && cookie.contains("; Secure") && cookie.contains("Path=/")
                    && cookie.contains("HttpOnly"))
            #expect(!cookie.contains("Domain="))
            #expect(session.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")
            let page = try await secure.server.request(.GET, "/login")
            #expect(page.headers["Set-Cookie"].allSatisfy { $0.hasPrefix("__Host-") && $0.contains("; Secure") })

            try await AttackScene.with(kind) { plain in
                let server = plain.server
                #expect(try await server.request(.GET, "/healthz").headers.first(name: "Strict-Transport-Security") == nil)
                let documentID = try await plain.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
                let byCookie = [("Cookie", "senimkey_session=\(plain.managerToken)")]
                let formPost = try await server.request(
                    .POST, "/api/v1/documents/\(documentID)/cancel", body: Array("reason=x".utf8),
                    headers: byCookie + [("Content-Type", "text/plain")])
                #expect(formPost.status == 400 && formPost.text.contains("INVALID_INPUT"), "\(formPost.text)")
                let crossSite = try await server.request(
                    .POST, "/api/v1/documents/\(documentID)/cancel", json: ["reason": "x"],
                    headers: byCookie + [("Origin", "https://evil.example")])
                #expect(crossSite.status == 403)
                #expect(
                    try await server.request(.GET, "/api/v1/documents/\(documentID)/content", headers: byCookie).status == 200,
                    "downloads keep working")
                #expect(
                    try await server.request(.GET, "/api/v1/documents/\(documentID)", token: plain.managerToken).text.contains(
                        "\"status\":\"pending\""))
                // A page's token, taken to another session.
                let csrf = "senimkey_csrf=" + String(repeating: "c", count: 43)
                let adminPage = try await server.request(
                    .GET, "/login", headers: [("Cookie", csrf + "; senimkey_session=\(plain.adminToken)")])
                let adminToken = try #require(
                    adminPage.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
                let moved = try await server.request(
                    .POST, "/cabinet/documents/\(documentID)/cancel", body: Array("csrf=\(adminToken)".utf8),
                    headers: [
                        ("Cookie", csrf + "; senimkey_session=\(plain.managerToken)"),
                        ("Content-Type", "application/x-www-form-urlencoded"),
                    ])
                #expect(moved.status == 403)
                #expect(
                    try await server.request(.GET, "/api/v1/documents/\(documentID)", token: plain.managerToken).text.contains(
                        "\"status\":\"pending\""))
            }
        }
    }

    /// 7. Guessing codes is bounded over days: each code after the first waits twice as long, a new code voids
    /// the old, at most ten codes a day, and twenty wrong entries a day lock the phone out until the day is over.
    @Test(arguments: StoreKind.available) func codeGuessingIsBoundedOverDays(_ kind: StoreKind) async throws {
        try await ServerHarness.withServer(kind, access: AccessPolicy(agreement: ServerHarness.agreement)) { server in
            let phone = EndToEndTests.client1
            func code() async throws -> ServerHarness.Answer {
                try await server.request(.POST, "/api/v1/auth/code", json: ["phone": phone])
            }
            let first = try await code()
            let firstChallenge = try #require(try first.json()["challengeID"] as? String)
            let firstCode = try server.lastCode(to: phone)
            let tooSoon = try await code()
            #expect(tooSoon.status == 429 && tooSoon.headers.first(name: "Retry-After") == "30")
            server.clock.advance(30)
            #expect(try await code().status == 202)
            let voided = try await server.request(
                .POST, "/api/v1/auth/session",
                json: ["phone": phone, "challengeID": firstChallenge, "code": firstCode, "acceptAgreement": true])
            #expect(voided.status == 422, "a newer code voids the older one")
            // The day's budget: ten codes, however patient the caller.
            var sent = 2
            while true {
                server.clock.advance(3601)
                let next = try await code()
                if next.status != 202 {
                    #expect(next.status == 429 && next.text.contains("RATE_LIMITED"))
                    break
                }
                sent += 1
            }
            #expect(sent == 10)

            // Twenty wrong entries in a day, spread over codes, and the right code is refused too.
            let other = EndToEndTests.client2
            var wrong = 0
            for _ in 0..<4 {
                server.clock.advance(3601)
                let issued = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": other])
                let challenge = try #require(try issued.json()["challengeID"] as? String)
                let right = try server.lastCode(to: other)
                for _ in 0..<5 {
                    _ = try await server.request(
                        .POST, "/api/v1/auth/session",
                        json: ["phone": other, "challengeID": challenge, "code": right == "000000" ? "111111" : "000000"])
                    wrong += 1
                }
            }
            #expect(wrong == 20)
            server.clock.advance(3601)
            let refused = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": other])
            #expect(refused.status == 429)
            // The per-signer codes follow the same budget (CodeBudget); the back-off holds there too.
            try await AttackScene.with(kind, access: AccessPolicy(agreement: ServerHarness.agreement)) { scene in
                let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
                let slot = documentID + "-partner"
                let once = try await scene.server.request(
                    .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/codes", token: scene.managerToken,
                    json: ["action": "sign"])
                let twice = try await scene.server.request(
                    .POST, "/api/v1/documents/\(documentID)/signers/\(slot)/codes", token: scene.managerToken,
                    json: ["action": "sign"])
                #expect(once.status == 202 && twice.status == 429)
            }
        }
    }

    /// 8. A signer cannot make the evidence package unverifiable: a CMS carrying a certificate with the seal's
    /// serial number leaves the package verifiable, and that certificate is not in it.
    @Test(arguments: StoreKind.available) func signerCannotSabotageTheEvidencePackage(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let seal = server.platform.configuration.sealIdentity.certificate
            let key = try PrivateKey.generateP256()
            let twin = try SelfSignedCertificate.make(
                commonName: "platform seal", organisation: "Senimkey", key: key, algorithm: .ecdsa(.sha256),
                validFrom: Self.t.addingTimeInterval(-86400), validUntil: Self.t.addingTimeInterval(86400),
                serialNumber: seal.serialNumber)
            #expect(twin.serialNumberHex == seal.serialNumberHex)
            let documentID = try await scene.sentDocument([("Тестов", "123456789011", EndToEndTests.client2)])
            let (signed, _) = try await scene.partnerSignsByEDS(documentID, certificates: [twin])
            #expect(signed.status == 200, "\(signed.text)")
            let package = try await server.request(.GET, "/api/v1/documents/\(documentID)/evidence", token: scene.managerToken)
            #expect(package.status == 200)
            let files = try StoredZIPReader(bytes: package.body).entries.map(\.name)
            let chains = files.filter { $0.hasPrefix("chains/") }
            #expect(!chains.contains("chains/\(Hex.encode(twin.sha256Fingerprint)).cer"), "a certificate on no validated path stays out")
            #expect(chains.contains("chains/\(Hex.encode(seal.sha256Fingerprint)).cer"))
            #expect(Set(chains).count == chains.count)
            let path = server.directory + "/sabotaged.asice"
            try Data(package.body).write(to: URL(fileURLWithPath: path))
            let verify = try await CLIRunner.run([
                "evidence", "verify", path, "--trust", "testvectors/kz/ca/root_test_gost_2022.cer", "--trust",
                "testvectors/kz/ca/nca_gost2015_test.cer",
                "--trust", "testvectors/generated/test-pki/root.cert.pem", "--crl", "testvectors/kz/crl/nca_gost2022_test.2026-08-11.crl",
                "--crl", "testvectors/generated/test-pki/root.crl", "--policy-from-package", "--format", "json",
            ])
            let steps =
                try #require(try JSONSerialization.jsonObject(with: Data(verify.output.utf8)) as? [String: Any])["steps"]
                as? [[String: Any]]
            #expect(
                steps?.first { $0["name"] as? String == "seal" }?["indication"] as? String == "TOTAL_PASSED",
                "\(verify.output.prefix(2000))")

            // The writer refuses a second entry of the same name.
            let twice = server.directory + "/twice.zip"
            let writer = try StoredZIPWriter(path: twice)
            try writer.add("chains/a.cer", bytes: [1])
            #expect(throws: StoredZIPError.duplicateName("chains/a.cer")) { try writer.add("chains/a.cer", bytes: [2]) }
        }
    }

    /// 9. An EDS cannot be moved to another document: the same CMS presented for a second document with the same
    /// bytes is refused, an XML statement of one document does not sign another, and a signer's signature made
    /// before the document was sent is flagged in its report.
    @Test(arguments: StoreKind.available) func edsCannotBeReplayedOntoAnotherDocument(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let bytes = Array("%PDF-1.4 одинаковый договор".utf8)
            let first = try await scene.sentDocument([("Тестов", "123456789011", EndToEndTests.client2)], bytes: bytes)
            let second = try await scene.sentDocument([("Тестов", "123456789011", EndToEndTests.client2)], bytes: bytes)
            let (signed, cms) = try await scene.partnerSignsByEDS(first, bytes: bytes)
            #expect(signed.status == 200)
            let replayed = try await scene.submitEDS(second, signerID: second + "-partner", cms: cms, token: scene.managerToken)
            #expect(replayed.status == 409 && replayed.text.contains("SIGNATURE_REUSED"), "\(replayed.text)")
            _ = try await scene.partnerSignsByEDS(second, bytes: bytes, time: Self.t.addingTimeInterval(1))

            // The XML statement of the first document, signed by the person, presented for the second.
            let individual = try SigningIdentity(
                pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/individual/valid/individual_valid.p12"), password: "Qwerty12")
            let link = try await scene.openLink(to: EndToEndTests.client2)
            let firstState = try await server.platform.engine.state(ofDocument: first)
            let statement = SignatureIntake.statement(for: try #require(firstState.document))
            let xml = try XMLSigner(identity: individual).signEnveloped(Array(statement.utf8))
            let slot = try await scene.slot(of: EndToEndTests.client2, in: second)
            let moved = try await server.request(
                .POST, "/api/v1/documents/\(second)/signers/\(slot)/eds", token: link,
                json: ["format": "xml", "signature": String(decoding: xml, as: UTF8.self)])
            #expect(moved.status == 422 && moved.text.contains("SIGNED_DATA_NOT_FOUND"), "\(moved.text)")

            // A CMS made an hour before the document was sent: accepted, and flagged in its report.
            let early = try CMSBuilder.sign(
                bytes, detached: true, signers: [CMSSigner(identity: individual, signingTime: Self.t.addingTimeInterval(-3600))])
            let accepted = try await scene.submitEDS(second, signerID: slot, cms: early, token: link)
            #expect(accepted.status == 200, "\(accepted.text)")
            let stored = try #require(
                try await server.platform.engine.signatures(ofDocument: second).last { $0.accepted && $0.signerID == slot })
            let report = String(decoding: try await server.platform.blobs.contents(of: try #require(stored.companionPath)), as: UTF8.self)
            #expect(report.contains("earlier than the document was sent for signing"))
        }
    }

    /// 10. What a partner types about a person is a claim: the account gets no IIN from it, a wrong IIN typed by
    /// one partner blocks nothing at another, an accepted EDS proves the IIN, and the link's signer accepts the
    /// agreement on the way in.
    @Test(arguments: StoreKind.available) func aPartnersIINIsAClaimNotAFact(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let phone = EndToEndTests.client2
            let wrongIIN = EndToEndTests.client1IIN
            let careless = try await scene.sentDocument([("Тестов", wrongIIN, phone)])
            _ = try await scene.partnerSignsByCode(careless)
            let link = try server.lastLink(to: phone)
            let refused = try await server.request(.POST, "/api/v1/links/\(link)/session")
            #expect(
                refused.status == 409 && refused.text.contains("AGREEMENT_REQUIRED"), "the agreement is accepted on the signer's way in")
            _ = try await scene.openLink(to: phone)
            let account = try #require(try await server.platform.engine.principal(phone: PhoneNumber(phone)!)?.user)
            #expect(account.iin == nil, "the typed IIN is not the account's")
            #expect(try await scene.events(careless) { if case .agreementAccepted = $0 { return true } else { return false } } == 1)

            // A second partner names the same phone with the right IIN: the first partner's typo blocks nothing.
            let other = try await server.request(
                .POST, "/api/v1/admin/partners", token: scene.adminToken, json: ["bin": Self.validBIN, "organisation": "ТОО Б"])
            let otherID = try #require(try other.json()["id"] as? String)
            _ = try await server.request(
                .POST, "/api/v1/admin/tariffs", token: scene.adminToken,
                json: ["partnerID": otherID, "usesTotal": 5, "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z"])
            _ = try await server.request(
                .POST, "/api/v1/partners/\(otherID)/employees", token: scene.adminToken,
                json: ["phone": "+77010000006", "rights": ["upload", "send", "signForPartner"]])
            let otherManager = try await server.login("+77010000006")
            let careful = try await scene.sentDocument([("Тестов", "123456789011", phone)], by: otherManager, partnerID: otherID)
            _ = try await scene.partnerSignsByCode(careful, token: otherManager, phone: "+77010000006")
            let carefulLink = try await scene.openLink(to: phone)
            let slot = try await scene.slot(of: phone, in: careful, token: otherManager)
            let individual = try SigningIdentity(
                pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/individual/valid/individual_valid.p12"), password: "Qwerty12")
            let cms = try CMSBuilder.sign(
                Array("%PDF-1.4 договор".utf8), detached: true, signers: [CMSSigner(identity: individual, signingTime: Self.t)])
            let signed = try await scene.submitEDS(careful, signerID: slot, cms: cms, token: carefulLink)
            #expect(signed.status == 200, "\(signed.text)")
            let proven = try #require(try await server.platform.engine.principal(phone: PhoneNumber(phone)!)?.user)
            #expect(proven.iin?.digits == "123456789011", "the EDS proved the IIN")
        }
    }

    /// 11. The lesser holes, each tried.
    @Test(arguments: StoreKind.available) func viewedMaskingCodeIdempotencyLoginReportAndDeadlineRulesHold(_ kind: StoreKind) async throws {
        let adjust: (inout ServerConfiguration) -> Void = { $0.deadlineCheckInterval = .milliseconds(100) }
        // On loopback: an overdue document is expired by the server's deadline job, which runs beside the server.
        try await AttackScene.with(kind, transport: .loopback, adjust: adjust) { scene in
            let server = scene.server
            let documentID = try await scene.sentDocument([
                ("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1),
                ("Тестов", "123456789011", EndToEndTests.client2),
            ])
            _ = try await scene.partnerSignsByCode(documentID)
            let slot1 = try await scene.slot(of: EndToEndTests.client1, in: documentID)

            // Only the signer marks "viewed".
            let viewedByManager = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot1)/view", token: scene.managerToken)
            #expect(viewedByManager.status == 403)
            // Co-signers see each other masked; each sees their own in full.
            let link1 = try await scene.openLink(to: EndToEndTests.client1)
            let seen = try EndToEndTests.signers(try await server.request(.GET, "/api/v1/documents/\(documentID)", token: link1))
            #expect(seen.contains { $0["phone"] as? String == EndToEndTests.client1 && $0["iin"] as? String == EndToEndTests.client1IIN })
            #expect(seen.contains { $0["phone"] as? String == "+7 701 *** ** 03" && $0["iin"] as? String == "12********11" })
            #expect(
                try await scene.signers(documentID).contains { $0["phone"] as? String == EndToEndTests.client2 }, "the partner sees all")

            // A code is matched to the path's document before it is spent.
            let other = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            _ = try await scene.partnerSignsByCode(other)
            let code = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot1)/codes", token: link1, json: ["action": "sign"])
            let challenge = try #require(try code.json()["challengeID"] as? String)
            let value = try server.lastCode(to: EndToEndTests.client1)
            let otherLink = try await scene.openLink(to: EndToEndTests.client1)
            let otherSlot = try await scene.slot(of: EndToEndTests.client1, in: other)
            let elsewhere = try await server.request(
                .POST, "/api/v1/documents/\(other)/signers/\(otherSlot)/ses", token: otherLink,
                json: ["challengeID": challenge, "code": value])
            #expect(elsewhere.status == 422)
            let here = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers/\(slot1)/ses", token: link1,
                json: ["challengeID": challenge, "code": value])
            #expect(here.status == 200, "the code was not spent on the wrong document: \(here.text)")

            // Idempotency keys are each user's own.
            let colleague = "+77010000007"
            _ = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/employees", token: scene.managerToken,
                json: ["phone": colleague, "rights": ["upload", "send"]])
            let colleagueToken = try await server.login(colleague)
            let mine = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/documents?fileName=a.pdf", token: scene.managerToken,
                body: Array("A".utf8), headers: [("Idempotency-Key", "k-1")])
            let theirs = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/documents?fileName=b.pdf", token: colleagueToken,
                body: Array("B".utf8), headers: [("Idempotency-Key", "k-1")])
            #expect(mine.status == 201 && theirs.status == 201)
            #expect(
                (try mine.json()["document"] as? [String: Any])?["id"] as? String != (try theirs.json()["document"] as? [String: Any])?[
                    "id"]
                    as? String)

            // Whoever signs for the partner sees what they sign.
            let signerOnly = "+77010000008"
            _ = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/employees", token: scene.managerToken,
                json: ["phone": signerOnly, "rights": ["signForPartner"]])
            #expect(
                try await server.request(.GET, "/api/v1/documents/\(documentID)", token: try await server.login(signerOnly)).status == 200)

            // Login refusals say nothing of the account before the code is proven.
            let stranger = "+77010000010"
            let strangerCode = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": stranger])
            let strangerChallenge = try #require(try strangerCode.json()["challengeID"] as? String)
            let unknown = try await server.request(
                .POST, "/api/v1/auth/session", json: ["phone": stranger, "challengeID": strangerChallenge, "code": "000001"])
            _ = try await server.login(EndToEndTests.client2)
            let blockedUser = try #require(try await server.platform.engine.principal(phone: PhoneNumber(EndToEndTests.client2)!)?.user)
            _ = try await server.request(
                .POST, "/api/v1/admin/users/\(blockedUser.id)/status", token: scene.adminToken, json: ["status": "blocked"])
            let blockedCode = try await server.request(.POST, "/api/v1/auth/code", json: ["phone": EndToEndTests.client2])
            let blockedChallenge = try #require(try blockedCode.json()["challengeID"] as? String)
            let blocked = try await server.request(
                .POST, "/api/v1/auth/session",
                json: [
                    "phone": EndToEndTests.client2, "challengeID": blockedChallenge,
                    "code": "000001", "acceptAgreement": true,
                ])
            #expect(unknown.status == 422 && blocked.status == 422 && unknown.text == blocked.text, "\(unknown.text) / \(blocked.text)")

            // The report cannot run script or be sniffed; /metrics is for the monitoring addresses only.
            let report = try await server.request(.GET, "/api/v1/documents/\(documentID)/report?lang=ru", token: scene.managerToken)
            #expect(report.headers.first(name: "Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            #expect(report.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(try await server.request(.GET, "/metrics").status == 200)
            try await AttackScene.with(kind, adjust: { $0.metricsAddresses = ["192.0.2.1"] }) { watched in
                #expect(try await watched.server.request(.GET, "/metrics").status == 403)

                // The deadline job expires an overdue document and releases its use.
                let before = try #require(try await server.platform.engine.tariffPackages(ofPartner: scene.partnerID).first)
                let deadline = ISO8601DateFormatter().string(from: Self.t.addingTimeInterval(3600))
                let due = try await scene.sentDocument(
                    [("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)], query: "&deadline=\(deadline)")
                server.clock.advance(3601)
                var status = ""
                for _ in 0..<40 where status != "expired" {
                    try await Task.sleep(for: .milliseconds(100))
                    status =
                        ((try await server.request(.GET, "/api/v1/documents/\(due)", token: scene.managerToken).json()["document"]
                            as? [String: Any])?[
                                "status"]
                            as? String) ?? ""
                }
                #expect(status == "expired")
                let after = try #require(try await server.platform.engine.tariffPackages(ofPartner: scene.partnerID).first)
                #expect(after.usesReserved == before.usesReserved && after.usesUsed == before.usesUsed)

                // The deployment's keys: outside the database's folder, 0600 again at every start.
                let data = server.directory + "/deployment"
                let deployment = try DeploymentDirectory(path: data)
                _ = try deployment.sesKey()
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: data + "/keys/ses.key")
                _ = try DeploymentDirectory(path: data)
                let mode = try FileManager.default.attributesOfItem(atPath: data + "/keys/ses.key")[.posixPermissions] as? Int
                #expect(mode == 0o600)
                #expect(
                    !deployment.databasePath.hasPrefix(data + "/keys")
                        && (deployment.databasePath as NSString).deletingLastPathComponent == data + "/db")
                // The PostgreSQL password from the environment, not the URL.
                if kind == .postgresql, let url = StoreKind.postgresURL, var components = URLComponents(string: url) {
                    let password = components.password
                    components.password = nil
                    let store = try PostgreSQLStore(url: components.string ?? url, password: password, maximumConnections: 1)
                    #expect(try await store.query(SQLStatement("SELECT 1")).count == 1)
                }
            }
        }
    }

    /// 12. Every refusal reads in the user's language, with no word of another and no developer's word.
    @Test func everyRefusalIsInTheUsersLanguage() {
        var reasons: [APIError.Reason] = [
            .notAuthenticated, .notFound, .payloadTooLarge(limit: 50 << 20), .tooManyRequests(retryAfter: 90), .unavailable("x"),
            .methodNotAllowed(allowed: ["GET"]),
        ]
        reasons += Denial.allCases.map { .permissionDenied($0) }
        reasons += [
            InputProblem.invalidBIN("12"), .partnerAlreadyRegistered("123456789021"), .organisationNameMissing, .tariffNeedsUsesAndPeriod,
            .fewerUsesThanUsedOrReserved, .rejectionNeedsReason,
            .uploadIncomplete, .deadlineInPast, .signerNameMissing, .invalidIIN("900515301235"),
            .invalidPhone("+7 702 111 22 3", why: .digitCount(9)),
            .invalidPhone("+7.702", why: .unexpectedCharacter(".")), .invalidPhone("702", why: .noCountryPrefix),
            .invalidPhone("+7 727 250 00 00", why: .notMobile(code: "727", kind: .landline)),
            .invalidPhone("+7 916 123 45 67", why: .notMobile(code: "916", kind: .foreign)),
            .invalidPhone("+7 703 123 45 67", why: .notMobile(code: "703", kind: .unassignedMobile)),
            .signerOrderStartsAtOne, .documentBytesMissing, .documentCodeSignsOrRejects, .apiKeyNameMissing,
            .apiKeyRightsNotGrantable(.signForPartner), .webhookURLNotAllowed("http://127.0.0.1"), .webhookNeedsEvents,
            .webhookEndpointDisabled,
        ].map { .workflow(.invalidInput($0)) }
        reasons += [
            RequestProblem.missingPathParameter("documentID"), .fileNameInvalid,
            .unknownValue(field: "signingMethod", value: "X", allowed: ["EDS", "SES"]), .notISO8601(field: "deadline"), .bodyNotJSON,
            .missingField("phone"), .wrongFieldType("usesTotal"), .formUnreadable, .fileMissing, .eGovOneDocumentExpected(method: "XML"),
            .notBase64(field: "document.file.data"), .tariffFormIncomplete, .boundaryTooLong, .cookieRequestNotJSON,
        ].map { .badRequest($0) }
        reasons += [SignatureProblem.notCMS, .notBase64, .signerCount(2), .xmlSignatureCount(0)].map { .unreadableSignature($0) }
        let workflow: [WorkflowError] = [
            .partnerInactive("p"), .userBlocked("u"), .illegalTransition(command: .sign, status: .draft),
            .notSignersTurn(signerID: "s", state: .waiting),
            .signingMethodNotAllowed(.ses, allowed: .eds), .signerIdentityMismatch(expected: "900101300008", found: nil),
            .partnerBINMismatch(expected: "123456789021", found: "123456789022"), .roleCannotSignForPartner(roles: []),
            .signatureNotValid(indication: .totalFailed, subIndication: .hashFailure), .documentDigestMismatch, .deadlinePassed, .noSigners,
            .duplicateSigner(iin: "900101300008"), .noTariffUsesLeft(partnerID: "p"), .idempotencyKeyReused("k"),
            .rateLimited(.failedAttempts, retryAfter: 40_000), .rateLimited(.backOff, retryAfter: 30),
            .codeNotAccepted(.wrongCode(attemptsLeft: 4)),
            .agreementNotAccepted(edition: "1"), .partnerSignatureNeedsEDS, .signatureAlreadyUsed, .linkExpired,
        ]
        reasons += workflow.map { .workflow($0) }
        reasons += CommandKind.allCases.flatMap { command in
            Document.Status.allCases.map { APIError.Reason.workflow(.illegalTransition(command: command, status: $0)) }
        }
        #expect(reasons.count == 6 + 28 + 24 + 14 + 4 + 22 + 9 * 6)
        for reason in reasons {
            for language in LanguageCheck.Language.allCases {
                let text = APIError(reason).message(in: Language(rawValue: language.rawValue) ?? .ru)
                let foreign = LanguageCheck.foreignWords(in: text, language: language)
                #expect(foreign.isEmpty, "\(language): \(text) — \(foreign)")
            }
        }
        // The pages' words and the SMS texts pass the same check.
        for language in LanguageCheck.Language.allCases {
            for (key, text) in PageStrings.table(Language(rawValue: language.rawValue) ?? .ru).texts
            where key != .languageName && key != .phoneHint {
                #expect(LanguageCheck.foreignWords(in: text, language: language).isEmpty, "\(language) \(key): \(text)")
            }
        }
        // The checker itself finds what the review found.
        #expect(
            LanguageCheck.foreignWords(in: "Неверные данные: the request body is not the expected JSON.", language: .ru) == [
                "the", "request", "body", "is", "not",
                "the", "expected",
            ])
        #expect(LanguageCheck.foreignWords(in: "Действие недоступно: only a platform administrator may do this.", language: .ru).count == 7)
        #expect(!LanguageCheck.foreignWords(in: "Қате: nil", language: .kk).isEmpty)
    }

    /// A multipart form with one file field.
    static func multipart(file: [UInt8]) -> [UInt8] {
        Array("--senim\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
            + file
            + Array("\r\n--senim--\r\n".utf8)
    }
}
