import Foundation
import SenimCrypto
import SenimEvidence

/// Puts webhook messages in the store's queue (``WebhookDelivery``), as writes of the transaction that made
/// the events.
enum WebhookQueue {
    /// One delivery per event and subscribed endpoint, due at once.
    static func enqueue(_ events: [WebhookPayload], to endpoints: [WebhookEndpoint], at time: Date) throws -> [SQLStatement] {
        var writes: [SQLStatement] = []
        for event in events {
            let subscribed = endpoints.filter { $0.subscribes(to: event.type) }
            guard !subscribed.isEmpty else { continue }
            // RFC 8785 canonical JSON: the same event reads as the same bytes in any language.
            let payload = String(decoding: try CanonicalJSON.encode(event), as: UTF8.self)
            for endpoint in subscribed {
                writes.append(
                    WebhookDeliveriesTable.insert(
                        WebhookDelivery(
                            id: try newIdentifier("whd"), messageID: "msg_" + (try RandomToken.identifier.make()), endpointID: endpoint.id,
                            partnerID: endpoint.partnerID, type: event.type, payload: payload, status: .pending, attempts: 0,
                            nextAttemptAt: time, createdAt: time)))
            }
        }
        return writes
    }
}
