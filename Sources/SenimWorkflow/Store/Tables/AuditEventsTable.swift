import Foundation
import SenimEvidence

/// `audit_events`: each chain's events (a document's, an account's, the administration's), hash-linked.
enum AuditEventsTable {
    enum Columns: String, TableColumns {
        static let table = "audit_events"
        case documentID = "document_id"
        case sequence, hash
        case previousHash = "previous_hash"
        case eventJSON = "event_json"
        case time
    }

    static func insert(_ link: ChainedEvent, canonical: [UInt8], chainID: String, at time: Date) -> SQLStatement {
        Columns.insert([
            .documentID: SQLValue(chainID), .sequence: .integer(Int64(link.event.sequence)), .hash: SQLValue(link.hash),
            .previousHash: SQLValue(link.previousHash), .eventJSON: SQLValue(String(decoding: canonical, as: UTF8.self)),
            .time: SQLValue(time),
        ])
    }

    private static let headColumns: [Columns] = [.sequence, .hash]

    /// The chain's last event: its head.
    static func selectHead(chainID: String) -> SQLStatement {
        Columns.select(headColumns, "WHERE document_id = ? ORDER BY sequence DESC LIMIT 1", [SQLValue(chainID)])
    }

    static func decodeHead(_ values: SQLRow) throws(StoreError) -> (sequence: UInt64, hash: String) {
        let row = try ColumnRow(values, columns: headColumns)
        guard let sequence = row[.sequence].integer, let hash = row[.hash].text else { throw .corruptRow("audit_events head") }
        return (UInt64(sequence), hash)
    }

    /// The chain's events in order, as stored.
    static func selectEvents(chainID: String) -> SQLStatement {
        Columns.select([.eventJSON], "WHERE document_id = ? ORDER BY sequence", [SQLValue(chainID)])
    }

    static func decodeEvent(_ values: SQLRow, decoder: JSONDecoder) throws -> ChainedEvent {
        let row = try ColumnRow(values, columns: [Columns.eventJSON])
        guard let json = row[.eventJSON].text else { throw StoreError.corruptRow("audit_events") }
        return try decoder.decode(ChainedEvent.self, from: Data(json.utf8))
    }
}
