import Foundation
import SenimCrypto
import SenimWorkflow

/// The Standard Webhooks signature (standardwebhooks.com, "Signature scheme"): HMAC-SHA256 with the endpoint's
/// secret over `webhook-id.webhook-timestamp.body`, sent as `webhook-signature: v1,<base64>`. A receiver
/// recomputes it from the three headers and the body as received, compares in constant time, and refuses a
/// timestamp far from its clock (a replay).
public enum WebhookSignature {
    public static let idHeader = "webhook-id"
    public static let timestampHeader = "webhook-timestamp"
    public static let signatureHeader = "webhook-signature"

    /// `v1,<base64 HMAC-SHA256(key, id.timestamp.body)>`.
    public static func sign(id: String, timestamp: Int, body: [UInt8], key: [UInt8]) throws -> String {
        let message = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Data(try MessageAuthentication.hmac(.sha256, key: key, message: message)).base64EncodedString()
    }

    /// What a receiver checks: one of the space-separated `v1,` signatures matches, and the timestamp is within
    /// `tolerance` seconds of `now`.
    public static func verify(
        id: String, timestamp: String, signatures: String, body: [UInt8], secret: String, now: Date, tolerance: TimeInterval = 300
    ) -> Bool {
        guard let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance,
            secret.hasPrefix(WebhookEndpoint.secretPrefix),
            let key = Data(base64Encoded: String(secret.dropFirst(WebhookEndpoint.secretPrefix.count))),
            let expected = try? sign(id: id, timestamp: seconds, body: body, key: Array(key))
        else { return false }
        return signatures.split(separator: " ").contains {
            MessageAuthentication.constantTimeEquals(Array($0.utf8), Array(expected.utf8))
        }
    }
}
