import Foundation

/// `webhook_deliveries`: the durable queue of webhook messages (``WebhookDelivery``). A replica claims due rows
/// by leasing them (`locked_until`); on PostgreSQL the claim skips rows another replica is claiming
/// (`FOR UPDATE SKIP LOCKED`), so one replica makes each attempt.
enum WebhookDeliveriesTable {
    enum Columns: String, TableColumns {
        static let table = "webhook_deliveries"
        case id
        case messageID = "message_id"
        case endpointID = "endpoint_id"
        case partnerID = "partner_id"
        case type, payload, status, attempts
        case nextAttemptAt = "next_attempt_at"
        case lockedUntil = "locked_until"
        case lastResponseStatus = "last_response_status"
        case lastError = "last_error"
        case createdAt = "created_at"
        case deliveredAt = "delivered_at"
    }

    static func insert(_ delivery: WebhookDelivery) -> SQLStatement {
        Columns.insert([
            .id: SQLValue(delivery.id), .messageID: SQLValue(delivery.messageID), .endpointID: SQLValue(delivery.endpointID),
            .partnerID: SQLValue(delivery.partnerID), .type: SQLValue(delivery.type.rawValue), .payload: SQLValue(delivery.payload),
            .status: SQLValue(delivery.status.rawValue), .attempts: SQLValue(delivery.attempts),
            .nextAttemptAt: SQLValue(delivery.nextAttemptAt), .createdAt: SQLValue(delivery.createdAt),
        ])
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> WebhookDelivery {
        let row = try ColumnRow<Columns>(values)
        guard let id = row[.id].text, let messageID = row[.messageID].text, let endpointID = row[.endpointID].text,
            let partnerID = row[.partnerID].text, let type = row[.type].text.flatMap(WebhookEventType.init),
            let payload = row[.payload].text, let status = row[.status].text.flatMap(WebhookDelivery.Status.init),
            let attempts = row[.attempts].integer, let createdAt = row[.createdAt].date
        else { throw .corruptRow(row.description) }
        return WebhookDelivery(
            id: id, messageID: messageID, endpointID: endpointID, partnerID: partnerID, type: type, payload: payload, status: status,
            attempts: Int(attempts), nextAttemptAt: row[.nextAttemptAt].date,
            lastResponseStatus: row[.lastResponseStatus].integer.map(Int.init),
            lastFailure: row[.lastError].text.flatMap(WebhookFailure.init), createdAt: createdAt, deliveredAt: row[.deliveredAt].date)
    }

    /// Up to `limit` pending deliveries due at `time` whose lease (if any) ran out, oldest first; `lock` is the
    /// dialect's `FOR UPDATE SKIP LOCKED` (empty on SQLite, whose single writer serialises claims anyway).
    static func selectDue(at time: Date, limit: Int, lock: String) -> SQLStatement {
        Columns.select(
            "WHERE status = 'pending' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?)"
                + " ORDER BY next_attempt_at, id LIMIT \(max(1, limit))" + lock,
            [SQLValue(time), SQLValue(time)])
    }

    static func lease(id: String, until: Date) -> SQLStatement {
        Columns.update([(.lockedUntil, SQLValue(until))], where: "id = ?", [SQLValue(id)])
    }

    /// The outcome of an attempt: the row's new state, its lease released.
    static func record(_ delivery: WebhookDelivery) -> SQLStatement {
        Columns.update(
            [
                (.status, SQLValue(delivery.status.rawValue)), (.attempts, SQLValue(delivery.attempts)),
                (.nextAttemptAt, SQLValue(delivery.nextAttemptAt)), (.lockedUntil, .null),
                (.lastResponseStatus, SQLValue(delivery.lastResponseStatus)), (.lastError, SQLValue(delivery.lastFailure?.rawValue)),
                (.deliveredAt, SQLValue(delivery.deliveredAt)),
            ], where: "id = ?", [SQLValue(delivery.id)])
    }

    /// An endpoint that is gone takes its queued messages with it.
    static func failPending(ofEndpoint endpointID: String, because failure: WebhookFailure) -> SQLStatement {
        Columns.update(
            [
                (.status, SQLValue(WebhookDelivery.Status.failed.rawValue)), (.nextAttemptAt, .null),
                (.lastError, SQLValue(failure.rawValue)),
            ],
            where: "endpoint_id = ? AND status = 'pending'", [SQLValue(endpointID)])
    }

    static func select(id: String?) -> SQLStatement { Columns.select("WHERE id = ?", [SQLValue(id ?? "")]) }

    /// An endpoint's newest deliveries (the log a partner reads).
    static func select(endpointID: String, limit: Int) -> SQLStatement {
        Columns.select("WHERE endpoint_id = ? ORDER BY created_at DESC, id DESC LIMIT \(max(1, limit))", [SQLValue(endpointID)])
    }
}
