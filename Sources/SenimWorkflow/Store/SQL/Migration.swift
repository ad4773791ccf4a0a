/// One versioned schema change.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: @Sendable (SQLDialect) -> [String]

    public init(version: Int, name: String, statements: @escaping @Sendable (SQLDialect) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
