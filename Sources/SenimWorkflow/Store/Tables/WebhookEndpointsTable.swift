import Foundation

/// `webhook_endpoints`: partners' webhook endpoints (``WebhookEndpoint``), the events as a comma list.
enum WebhookEndpointsTable {
    enum Columns: String, TableColumns {
        static let table = "webhook_endpoints"
        case id
        case partnerID = "partner_id"
        case url, events, secret, status
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    static func insert(_ endpoint: WebhookEndpoint) -> SQLStatement {
        Columns.insert([
            .id: SQLValue(endpoint.id), .partnerID: SQLValue(endpoint.partnerID), .url: SQLValue(endpoint.url),
            .events: SQLValue(endpoint.events.map(\.rawValue).joined(separator: ",")), .secret: SQLValue(endpoint.secret),
            .status: SQLValue(endpoint.status.rawValue), .createdBy: SQLValue(endpoint.createdBy), .createdAt: SQLValue(endpoint.createdAt),
        ])
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> WebhookEndpoint {
        let row = try ColumnRow<Columns>(values)
        guard let id = row[.id].text, let partnerID = row[.partnerID].text, let url = row[.url].text, let events = row[.events].text,
            let secret = row[.secret].text, let status = row[.status].text.flatMap(WebhookEndpoint.Status.init),
            let createdBy = row[.createdBy].text, let createdAt = row[.createdAt].date
        else { throw .corruptRow(row.description) }
        return WebhookEndpoint(
            id: id, partnerID: partnerID, url: url,
            events: events.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) }, secret: secret, status: status,
            createdBy: createdBy, createdAt: createdAt)
    }

    static func select(id: String?) -> SQLStatement { Columns.select("WHERE id = ?", [SQLValue(id ?? "")]) }

    static func select(partnerID: String) -> SQLStatement {
        Columns.select("WHERE partner_id = ? ORDER BY created_at DESC, id DESC", [SQLValue(partnerID)])
    }

    /// The active endpoints of the document's partner (or of `partnerID`, for an upload): what a command's
    /// events are queued for.
    static func selectActive(ofDocument documentID: String, orPartner partnerID: String?) -> SQLStatement {
        Columns.select(
            "WHERE status = 'active' AND partner_id = COALESCE((SELECT partner_id FROM documents WHERE id = ?), ?) ORDER BY id",
            [SQLValue(documentID), SQLValue(partnerID ?? "")])
    }

    static func setStatus(_ status: WebhookEndpoint.Status, id: String) -> SQLStatement {
        Columns.update([(.status, SQLValue(status.rawValue))], where: "id = ?", [SQLValue(id)])
    }

    static func delete(id: String) -> SQLStatement { SQLStatement("DELETE FROM webhook_endpoints WHERE id = ?", [SQLValue(id)]) }
}
