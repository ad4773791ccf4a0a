/// One SQL statement with `?` placeholders, in the dialect-neutral form every store translates.
public struct SQLStatement: Sendable, Hashable {
    public var sql: String
    public var arguments: [SQLValue]

    public init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// A row of a result, by column position as the SELECT lists them.
public typealias SQLRow = [SQLValue]
