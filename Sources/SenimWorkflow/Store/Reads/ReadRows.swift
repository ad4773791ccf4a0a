/// What a transaction's ``NamedReads`` read, by name. Two of them compare equal when every read found the
/// same rows: a plan made from one stands for the other.
struct ReadRows: Sendable, Equatable {
    private let rows: [ReadName: [SQLRow]]

    init(_ rows: [ReadName: [SQLRow]]) { self.rows = rows }

    /// The rows of read `name` (none for a read not made).
    subscript(_ name: ReadName) -> [SQLRow] { rows[name] ?? [] }

    /// These rows without read `name`: what must be unchanged for a plan to stand when `name` may move.
    func without(_ name: ReadName) -> ReadRows {
        var rest = rows
        rest[name] = nil
        return ReadRows(rest)
    }
}
