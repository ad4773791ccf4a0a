import Foundation

/// `webhook_attempts`: every attempt of every delivery, with the receiver's answer (``WebhookAttempt``).
enum WebhookAttemptsTable {
    enum Columns: String, TableColumns {
        static let table = "webhook_attempts"
        case deliveryID = "delivery_id"
        case attempt, time
        case responseStatus = "response_status"
        case error, milliseconds
    }

    static func insert(_ attempt: WebhookAttempt) -> SQLStatement {
        Columns.insert([
            .deliveryID: SQLValue(attempt.deliveryID), .attempt: SQLValue(attempt.attempt), .time: SQLValue(attempt.time),
            .responseStatus: SQLValue(attempt.responseStatus), .error: SQLValue(attempt.failure?.rawValue),
            .milliseconds: SQLValue(attempt.milliseconds),
        ])
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> WebhookAttempt {
        let row = try ColumnRow<Columns>(values)
        guard let deliveryID = row[.deliveryID].text, let attempt = row[.attempt].integer, let time = row[.time].date,
            let milliseconds = row[.milliseconds].integer
        else { throw .corruptRow(row.description) }
        return WebhookAttempt(
            deliveryID: deliveryID, attempt: Int(attempt), time: time, responseStatus: row[.responseStatus].integer.map(Int.init),
            failure: row[.error].text.flatMap(WebhookFailure.init), milliseconds: Int(milliseconds))
    }

    static func select(deliveryID: String) -> SQLStatement {
        Columns.select("WHERE delivery_id = ? ORDER BY attempt", [SQLValue(deliveryID)])
    }
}
