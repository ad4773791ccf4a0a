import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// The HTTP SMS provider client against a fake provider on loopback: retried through transient failures and
/// timeouts with backoff, refused at once on a client error, and the provider's message id returned.
@Suite struct SMSGatewayTests {
    static let message = SMSMessage(to: PhoneNumber("+77011234567")!, text: "Senimkey: код \"123456\"\nНикому", purpose: .loginCode)

    /// Sends through a client of the test's own, so no pooled connection is shared with another test's fake.
    static func send(to url: String, attempts: Int = 4, timeout: TimeAmount = .seconds(5)) async throws -> String {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let provider = HTTPSMSProvider(
            configuration: .init(
                url: url, authorization: "Bearer provider-secret", timeout: timeout, maximumAttempts: attempts,
                initialBackoff: .milliseconds(10)), client: client)
        let result = await Result(catching: { try await provider.send(Self.message) })
        try await client.shutdown()
        return try result.get()
    }

    @Test func transientFailuresAreRetriedAndTheIDReturned() async throws {
        let calls = Counter()
        let fake = try LoopbackHTTPServer { _ in
            calls.increment() <= 2
                ? .init(status: .serviceUnavailable, body: [])
                : .init(status: .ok, body: Array(#"{"id":"prov-42","status":"queued"}"#.utf8))
        }
        defer { fake.shutdown() }
        let id = try await Self.send(to: fake.baseURL + "/send")
        #expect(id == "prov-42")
        let received = fake.received
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0.authorization == "Bearer provider-secret" && $0.path == "/send" })
        let body = try #require(try JSONSerialization.jsonObject(with: Data(received[0].body)) as? [String: String])
        #expect(body["recipient"] == "77011234567" && body["text"] == Self.message.text)
        #expect(Set(received.map(\.body)).count == 1, "a retry sends the same client id, so the provider can deduplicate")
    }

    @Test func clientErrorsFailAtOnce() async throws {
        let fake = try LoopbackHTTPServer { _ in .init(status: .badRequest, body: Array(#"{"error":"invalid number"}"#.utf8)) }
        defer { fake.shutdown() }
        await #expect(throws: SMSDeliveryError.self) { try await Self.send(to: fake.baseURL) }
        #expect(fake.received.count == 1)
    }

    @Test func timeoutsAreRetriedThenReported() async throws {
        // Far past the timeout, even on a loaded machine.
        let fake = try LoopbackHTTPServer { _ in .init(status: .ok, body: Array(#"{"id":"late"}"#.utf8), delay: .seconds(10)) }
        defer { fake.shutdown() }
        do {
            _ = try await Self.send(to: fake.baseURL, attempts: 2, timeout: .milliseconds(200))
            Issue.record("a provider slower than the timeout must not count as delivered")
        } catch let error as SMSDeliveryError {
            #expect(error.description.contains("after 2 attempts"))
        }
        #expect(fake.received.count == 2, "each attempt reached the provider once")
    }

    @Test func outboxWritesOneReadableFilePerMessage() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-outbox-\(UUID().uuidString)").path
        let outbox = try OutboxSMSSender(directory: directory)
        let id = try await outbox.send(Self.message)
        let messages = try outbox.messages()
        #expect(messages.count == 1 && messages[0].id == id && messages[0].text == Self.message.text && messages[0].to == "+77011234567")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }
}

/// A thread-safe count for the fake provider's handler.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
