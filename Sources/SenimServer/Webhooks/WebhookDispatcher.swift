import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SenimWorkflow

/// The deployment's webhook settings.
public struct WebhookSettings: Sendable {
    /// Lets endpoints be http and on private or loopback addresses (a closed network's deployment; the tests'
    /// loopback receivers). Off by default: see ``WebhookAddressPolicy``.
    public var allowPrivateAddresses = false
    /// One attempt's longest time; a receiver that has not answered by then has timed out.
    public var attemptTimeout: Duration = .seconds(10)
    /// How often the queue is looked at.
    public var pollInterval: Duration = .seconds(1)

    public init(allowPrivateAddresses: Bool = false, attemptTimeout: Duration = .seconds(10), pollInterval: Duration = .seconds(1)) {
        self.allowPrivateAddresses = allowPrivateAddresses
        self.attemptTimeout = attemptTimeout
        self.pollInterval = pollInterval
    }

    public var policy: WebhookAddressPolicy { WebhookAddressPolicy(allowPrivateAddresses: allowPrivateAddresses) }
}

/// Sends what the store's webhook queue holds: claims due deliveries (one replica per attempt), posts each body
/// with its Standard Webhooks headers, and records the answer. It keeps nothing of its own: a restarted or
/// another replica's dispatcher continues from the store (a lease that ran out is claimed again, so a message
/// is delivered at least once and receivers dedupe by `webhook-id`).
public struct WebhookDispatcher: Sendable {
    let engine: WorkflowEngine
    let settings: WebhookSettings
    let clock: @Sendable () -> Date

    public init(engine: WorkflowEngine, settings: WebhookSettings, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.engine = engine
        self.settings = settings
        self.clock = clock
    }

    /// Redirects are not followed: a receiver could otherwise point the platform at an address the policy refuses.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// One pass over the queue: the due deliveries attempted at once; how many were attempted.
    @discardableResult
    public func deliverDue(limit: Int = 16) async throws -> Int {
        let timeout = Double(settings.attemptTimeout.components.seconds) + 30
        let work = try await engine.claimDueWebhookDeliveries(at: clock(), limit: limit, lease: timeout)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (delivery, endpoint) in work { group.addTask { try await attempt(delivery, to: endpoint) } }
            try await group.waitForAll()
        }
        return work.count
    }

    /// Runs passes until cancelled.
    public func run(logger: Logger) async {
        while !Task.isCancelled {
            do { try await deliverDue() } catch { logger.error("webhook queue", metadata: ["error": "\(error)"]) }
            try? await Task.sleep(for: settings.pollInterval)
        }
    }

    func attempt(_ delivery: WebhookDelivery, to endpoint: WebhookEndpoint) async throws {
        let started = ContinuousClock.now
        var status: Int?
        var failure: WebhookFailure?
        if endpoint.status != .active {
            failure = .endpointDisabled
        } else {
            do {
                let url = try await settings.policy.check(endpoint.url)
                let body = Array(delivery.payload.utf8)
                let timestamp = Int(clock().timeIntervalSince1970)
                var request = HTTPClientRequest(url: url.absoluteString)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "User-Agent", value: "Senimkey-Webhooks/1")
                request.headers.add(name: WebhookSignature.idHeader, value: delivery.messageID)
                request.headers.add(name: WebhookSignature.timestampHeader, value: String(timestamp))
                request.headers.add(
                    name: WebhookSignature.signatureHeader,
                    value: try WebhookSignature.sign(id: delivery.messageID, timestamp: timestamp, body: body, key: endpoint.signingKey))
                request.body = .bytes(ByteBuffer(bytes: body))
                let response = try await Self.client.execute(request, timeout: TimeAmount(settings.attemptTimeout))
                status = Int(response.status.code)
                _ = try? await response.body.collect(upTo: 64 << 10)
                if let code = status, !(200..<300).contains(code) { failure = .responseStatus }
            } catch is APIError {
                failure = .addressNotAllowed
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                failure = .timedOut
            } catch {
                failure = .connectionFailed
            }
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        try await engine.recordWebhookAttempt(delivery, responseStatus: status, failure: failure, milliseconds: milliseconds, at: clock())
    }
}
