import Foundation

/// What every request reads again and again (its session, the document it asks about) kept in memory for a
/// moment. This process drops an entry the moment it changes what the entry was read from (a command on the
/// document, a block, a logout, an administrative change), so on one node a cached answer is never stale;
/// the lifetime bounds what another node's change can leave behind (PostgreSQL deployments with several
/// nodes): one second by default.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [Key: (value: Value, expires: ContinuousClock.Instant, refreshing: Bool)] = [:]
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The entry, unless it expired: then the first caller gets nil and re-reads while the others keep getting
    /// the expired value until it has stored the new one, so a popular entry's expiry sends one read to the
    /// database, not one per waiting request.
    func value(for key: Key) -> Value? {
        let now = ContinuousClock.now
        return lock.withLock {
            guard let entry = entries[key] else { return nil }
            guard entry.expires < now else { return entry.value }
            if entry.refreshing { return entry.value }
            entries[key]?.refreshing = true
            return nil
        }
    }

    func store(_ value: Value, for key: Key) {
        let expires = ContinuousClock.now + lifetime
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, expires, false)
        }
    }

    func remove(_ key: Key) { lock.withLock { entries[key] = nil } }
    func removeAll() { lock.withLock { entries.removeAll(keepingCapacity: true) } }
}

/// The engine's caches: sessions by token digest, document status by id.
final class EngineCaches: Sendable {
    let sessions: ReadCache<String, AuthenticatedSession>
    let documents: ReadCache<String, DocumentState>

    init(lifetime: Duration) {
        sessions = ReadCache(lifetime: lifetime)
        documents = ReadCache(lifetime: lifetime)
    }
}
