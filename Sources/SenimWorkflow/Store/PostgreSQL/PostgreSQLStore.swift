import Foundation
import Logging
import PostgresNIO

/// The production store: PostgreSQL through postgres-nio's connection pool. A command's first read locks its
/// document row (`FOR UPDATE`), the tariff row and the log row after it, always in that order, so concurrent
/// commands on one document queue behind each other and two final signatures cannot both complete it.
public final class PostgreSQLStore: Store {
    public let dialect = SQLDialect.postgresql
    /// The advisory lock the migrations and the creation of the platform keys take (servers start together).
    static let migrationLock = 7_205_143
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let faults: FaultInjection?
    let logger = Logger(label: "senimkey.store.postgresql")
    /// This store's name in cache change announcements (it skips its own).
    let node = UUID().uuidString.lowercased()
    let announcements = PendingAnnouncements()
    /// The dedicated connection that follows cache changes (`LISTEN` holds a session, so not a pooled one).
    let listenerConfiguration: PostgresConnection.Configuration

    /// Connects to `url` (`postgres://user:password@host:port/database`); TLS is off, as for a loopback or
    /// socket-local server (terminate TLS at the network boundary otherwise).
    /// - Parameter password: the password when the URL carries none (a deployment keeps it in the environment,
    ///   not on the command line, where `ps` shows it to every user).
    public init(url: String, password: String? = nil, maximumConnections: Int = 10, faults: FaultInjection? = nil) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, let user = components.user
        else {
            throw StoreError.database("\(url) is not a postgres://user:password@host:port/database URL")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user,
            password: components.password ?? password, database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        listenerConfiguration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password ?? password,
            database: database.isEmpty ? nil : database, tls: .disable)
        let client = PostgresClient(configuration: configuration)
        self.client = client
        running = Task { await client.run() }
        self.faults = faults
    }

    deinit { running.cancel() }

    public func transaction<Result: Sendable>(
        reads: [SQLStatement],
        plan: @escaping @Sendable ([[SQLRow]]) throws -> (writes: [SQLStatement], result: Result)
    ) async throws -> Result {
        await faults?.beforeTransaction()
        // A deadlock or serialization failure (SQLSTATE 40P01, 40001) is retried; nothing of the failed attempt committed.
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await inTransaction { connection in
                    var rows: [[SQLRow]] = []
                    for statement in reads { rows.append(try await self.fetch(connection, statement)) }
                    let (writes, result) = try plan(rows)
                    for statement in writes { _ = try await self.fetch(connection, statement) }
                    try self.faults?.checkBeforeCommit()
                    return result
                }
            } catch let error as PSQLError where attempt < 5 && ["40P01", "40001"].contains(error.serverInfo?[.sqlState] ?? "") {
                continue
            } catch let error as PSQLError {
                throw Self.storeError(error)
            }
        }
    }

    public func query(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await mapErrors { try await client.withConnection { try await self.fetch($0, statement) } }
    }

    public func snapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        // REPEATABLE READ: every statement sees the same snapshot.
        try await mapErrors {
            try await client.withConnection { connection in
                _ = try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
                var rows: [[SQLRow]] = []
                do {
                    for statement in statements { rows.append(try await self.fetch(connection, statement)) }
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: self.logger)
                    throw error
                }
                _ = try await connection.query("COMMIT", logger: self.logger)
                return rows
            }
        }
    }

    public func migrate(_ migrations: [Migration]) async throws {
        try await mapErrors { try await self.migrateUnmapped(migrations) }
    }

    private func migrateUnmapped(_ migrations: [Migration]) async throws {
        try await inTransaction { connection in
            // One migrator at a time, whatever the number of servers starting.
            _ = try await self.fetch(connection, SQLStatement("SELECT pg_advisory_xact_lock(\(Self.migrationLock))"))
            _ = try await self.fetch(
                connection,
                SQLStatement(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT "
                        + "NULL)"
                ))
            let applied = Set(
                try await self.fetch(connection, SQLStatement("SELECT version FROM schema_migrations")).compactMap { $0.first?.integer })
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(Int64(migration.version)) {
                for statement in migration.statements(.postgresql) { _ = try await self.fetch(connection, SQLStatement(statement)) }
                _ = try await self.fetch(
                    connection,
                    SQLStatement(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        [.integer(Int64(migration.version)), .text(migration.name), SQLValue(Date())]))
            }
        }
    }

    /// Drops every table (tests only: a clean database per suite).
    public func dropAllTables() async throws {
        _ = try await query(SQLStatement("DROP SCHEMA public CASCADE"))
        _ = try await query(SQLStatement("CREATE SCHEMA public"))
    }

    // MARK: Connections

    private func inTransaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            _ = try await connection.query("BEGIN", logger: self.logger)
            do {
                let result = try await body(connection)
                _ = try await connection.query("COMMIT", logger: self.logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    private func fetch(_ connection: PostgresConnection, _ statement: SQLStatement) async throws -> [SQLRow] {
        var bindings = PostgresBindings()
        for argument in statement.arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .text(let text): bindings.append(text)
            }
        }
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: Self.numberedPlaceholders(statement.sql), binds: bindings), logger: logger)
        var result: [SQLRow] = []
        for try await row in rows {
            var values: SQLRow = []
            for cell in row {
                if cell.bytes == nil {
                    values.append(.null)
                } else if [.int8, .int4, .int2].contains(cell.dataType) {
                    values.append(.integer(try cell.decode(Int64.self)))
                } else if cell.dataType == .bool {
                    values.append(.integer(try cell.decode(Bool.self) ? 1 : 0))
                } else {
                    values.append(.text(try cell.decode(String.self)))
                }
            }
            result.append(values)
        }
        return result
    }

    /// `?` → `$1`, `$2`…: the statements are written once with SQLite's placeholders (none sits in a literal).
    static func numberedPlaceholders(_ sql: String) -> String {
        var output = ""
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                output += "$\(number)"
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// A pooled connection for the PostgreSQL-only parts beside the neutral statements (the blobs' `bytea`,
    /// notifications); server errors come out as ``StoreError``.
    func withPostgresConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await mapErrors { try await client.withConnection { try await body($0) } }
    }

    private func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as PSQLError { throw Self.storeError(error) }
    }

    private static func storeError(_ error: PSQLError) -> StoreError {
        .database(
            error.serverInfo?[.message].map { "\($0) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))" } ?? String(reflecting: error))
    }
}
