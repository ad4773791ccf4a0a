import Foundation
import SenimEvidence

/// What a partner's webhook endpoint can be told about its documents (issue 24, item 2). The names are the
/// `type` of each delivery's JSON, dotted as the Standard Webhooks specification recommends.
public enum WebhookEventType: String, Sendable, Hashable, Codable, CaseIterable {
    case documentSent = "document.sent"
    case documentViewed = "document.viewed"
    case signerSigned = "signer.signed"
    case documentRejected = "document.rejected"
    case documentCompleted = "document.completed"
    case documentExpired = "document.expired"
    case documentCancelled = "document.cancelled"
}

/// One delivery's body: the event, when it happened, and what it is about. Small on purpose: a receiver reads
/// the rest from the API (`GET /api/v1/documents/{id}`), so a delivery never carries personal data it does
/// not need (user agreement §10).
public struct WebhookPayload: Sendable, Hashable, Codable {
    public struct Data: Sendable, Hashable, Codable {
        public let documentID: String
        public let partnerID: String
        public let status: Document.Status
        /// The signer the event is about (viewed, signed, rejected).
        public let signerID: String?
    }
    public let type: WebhookEventType
    public let timestamp: Date
    public let data: Data

    /// The events a command's audit actions and signer changes make, in the order they happened.
    static func events(
        of actions: [AuditAction], before: [Signer], after: [Signer], document: Document, at time: Date
    ) -> [WebhookPayload] {
        func payload(_ type: WebhookEventType, signer: String? = nil) -> WebhookPayload {
            WebhookPayload(
                type: type, timestamp: time,
                data: Data(documentID: document.id, partnerID: document.partnerID, status: document.status, signerID: signer))
        }
        var events: [WebhookPayload] = []
        for action in actions {
            switch action {
            case .sentForSigning: events.append(payload(.documentSent))
            case .documentViewed(let signer): events.append(payload(.documentViewed, signer: signer))
            case .rejected(let signer, _): events.append(payload(.documentRejected, signer: signer))
            case .expired: events.append(payload(.documentExpired))
            case .cancelled: events.append(payload(.documentCancelled))
            case .completed:
                // A signature comes before the completion it causes.
                events += newlySigned(before, after).map { payload(.signerSigned, signer: $0) }
                events.append(payload(.documentCompleted))
            default: break
            }
        }
        if !actions.contains(.completed) { events += newlySigned(before, after).map { payload(.signerSigned, signer: $0) } }
        return events
    }

    private static func newlySigned(_ before: [Signer], _ after: [Signer]) -> [String] {
        after.filter { signer in signer.state == .signed && before.first(where: { $0.id == signer.id })?.state != .signed }.map(\.id)
    }
}
