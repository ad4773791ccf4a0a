/// The SQL dialect differences the statements leave open.
public enum SQLDialect: Sendable {
    case sqlite, postgresql

    /// Row locks: PostgreSQL locks the rows a command reads; SQLite has one writer at a time, so it needs none.
    var forUpdate: String { self == .postgresql ? " FOR UPDATE" : "" }
}
