/// A transactional SQL store, with two real implementations: ``SQLiteStore`` (GRDB, the embedded default) and
/// ``PostgreSQLStore`` (postgres-nio, production). Everything above it, the schema, the statements and the
/// workflow, is written once against this protocol.
///
/// A command is one ``transaction(reads:plan:)``: the store runs the reads (the first one locks the rows the
/// command depends on), gives their rows to `plan`, a pure function that decides, runs the writes it returns,
/// and commits. The state change and its audit events are those writes, so they commit together or not at all.
public protocol Store: Sendable {
    var dialect: SQLDialect { get }

    func transaction<Result: Sendable>(
        reads: [SQLStatement],
        plan: @escaping @Sendable ([[SQLRow]]) throws -> (writes: [SQLStatement], result: Result)
    ) async throws -> Result

    /// Reads outside a command (lists, the audit log).
    func query(_ statement: SQLStatement) async throws -> [SQLRow]

    /// Several reads from one consistent snapshot, without locks.
    func snapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]]

    /// Applies the migrations not applied yet, each in its own transaction, in order.
    func migrate(_ migrations: [Migration]) async throws
}
