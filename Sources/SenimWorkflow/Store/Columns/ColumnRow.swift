/// A row read back by column name (`row[.fileName]`), never by its position. The columns are the ones the SELECT
/// listed (every column of the table, or the few a narrow read names), in the same order, so a row of
/// another width (a schema and a binary that disagree) does not decode.
struct ColumnRow<Columns: TableColumns> {
    private let values: SQLRow
    private let columns: [Columns]

    init(_ values: SQLRow, columns: [Columns] = Columns.allCases) throws(StoreError) {
        guard values.count == columns.count else { throw .corruptRow("\(Columns.table): \(values)") }
        self.values = values
        self.columns = columns
    }

    subscript(_ column: Columns) -> SQLValue {
        guard let position = columns.firstIndex(of: column) else { return .null }
        return values[position]
    }

    /// The table and the row as read, for a refusal's message.
    var description: String { "\(Columns.table): \(values)" }
}
