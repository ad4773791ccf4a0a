import Foundation
import GRDB
import Synchronization

/// The embedded store: one SQLite file through GRDB, in WAL mode (readers never wait for the writer), with
/// foreign keys on. There is one writer, which is what makes a command's reads and writes atomic here without
/// row locks; concurrent commands share its transactions through ``GroupCommit``.
public final class SQLiteStore: Store {
    public let dialect = SQLDialect.sqlite
    public let path: String
    private let pool: DatabasePool
    private let faults: FaultInjection?
    private let writer: GroupCommit

    /// When a commit is on disk.
    public enum Durability: String, Sendable {
        /// Every commit syncs the WAL: a committed command survives power loss (the default).
        case full = "FULL"
        /// The WAL is synced at checkpoints: a commit survives the process crashing, not the machine losing
        /// power; the database stays consistent either way (SQLite's WAL guarantee).
        case normal = "NORMAL"
    }

    /// Opens (creating) the database file at `path`.
    public init(path: String, durability: Durability = .full, faults: FaultInjection? = nil) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue)")
        }
        do { pool = try DatabasePool(path: path, configuration: configuration) } catch { throw StoreError.database("\(error)") }
        self.path = path
        self.faults = faults
        writer = GroupCommit(pool: pool, faults: faults)
    }

    public func transaction<Result: Sendable>(
        reads: [SQLStatement],
        plan: @escaping @Sendable ([[SQLRow]]) throws -> (writes: [SQLStatement], result: Result)
    ) async throws -> Result {
        await faults?.beforeTransaction()
        let outcome = ResultBox<Result>()
        return try await Self.mapErrors {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                writer.submit(
                    GroupCommit.Job(
                        run: { db in
                            let rows = try reads.map { try Self.fetch(db, $0) }
                            let (writes, result) = try plan(rows)
                            // Cached prepared statements: a command's SQL text is the same every time, only its arguments differ.
                            for statement in writes {
                                try db.cachedStatement(sql: statement.sql).execute(arguments: Self.arguments(statement))
                            }
                            outcome.set(result)
                        },
                        finish: { error in
                            if let error {
                                continuation.resume(throwing: error)
                            } else if let result = outcome.get() {
                                continuation.resume(returning: result)
                            } else {
                                continuation.resume(throwing: StoreError.database("a command finished without a result"))
                            }
                        }))
            }
        }
    }

    public func query(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await Self.mapErrors { try await pool.read { db in try Self.fetch(db, statement) } }
    }

    public func snapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await Self.mapErrors { try await pool.read { db in try statements.map { try Self.fetch(db, $0) } } }
    }

    public func migrate(_ migrations: [Migration]) async throws {
        try await Self.mapErrors {
            try await pool.write { db in
                try db.execute(
                    sql:
                        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT "
                        + "NOT NULL)"
                )
                let applied = Set(try Int64.fetchAll(db, sql: "SELECT version FROM schema_migrations"))
                for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(Int64(migration.version)) {
                    for statement in migration.statements(.sqlite) { try db.execute(sql: statement) }
                    try db.execute(
                        sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        arguments: [migration.version, migration.name, Int64(Date().timeIntervalSince1970 * 1000)])
                }
            }
        }
    }

    // MARK: Values

    private static func fetch(_ db: Database, _ statement: SQLStatement) throws -> [SQLRow] {
        // A cursor converts each row in place, without first copying every row out of SQLite.
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: statement.sql), arguments: arguments(statement))
        var result: [SQLRow] = []
        while let row = try rows.next() {
            result.append(
                (0..<row.count).map { index in
                    switch (row[index] as DatabaseValue).storage {
                    case .null: return .null
                    case .int64(let value): return .integer(value)
                    case .double(let value): return .integer(Int64(value))
                    case .string(let value): return .text(value)
                    case .blob(let value): return .text(String(decoding: value, as: UTF8.self))
                    }
                })
        }
        return result
    }

    private static func arguments(_ statement: SQLStatement) -> StatementArguments {
        StatementArguments(
            statement.arguments.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .null: return nil
                case .integer(let integer): return integer
                case .text(let text): return text
                }
            })
    }

    /// GRDB's errors become ``StoreError``; the workflow's own refusals pass through unchanged.
    private static func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }
}

/// The result a command's job leaves for its caller, written on the writer's queue, read after the commit.
private final class ResultBox<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    func set(_ newValue: Value) { value.withLock { $0 = newValue } }
    func get() -> Value? { value.withLock { $0 } }
}
