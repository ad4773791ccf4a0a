import Foundation
import SenimCrypto

/// A partner's HTTPS endpoint for webhook deliveries, with the events it wants and the secret its deliveries
/// are signed with (Standard Webhooks: `whsec_` and the base64 of 32 random bytes). The platform must sign
/// every delivery, so, unlike an API key's, this secret is kept; the partner sees it once, when registering.
public struct WebhookEndpoint: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable {
        case active
        /// The receiver answered 410 Gone (Standard Webhooks: stop sending), or a manager disabled it.
        case disabled
    }

    public let id: String
    public let partnerID: String
    public let url: String
    public let events: [WebhookEventType]
    public let secret: String
    public var status: Status
    public let createdBy: String
    public let createdAt: Date

    public init(
        id: String, partnerID: String, url: String, events: [WebhookEventType], secret: String, status: Status = .active,
        createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.partnerID = partnerID
        self.url = url
        self.events = events
        self.secret = secret
        self.status = status
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public static let secretPrefix = "whsec_"

    /// `whsec_` and the base64 of 32 random bytes (the HMAC key is those bytes).
    static func newSecret() throws -> String {
        secretPrefix + Data(try MessageAuthentication.randomBytes(32)).base64EncodedString()
    }

    /// The HMAC-SHA256 key: the bytes after the prefix, base64-decoded.
    public var signingKey: [UInt8] {
        Data(base64Encoded: String(secret.dropFirst(Self.secretPrefix.count))).map(Array.init) ?? []
    }

    public func subscribes(to type: WebhookEventType) -> Bool { status == .active && events.contains(type) }
}

/// One message to one endpoint, queued in the store in the transaction of the command that caused it (so it
/// is never lost and never sent for a change that rolled back), then attempted until delivered, for 24 hours.
public struct WebhookDelivery: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable {
        case pending, delivered
        /// Given up: 24 hours of attempts passed, or the endpoint answered 410 or was disabled.
        case failed
    }

    public let id: String
    /// `webhook-id`: the same for a message's every attempt and resend, so a receiver dedupes by it.
    public let messageID: String
    public let endpointID: String
    public let partnerID: String
    public let type: WebhookEventType
    /// The exact body every attempt sends (and signs).
    public let payload: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastResponseStatus: Int?
    public var lastFailure: WebhookFailure?
    public let createdAt: Date
    public var deliveredAt: Date?
}

/// One attempt of a delivery, as its log shows it.
public struct WebhookAttempt: Sendable, Hashable, Codable {
    public let deliveryID: String
    public let attempt: Int
    public let time: Date
    /// The receiver's HTTP status; nil when there was no answer (refused, timed out).
    public let responseStatus: Int?
    public let failure: WebhookFailure?
    public let milliseconds: Int
}

/// Why an attempt did not deliver, as a value (the log shows its code; a receiver's own answer is its status).
public enum WebhookFailure: String, Sendable, Hashable, Codable, CaseIterable {
    /// The receiver answered, but not with 2xx.
    case responseStatus
    /// No answer within the attempt's time.
    case timedOut
    /// No connection (refused, reset, TLS failed, the name did not resolve).
    case connectionFailed
    /// The URL now resolves to an address webhooks may not go to (``WebhookAddressPolicy`` in the server).
    case addressNotAllowed
    /// The endpoint answered 410 Gone: it and its queue are given up.
    case endpointGone
    /// A manager disabled the endpoint.
    case endpointDisabled
}

/// When a failed delivery is tried again: exponential back-off (5 s, then ×4 each time, at most 2 h apart)
/// for 24 hours from the message (Standard Webhooks, "retry schedule"); after that it has failed.
public enum WebhookSchedule {
    public static let window: TimeInterval = 24 * 3600
    public static let firstDelay: TimeInterval = 5
    public static let longestDelay: TimeInterval = 2 * 3600

    /// The delay after failed attempt `attempt` (1 = the first).
    public static func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(longestDelay, firstDelay * pow(4, Double(max(0, attempt - 1))))
    }

    /// The next attempt's time, or nil when it would fall outside the window.
    public static func nextAttempt(afterAttempt attempt: Int, at time: Date, createdAt: Date) -> Date? {
        let next = time.addingTimeInterval(delay(afterAttempt: attempt))
        return next.timeIntervalSince(createdAt) <= window ? next : nil
    }
}
