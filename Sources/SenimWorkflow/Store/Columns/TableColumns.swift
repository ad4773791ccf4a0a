/// A table's columns as an enum, in the order the table's SELECTs list them (GRDB's record style: the record's
/// `Columns` name what it reads and writes). The enum is the one place a column's name is written: it makes
/// the column list of a SELECT and of an INSERT, and ``ColumnRow`` reads a row back by the same cases, so a
/// value is never found by counting commas. Plain names and `?` placeholders only, so the statements it makes
/// serve SQLite and PostgreSQL alike (``SQLDialect``).
protocol TableColumns: RawRepresentable<String>, CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// The table these are the columns of.
    static var table: String { get }
}

extension TableColumns {
    /// `id, partner_id, …`: every column, in declaration order.
    static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// `d.id, d.partner_id, …`: every column of the table under `alias` (a join reads it by the same cases).
    static func list(as alias: String) -> String { allCases.map { "\(alias).\($0.rawValue)" }.joined(separator: ", ") }

    /// `SELECT <every column> FROM <table> <rest>`: the one way rows of this table are read, so ``ColumnRow``
    /// finds each column where this list put it.
    static func select(_ rest: String, _ arguments: [SQLValue] = []) -> SQLStatement {
        SQLStatement("SELECT \(list) FROM \(table) \(rest)", arguments)
    }

    /// `SELECT <columns> FROM <table> <rest>`: a narrow read, decoded with ``ColumnRow/init(_:columns:)`` and the
    /// same `columns`.
    static func select(_ columns: [Self], _ rest: String, _ arguments: [SQLValue] = []) -> SQLStatement {
        SQLStatement("SELECT \(columns.map(\.rawValue).joined(separator: ", ")) FROM \(table) \(rest)", arguments)
    }

    /// `INSERT INTO <table> (<every column>) VALUES (?, …) <rest>` with one value per column, named: a value
    /// missing from `values` is NULL.
    static func insert(_ values: [Self: SQLValue], _ rest: String = "") -> SQLStatement {
        let placeholders = Array(repeating: "?", count: allCases.count).joined(separator: ", ")
        let suffix = rest.isEmpty ? "" : "\n" + rest
        return SQLStatement(
            "INSERT INTO \(table) (\(list)) VALUES (\(placeholders))" + suffix, allCases.map { values[$0] ?? .null })
    }

    /// `ON CONFLICT (<key>) DO UPDATE SET c = excluded.c, …`: an upsert that changes only `changed`.
    static func onConflict(_ key: [Self], update changed: [Self]) -> String {
        "ON CONFLICT (\(key.map(\.rawValue).joined(separator: ", "))) DO UPDATE SET "
            + changed.map { "\($0.rawValue) = excluded.\($0.rawValue)" }.joined(separator: ", ")
    }

    /// `UPDATE <table> SET c = ?, … WHERE <condition>`, the values named.
    static func update(_ values: [(Self, SQLValue)], where condition: String, _ arguments: [SQLValue]) -> SQLStatement {
        SQLStatement(
            "UPDATE \(table) SET \(values.map { "\($0.0.rawValue) = ?" }.joined(separator: ", ")) WHERE \(condition)",
            values.map(\.1) + arguments)
    }
}
