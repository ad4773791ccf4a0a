import SenimCrypto

/// `log_leaves`: the platform log (RFC 6962), one leaf per anchored chain head.
enum LogLeavesTable {
    enum Columns: String, TableColumns {
        static let table = "log_leaves"
        case leafIndex = "leaf_index"
        case leafHash = "leaf_hash"
        case documentID = "document_id"
        case lastSequence = "last_sequence"
    }

    /// The next leaf; it takes the log's size at commit time, not the one read (see ``AuditAppend``).
    static func append(leafHash: [UInt8], chainID: String, lastSequence: UInt64) -> SQLStatement {
        SQLStatement(
            "INSERT INTO log_leaves (\(Columns.list)) VALUES (\(LogStateTable.sizeNow), ?, ?, ?)",
            [SQLValue(Hex.encode(leafHash)), SQLValue(chainID), .integer(Int64(lastSequence))])
    }

    static func selectHashes(from first: UInt64) -> SQLStatement {
        Columns.select([.leafHash], "WHERE leaf_index >= ? ORDER BY leaf_index", [.integer(Int64(first))])
    }

    static func decodeHash(_ values: SQLRow) throws(StoreError) -> [UInt8] {
        let row = try ColumnRow(values, columns: [Columns.leafHash])
        guard let hex = row[.leafHash].text, let hash = try? Hex.decode(hex) else { throw .corruptRow("log_leaves") }
        return hash
    }

    private static let latestColumns: [Columns] = [.leafIndex, .lastSequence]

    /// The leaf that anchors the chain as it is now (its last event).
    static func selectLatest(chainID: String) -> SQLStatement {
        Columns.select(latestColumns, "WHERE document_id = ? ORDER BY leaf_index DESC LIMIT 1", [SQLValue(chainID)])
    }

    static func decodeLatest(_ values: SQLRow) throws(StoreError) -> (leafIndex: UInt64, lastSequence: UInt64)? {
        let row = try ColumnRow(values, columns: latestColumns)
        guard let index = row[.leafIndex].integer, let sequence = row[.lastSequence].integer else { return nil }
        return (UInt64(index), UInt64(sequence))
    }
}
