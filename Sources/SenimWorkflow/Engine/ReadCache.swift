import Foundation

/// What every request reads again and again (its session, the document it asks about) kept in memory for a
/// moment. This process drops an entry the moment it changes what the entry was read from (a command on the
/// document, a block, a logout, an administrative change), so on one node a cached answer is never stale;
/// the lifetime bounds what another node's change can leave behind (PostgreSQL deployments with several
/// nodes): one second by default, after which the entry is read from the store again.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [Key: (value: Value, expires: ContinuousClock.Instant)] = [:]
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The entry, unless it expired. An expired entry is never served: its reader goes to the store, so a
    /// change made on another node is seen within one lifetime, by every reader.
    func value(for key: Key) -> Value? {
        let now = ContinuousClock.now
        return lock.withLock {
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    func store(_ value: Value, for key: Key) {
        let expires = ContinuousClock.now + lifetime
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, expires)
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
