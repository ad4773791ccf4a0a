import Foundation
import NIOCore
import NIOHTTP1
import SenimCrypto
import SenimEvidence
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// Partners' webhooks (issue 24, item 2), against loopback receivers that answer, fail, time out and answer
/// 410: every step of a document arrives signed by the Standard Webhooks scheme, failures are retried on the
/// back-off schedule for 24 hours from a queue in the store, and private addresses are refused unless the
/// deployment allows them. The dispatcher is driven pass by pass on the pinned clock, so each attempt's time is
/// known.
@Suite(.serialized) struct WebhookTests {
    /// A receiver's hook path.
    static let hook = "/hook"

    /// Lets the tests' loopback receivers in; one attempt waits at most a second.
    static func allowLoopback(_ configuration: inout ServerConfiguration) {
        configuration.webhooks = WebhookSettings(allowPrivateAddresses: true, attemptTimeout: .seconds(1))
    }

    static func dispatcher(_ scene: AttackScene) -> WebhookDispatcher {
        let server = scene.server
        return WebhookDispatcher(
            engine: server.platform.engine, settings: server.platform.configuration.webhooks, clock: { [clock = server.clock] in clock.now }
        )
    }

    /// Registers `url` for `events` (every event when nil) as the scene's manager; the endpoint's id and secret.
    static func register(_ scene: AttackScene, url: String, events: [String]? = nil) async throws -> (id: String, secret: String) {
        let answer = try await scene.server.request(
            .POST, "/api/v1/partners/\(scene.partnerID)/webhooks", token: scene.managerToken,
            json: ["url": url, "events": events ?? WebhookEventType.allCases.map(\.rawValue)])
        #expect(answer.status == 201, "\(answer.text)")
        let json = try answer.json()
        return (try #require((json["endpoint"] as? [String: Any])?["id"] as? String), try #require(json["secret"] as? String))
    }

    static func deliveries(_ scene: AttackScene, endpoint: String) async throws -> [[String: Any]] {
        let answer = try await scene.server.request(
            .GET, "/api/v1/partners/\(scene.partnerID)/webhooks/\(endpoint)/deliveries", token: scene.managerToken)
        #expect(answer.status == 200, "\(answer.text)")
        return try #require(try answer.json()["deliveries"] as? [[String: Any]])
    }

    /// HMAC-SHA256 by OpenSSL's command line, as a receiver in another language would compute it.
    static func opensslSignature(id: String, timestamp: String, body: [UInt8], secret: String) async throws -> String {
        let key = try #require(Data(base64Encoded: String(secret.dropFirst("whsec_".count))))
        let message = Data("\(id).\(timestamp).".utf8) + Data(body)
        let output = try await ExternalTool.outcome(
            "/usr/bin/openssl", ["dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + Hex.encode(Array(key))],
            standardInput: message)
        #expect(output.status == 0, "\(output.standardError)")
        let hex = try #require(output.standardOutput.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        return "v1," + Data(try Hex.decode(hex)).base64EncodedString()
    }

    @Test(arguments: StoreKind.available) func everyStepArrivesSignedAsTheStandardSays(_ kind: StoreKind) async throws {
        let receiver = try LoopbackHTTPServer(handler: { _ in .init(status: .noContent, body: []) })
        defer { receiver.shutdown() }
        try await AttackScene.with(kind, adjust: Self.allowLoopback) { scene in
            let server = scene.server
            let (endpointID, secret) = try await Self.register(scene, url: receiver.baseURL + Self.hook)
            #expect(secret.hasPrefix("whsec_") && Data(base64Encoded: String(secret.dropFirst(6)))?.count == 32)

            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            #expect(try await scene.partnerSignsByCode(documentID).status == 200)
            let link = try await scene.openLink(to: EndToEndTests.client1)
            let slot = try await scene.slot(of: EndToEndTests.client1, in: documentID)
            #expect(
                try await server.request(.POST, "/api/v1/documents/\(documentID)/signers/\(slot)/view", token: link).status == 200)
            #expect(
                try await scene.personSignsByCode(documentID, signerID: slot, token: link, phone: EndToEndTests.client1).status == 200)
            // A cancelled document of its own, for the last kind of event.
            let other = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            #expect(
                try await server.request(.POST, "/api/v1/documents/\(other)/cancel", token: scene.managerToken, json: ["reason": "Ошибка"])
                    .status == 200)

            #expect(try await Self.dispatcher(scene).deliverDue(limit: 50) == 7)
            #expect(try await Self.dispatcher(scene).deliverDue(limit: 50) == 0) // delivered: nothing is due any more
            let received = receiver.received
            #expect(received.count == 7)
            let now = server.clock.now
            var events: [String] = []
            var ids: Set<String> = []
            for request in received {
                #expect(request.method == .POST && request.path == Self.hook && request.contentType == "application/json")
                let id = try #require(request.headers["webhook-id"])
                let timestamp = try #require(request.headers["webhook-timestamp"])
                let signature = try #require(request.headers["webhook-signature"])
                ids.insert(id)
                #expect(id.hasPrefix("msg_"))
                #expect(timestamp == String(Int(now.timeIntervalSince1970)))
                // As a receiver: recompute with OpenSSL, compare; and through the library's own check.
                #expect(signature == (try await Self.opensslSignature(id: id, timestamp: timestamp, body: request.body, secret: secret)))
                #expect(
                    WebhookSignature.verify(
                        id: id, timestamp: timestamp, signatures: signature, body: request.body, secret: secret, now: now))
                let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
                let data = try #require(json["data"] as? [String: Any])
                #expect(data["partnerID"] as? String == scene.partnerID)
                let document = try #require(data["documentID"] as? String)
                events.append(
                    "\(try #require(json["type"] as? String)) \(document == documentID ? "first" : document == other ? "other" : document)")
            }
            #expect(ids.count == 7)
            // Attempts run at once, so they arrive in any order; each is there once.
            #expect(
                events.sorted() == [
                    "document.cancelled other", "document.completed first", "document.sent first", "document.sent other",
                    "document.viewed first", "signer.signed first", "signer.signed first",
                ])

            // A receiver refuses a body changed in transit, another secret, and an old timestamp (a replay).
            let first = try #require(received.first)
            let (id, timestamp, signature) = (
                first.headers["webhook-id"]!, first.headers["webhook-timestamp"]!, first.headers["webhook-signature"]!
            )
            var tampered = first.body
            tampered[tampered.count / 2] ^= 1
            #expect(!WebhookSignature.verify(id: id, timestamp: timestamp, signatures: signature, body: tampered, secret: secret, now: now))
            let otherSecret = "whsec_" + Data(count: 32).base64EncodedString()
            #expect(
                !WebhookSignature.verify(
                    id: id, timestamp: timestamp, signatures: signature, body: first.body, secret: otherSecret, now: now))
            #expect(
                !WebhookSignature.verify(
                    id: id, timestamp: timestamp, signatures: signature, body: first.body, secret: secret, now: now.addingTimeInterval(301))
            )
            #expect(
                !WebhookSignature.verify(
                    id: "msg_other", timestamp: timestamp, signatures: signature, body: first.body, secret: secret, now: now))

            // The log: each delivered on its first attempt.
            let log = try await Self.deliveries(scene, endpoint: endpointID)
            #expect(log.count == 7)
            #expect(log.allSatisfy { $0["status"] as? String == "delivered" && $0["attempts"] as? Int == 1 })
            #expect(log.allSatisfy { (($0["log"] as? [[String: Any]])?.first?["responseStatus"] as? Int) == 204 })
        }
    }

    @Test(arguments: StoreKind.available) func aFailingReceiverIsRetriedWithBackOffForADay(_ kind: StoreKind) async throws {
        let failures = Counter()
        // Fails twice, then answers.
        let flaky = try LoopbackHTTPServer(handler: { _ in
            failures.increment() <= 2 ? .init(status: .internalServerError, body: []) : .init(body: [])
        })
        let down = try LoopbackHTTPServer(handler: { _ in .init(status: .serviceUnavailable, body: []) })
        defer {
            flaky.shutdown()
            down.shutdown()
        }
        try await AttackScene.with(kind, adjust: Self.allowLoopback) { scene in
            let server = scene.server
            let dispatcher = Self.dispatcher(scene)
            let (flakyID, _) = try await Self.register(scene, url: flaky.baseURL + Self.hook, events: ["document.sent"])
            let (downID, _) = try await Self.register(scene, url: down.baseURL + Self.hook, events: ["document.sent"])
            let start = server.clock.now
            _ = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])

            #expect(try await dispatcher.deliverDue() == 2)
            #expect(try await dispatcher.deliverDue() == 0) // neither is due again yet
            server.clock.advance(5)
            #expect(try await dispatcher.deliverDue() == 2)
            server.clock.advance(19)
            #expect(try await dispatcher.deliverDue() == 0) // 5 s × 4 = 20 s after the second attempt
            server.clock.advance(1)
            #expect(try await dispatcher.deliverDue() == 2)
            let delivered = try #require(try await Self.deliveries(scene, endpoint: flakyID).first)
            #expect(delivered["status"] as? String == "delivered" && delivered["attempts"] as? Int == 3)
            #expect((delivered["log"] as? [[String: Any]])?.map { $0["responseStatus"] as? Int } == [500, 500, 200])
            #expect(flaky.received.map { $0.headers["webhook-id"] }.count == 3)
            #expect(Set(flaky.received.map { $0.headers["webhook-id"] }).count == 1, "every attempt carries the same webhook-id")

            // The receiver that is down: attempts at 0, 5, 25, 105, 425, 1705 and 6825 s, then every 2 h while
            // the 24 hours last (11 more, the last at 86 025 s): 18 attempts, then given up. (Read from the engine:
            // the manager's session ends long before.)
            let manager = try #require(try await server.platform.engine.principal(phone: PhoneNumber(EndToEndTests.manager)!))
            func log() async throws -> (delivery: WebhookDelivery, attempts: [WebhookAttempt]) {
                try #require(
                    try await server.platform.engine.webhookDeliveries(ofEndpoint: downID, partnerID: scene.partnerID, for: manager)?.first)
            }
            var attempts = 3
            while case let pending = try await log().delivery, pending.status == .pending, let next = pending.nextAttemptAt {
                server.clock.advance(next.timeIntervalSince(server.clock.now))
                #expect(try await dispatcher.deliverDue() == 1)
                attempts += 1
                #expect(attempts <= 18)
            }
            let (failed, failedLog) = try await log()
            #expect(failed.status == .failed && failed.attempts == 18 && failedLog.count == 18)
            #expect(failed.lastFailure == .responseStatus && failed.lastResponseStatus == 503 && failed.nextAttemptAt == nil)
            let times = failedLog.map(\.time)
            #expect(Array(times.map { Int($0.timeIntervalSince(start)) }.prefix(8)) == [0, 5, 25, 105, 425, 1705, 6825, 14025])
            #expect(times.last.map { Int($0.timeIntervalSince(start)) } == 86025)
        }
    }

    @Test(arguments: StoreKind.available) func aTimeoutIsRetriedAndA410DisablesTheEndpoint(_ kind: StoreKind) async throws {
        let slow = try LoopbackHTTPServer(handler: { _ in .init(body: [], delay: .seconds(3)) })
        let gone = try LoopbackHTTPServer(handler: { _ in .init(status: .gone, body: []) })
        defer {
            slow.shutdown()
            gone.shutdown()
        }
        try await AttackScene.with(kind, adjust: Self.allowLoopback) { scene in
            let server = scene.server
            let (slowID, _) = try await Self.register(
                scene, url: slow.baseURL + Self.hook, events: ["document.sent", "document.cancelled"])
            let (goneID, _) = try await Self.register(
                scene, url: gone.baseURL + Self.hook, events: ["document.sent", "document.cancelled"])
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            #expect(
                try await server.request(
                    .POST, "/api/v1/documents/\(documentID)/cancel", token: scene.managerToken, json: ["reason": "Нет"]
                )
                .status == 200)

            let started = ContinuousClock.now
            // Each endpoint has two messages; one pass claims all four (two time out, the first to `gone` answers 410).
            #expect(try await Self.dispatcher(scene).deliverDue() == 4)
            #expect(ContinuousClock.now - started < .seconds(3), "an attempt ends at its timeout, not the receiver's answer")
            let timedOut = try await Self.deliveries(scene, endpoint: slowID)
            #expect(timedOut.count == 2)
            #expect(timedOut.allSatisfy { $0["status"] as? String == "pending" && $0["lastFailure"] as? String == "timedOut" })
            #expect(timedOut.allSatisfy { $0["lastResponseStatus"] == nil && $0["nextAttemptAt"] as? String == "2026-08-11T12:00:05Z" })

            let endpoints = try await server.request(.GET, "/api/v1/partners/\(scene.partnerID)/webhooks", token: scene.managerToken)
            let statuses = try #require(try endpoints.json()["endpoints"] as? [[String: Any]])
            #expect(statuses.first { $0["id"] as? String == goneID }?["status"] as? String == "disabled")
            #expect(statuses.first { $0["id"] as? String == slowID }?["status"] as? String == "active")
            let given = try await Self.deliveries(scene, endpoint: goneID)
            #expect(
                given.count == 2
                    && given.allSatisfy { $0["status"] as? String == "failed" && $0["lastFailure"] as? String == "endpointGone" })
            // At most the two claimed in that pass reached it; nothing more ever does.
            let reached = gone.received.count
            #expect((1...2).contains(reached))
            _ = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            server.clock.advance(5)
            _ = try await Self.dispatcher(scene).deliverDue()
            #expect(gone.received.count == reached)
            #expect(try await Self.deliveries(scene, endpoint: goneID).count == 2)
            // Resending to a disabled endpoint is refused.
            let resend = try await server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/webhooks/\(goneID)/deliveries/\(given[0]["id"] as? String ?? "")/resend",
                token: scene.managerToken)
            #expect(resend.status == 400)
        }
    }

    /// The queue is the store's: another replica (a second engine on the same database) never claims what one
    /// holds, a restarted one finds what was left, and a resend keeps the message's `webhook-id`.
    @Test(arguments: StoreKind.available) func theQueueIsDurableAndEachAttemptIsOneReplicas(_ kind: StoreKind) async throws {
        let receiver = try LoopbackHTTPServer(handler: { _ in .init(body: []) })
        defer { receiver.shutdown() }
        try await AttackScene.with(kind, peer: true, adjust: Self.allowLoopback) { scene in
            let server = scene.server
            let (endpointID, _) = try await Self.register(scene, url: receiver.baseURL + Self.hook)
            // The partner's package has five uses: five documents sent, five messages queued.
            for _ in 0..<5 { _ = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)]) }
            let peer = WorkflowEngine(store: try #require(server.peerStore), cacheLifetime: .zero)
            let now = server.clock.now
            async let first = server.platform.engine.claimDueWebhookDeliveries(at: now, limit: 3)
            async let second = peer.claimDueWebhookDeliveries(at: now, limit: 3)
            let (one, two) = try await (first, second)
            let claimed = one.map(\.delivery.id) + two.map(\.delivery.id)
            #expect(claimed.count == 5 && Set(claimed).count == 5, "\(one.count) + \(two.count)")
            #expect(try await peer.claimDueWebhookDeliveries(at: now).isEmpty) // leased
            // The leases end (a replica that died mid-attempt): a fresh engine, as after a restart, takes them all.
            let restarted = WorkflowEngine(store: try #require(server.peerStore), cacheLifetime: .zero)
            #expect(try await restarted.claimDueWebhookDeliveries(at: now.addingTimeInterval(61), limit: 50).count == 5)
            // And when that one's leases end too, the server's own dispatcher delivers them.
            server.clock.advance(122)
            #expect(try await Self.dispatcher(scene).deliverDue(limit: 50) == 5)
            #expect(receiver.received.count == 5)

            let delivered = try #require(try await Self.deliveries(scene, endpoint: endpointID).first)
            let resend = try await server.request(
                .POST,
                "/api/v1/partners/\(scene.partnerID)/webhooks/\(endpointID)/deliveries/\(delivered["id"] as? String ?? "")/resend",
                token: scene.managerToken)
            #expect(resend.status == 202, "\(resend.text)")
            #expect(try resend.json()["messageID"] as? String == delivered["messageID"] as? String)
            #expect(try await Self.dispatcher(scene).deliverDue() == 1)
            #expect(receiver.received.last?.headers["webhook-id"] == delivered["messageID"] as? String)
        }
    }

    /// Attack: a webhook pointed inside the deployment (loopback, private networks, the cloud metadata address),
    /// without the deployment's flag — at registration, and before an attempt when a name moved.
    @Test(arguments: StoreKind.available) func privateAndLoopbackEndpointsAreRefused(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            for url in [
                "http://127.0.0.1:9/hook", "https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/x", "https://172.16.0.1/x",
                "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://[fd00::1]/x",
                "https://[::ffff:127.0.0.1]/x", "https://0.0.0.0/x", "https://100.64.0.1/x", "ftp://example.org/x", "not a url",
                "https://user:pass@203.0.113.1/x", "http://8.8.8.8/hook",
            ] {
                let answer = try await server.request(
                    .POST, "/api/v1/partners/\(scene.partnerID)/webhooks", token: scene.managerToken,
                    json: ["url": url, "events": ["document.sent"]])
                #expect(answer.status == 400, "\(url): \(answer.status) \(answer.text)")
                #expect(try answer.json()["code"] as? String == "INVALID_INPUT", "\(url)")
            }
            // An endpoint that names no event, or an unknown one.
            for events in [[String](), ["document.exploded"]] {
                let answer = try await server.request(
                    .POST, "/api/v1/partners/\(scene.partnerID)/webhooks", token: scene.managerToken,
                    json: ["url": "https://8.8.8.8/hook", "events": events])
                #expect(answer.status == 400, "\(events): \(answer.text)")
            }
            #expect(
                try await server.platform.engine.webhooks(
                    ofPartner: scene.partnerID,
                    for: try #require(try await server.platform.engine.principal(phone: PhoneNumber(EndToEndTests.manager)!))
                ).isEmpty)

            // One registered while allowed, then the deployment's flag is off: its attempt is refused, not sent.
            let receiver = try LoopbackHTTPServer(handler: { _ in .init(body: []) })
            defer { receiver.shutdown() }
            let manager = try #require(try await server.platform.engine.principal(phone: PhoneNumber(EndToEndTests.manager)!))
            let endpoint = try await server.platform.engine.registerWebhook(
                url: receiver.baseURL + Self.hook, events: [.documentSent], partnerID: scene.partnerID, by: manager,
                client: ClientContext(ipAddress: nil, userAgent: "t"), at: server.clock.now)
            _ = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            #expect(try await Self.dispatcher(scene).deliverDue() == 1)
            #expect(receiver.received.isEmpty)
            let refused = try #require(try await Self.deliveries(scene, endpoint: endpoint.id).first)
            #expect(refused["lastFailure"] as? String == "addressNotAllowed" && refused["status"] as? String == "pending")
        }
    }

    @Test func publicAddressesAreTold() {
        for address in ["8.8.8.8", "203.0.113.7", "2a00:1450:4001::1", "::ffff:8.8.8.8", "172.32.0.1", "100.128.0.1"] {
            #expect(WebhookAddressPolicy.isPublic(address), "\(address)")
        }
        for address in [
            "127.0.0.1", "127.8.8.8", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1",
            "255.255.255.255", "::1", "::", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "2001:db8::1", "1.2.3",
            "300.1.1.1",
        ] {
            #expect(!WebhookAddressPolicy.isPublic(address), "\(address)")
        }
    }

    /// Attack: another partner's manager reads, resends, disables this partner's endpoints.
    @Test(arguments: StoreKind.available) func anotherPartnersManagerReachesNoEndpoint(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind, adjust: Self.allowLoopback) { scene in
            let server = scene.server
            let (endpointID, _) = try await Self.register(scene, url: "http://127.0.0.1:9/hook")
            let other = try await server.request(
                .POST, "/api/v1/admin/partners", token: scene.adminToken, json: ["bin": AttackTests.validBIN, "organisation": "ТОО Б"])
            let otherID = try #require(try other.json()["id"] as? String)
            _ = try await server.request(
                .POST, "/api/v1/partners/\(otherID)/employees", token: scene.adminToken,
                json: ["phone": "+77010000023", "rights": ["manageEmployees"]])
            let stranger = try await server.login("+77010000023")
            let base = "/api/v1/partners/\(scene.partnerID)/webhooks"
            for (method, path) in [
                (HTTPMethod.GET, base), (.GET, base + "/\(endpointID)/deliveries"), (.DELETE, base + "/\(endpointID)"),
                (.POST, base + "/\(endpointID)/deliveries/whd-x/resend"),
            ] {
                #expect(try await server.request(method, path, token: stranger).status == 403, "\(method) \(path)")
            }
            // Through their own partner's path, this partner's endpoint is not theirs.
            let theirs = "/api/v1/partners/\(otherID)/webhooks/\(endpointID)"
            #expect(try await server.request(.GET, theirs + "/deliveries", token: stranger).status == 404)
            #expect(try await server.request(.DELETE, theirs, token: stranger).status == 404)
            let still = try await server.request(.GET, base, token: scene.managerToken)
            #expect((try still.json()["endpoints"] as? [[String: Any]])?.first?["status"] as? String == "active")
        }
    }
}
