import Foundation

/// One of the platform's keys as the database keeps it (`platform_keys`): its name, how `value` is protected
/// (the caller's vocabulary: in the clear, or wrapped) and the value as text.
public struct StoredPlatformKey: Sendable, Hashable {
    public let name: String
    public let protection: String
    public let value: String

    public init(name: String, protection: String, value: String) {
        self.name = name
        self.protection = protection
        self.value = value
    }
}

extension Store {
    /// The platform keys in the database, after adding those `makeMissing` creates for the names it finds absent.
    ///
    /// Several servers start together on one PostgreSQL: the transaction first takes the advisory lock the
    /// migrations take, so one server at a time reads the keys and, finding none, creates them; every later one
    /// reads what the first committed. The insert keeps an existing key of the same name besides, so two
    /// creators can never leave two keys. SQLite has one writer at a time and needs no lock.
    public func platformKeys(
        makeMissing: @escaping @Sendable (_ existing: [String: StoredPlatformKey]) throws -> [StoredPlatformKey]
    ) async throws -> [String: StoredPlatformKey] {
        let now = Int64(Date().timeIntervalSince1970)
        var reads: [SQLStatement] = []
        if dialect == .postgresql { reads.append(SQLStatement("SELECT pg_advisory_xact_lock(\(PostgreSQLStore.migrationLock))")) }
        reads.append(PlatformKeysTable.selectAll)
        try await transaction(reads: reads) { rows in
            var existing: [String: StoredPlatformKey] = [:]
            for row in rows.last ?? [] {
                let key = try PlatformKeysTable.decode(row)
                existing[key.name] = key
            }
            return (try makeMissing(existing).map { PlatformKeysTable.insert($0, at: now) }, ())
        }
        // Read back what committed: the stored keys are the keys, whoever made them.
        var keys: [String: StoredPlatformKey] = [:]
        for row in try await query(PlatformKeysTable.selectAll) {
            let key = try PlatformKeysTable.decode(row)
            keys[key.name] = key
        }
        return keys
    }
}
