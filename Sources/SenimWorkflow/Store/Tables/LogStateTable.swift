/// `log_state`: the platform log's size, one row (id 1). Its lock is the last a command takes, so leaves are
/// appended one at a time in PostgreSQL too.
enum LogStateTable {
    enum Columns: String, TableColumns {
        static let table = "log_state"
        case id, size
    }

    static func selectSize(forUpdate: String) -> SQLStatement { Columns.select([.size], "WHERE id = 1" + forUpdate) }

    static func decodeSize(_ values: SQLRow) throws(StoreError) -> UInt64 {
        let row = try ColumnRow(values, columns: [Columns.size])
        guard let size = row[.size].integer else { throw .corruptRow("log_state") }
        return UInt64(size)
    }

    /// `(SELECT size FROM log_state WHERE id = 1)`: the size at commit time, inside another statement.
    static let sizeNow = "(SELECT size FROM log_state WHERE id = 1)"

    static let grow = SQLStatement("UPDATE log_state SET size = size + 1 WHERE id = 1")
}
