import Foundation
import SenimEvidence
import SenimServer
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

/// Two nodes on one PostgreSQL, the second one's cache lifetime ten minutes: only the change feed (`LISTEN/NOTIFY`)
/// can make node B drop what node A changed, so each bound below is the feed's, measured from the moment A's call
/// returned (its change committed) to the moment B's cached entry is gone.
@Suite("Cache coherence between nodes", .enabled(if: StoreKind.postgresURL != nil))
struct CacheCoherenceTests {
    static let bound: Duration = .milliseconds(500)

    /// How long until `gone` holds, checked every millisecond for up to two seconds; nil: never.
    static func propagation(_ gone: () throws -> Bool) async throws -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(2) {
            if try gone() { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(1))
        }
        return nil
    }

    static func milliseconds(_ duration: Duration?) -> String {
        duration.map { String(format: "%.1f ms", Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000) }
            ?? "never"
    }

    @Test func logoutBlockAndStatusChangeOnAReachBWithinHalfASecond() async throws {
        try await AttackScene.with(.postgresql, peer: true) { scene in
            let server = scene.server
            let nodeA = server.platform.engine
            let nodeB = WorkflowEngine(store: try #require(server.peerStore), rules: ServerHarness.rules, cacheLifetime: .seconds(600))
            #expect(await nodeA.followsOtherNodes())
            #expect(await nodeB.followsOtherNodes())
            let now = ServerHarness.pinnedTime
            let client = ClientContext(ipAddress: nil, userAgent: "test")
            var measured: [String: Duration?] = [:]

            // Logout on A.
            let token = try await server.login(EndToEndTests.client1)
            #expect(try await nodeB.authenticate(sessionToken: token, at: now) != nil)
            #expect(nodeB.cachedAuthentication(sessionToken: token, at: now) != nil, "B serves the session from memory")
            try await nodeA.revoke(sessionToken: token, at: now)
            measured["logout"] = try await Self.propagation { nodeB.cachedAuthentication(sessionToken: token, at: now) == nil }
            #expect(try await nodeB.authenticate(sessionToken: token, at: now) == nil, "and B refuses it")

            // A block on A.
            let blocked = try await server.login(EndToEndTests.client2)
            #expect(try await nodeB.authenticate(sessionToken: blocked, at: now) != nil)
            let phone = try #require(PhoneNumber(EndToEndTests.client2))
            let user = try #require(try await nodeA.principal(phone: phone)?.user)
            let admin = try #require(try await nodeA.authenticate(sessionToken: scene.adminToken, at: now)).principal
            _ = try await server.platform.setStatus(ofUser: user.id, to: .blocked, by: admin, client: client)
            measured["block"] = try await Self.propagation { nodeB.cachedAuthentication(sessionToken: blocked, at: now) == nil }
            #expect(try await nodeB.authenticate(sessionToken: blocked, at: now) == nil)

            // A status change on A.
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            let manager = try #require(try await nodeB.authenticate(sessionToken: scene.managerToken, at: now)).principal
            #expect(try await nodeB.status(ofDocument: documentID, for: manager).document?.status == .pending)
            #expect(try nodeB.cachedStatus(ofDocument: documentID, for: manager) != nil)
            _ = try await nodeA.execute(.cancel(documentID: documentID, reason: nil), by: manager, client: client, at: now)
            measured["status"] = try await Self.propagation { try nodeB.cachedStatus(ofDocument: documentID, for: manager) == nil }
            #expect(try await nodeB.status(ofDocument: documentID, for: manager).document?.status == .cancelled)

            print(
                "cache coherence, A's commit to B's drop: "
                    + measured.sorted { $0.key < $1.key }.map { "\($0.key) \(Self.milliseconds($0.value))" }
                    .joined(separator: ", "))
            // B's cache lives ten minutes, so anything under a second is the announcement. Each change must arrive
            // within half a second even while the whole suite loads both cores. The 100 ms is a measurement,
            // printed above, not an assertion: idle 2–3 ms each, under the suite's load 17–112 ms.
            for (what, duration) in measured {
                let duration = try #require(duration, "\(what) never reached B")
                #expect(duration < Self.bound, "\(what) took \(Self.milliseconds(duration))")
            }
            #expect(measured.count == 3)
        }
    }

    /// The control: a change no node announced (written past the engine) stays unseen by B's ten-minute cache, so
    /// the test above measures the feed and not a re-read.
    @Test func anUnannouncedChangeIsNotSeenFromTheCache() async throws {
        try await AttackScene.with(.postgresql, peer: true) { scene in
            let server = scene.server
            let peer = try #require(server.peerStore)
            let nodeB = WorkflowEngine(store: peer, rules: ServerHarness.rules, cacheLifetime: .seconds(600))
            #expect(await nodeB.followsOtherNodes())
            let now = ServerHarness.pinnedTime
            let token = try await server.login(EndToEndTests.client1)
            #expect(try await nodeB.authenticate(sessionToken: token, at: now) != nil)
            _ = try await peer.query(SQLStatement("UPDATE sessions SET revoked_at = 1"))
            try await Task.sleep(for: .milliseconds(300))
            #expect(nodeB.cachedAuthentication(sessionToken: token, at: now) != nil, "served from memory: nothing was announced")
            #expect(try await nodeB.authenticate(sessionToken: token, at: now) == nil, "the store says revoked")
        }
    }
}
