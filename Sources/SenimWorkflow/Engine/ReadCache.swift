import Foundation

/// What every request reads again and again (its session, the document it asks about) kept in memory for a
/// moment. This process drops an entry the moment it changes what the entry was read from (a command on the
/// document, a block, a logout, an administrative change), so on one node a cached answer is never stale.
/// With several nodes on one PostgreSQL each removal is also announced (``CacheChangeFeed``) and every other
/// node drops the entry when the announcement arrives (milliseconds); the lifetime (one second by default) stays
/// as the bound for an announcement that is lost, after which the entry is read from the store again.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [Key: (value: Value, expires: ContinuousClock.Instant)] = [:]
    private let lifetime: Duration
    private let capacity: Int
    /// Called after ``remove(_:)`` (with the key) and ``removeAll()`` (with nil): the announcement to other nodes.
    private let removed: (@Sendable (Key?) -> Void)?

    init(lifetime: Duration, capacity: Int = 10_000, removed: (@Sendable (Key?) -> Void)? = nil) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.removed = removed
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

    /// Drops the entry for a change this node made, and announces it.
    func remove(_ key: Key) {
        drop(key)
        removed?(key)
    }

    func removeAll() {
        dropAll()
        removed?(nil)
    }

    /// Drops the entry for a change another node announced (or, for ``dropAll()``, that may have been missed).
    func drop(_ key: Key) { lock.withLock { entries[key] = nil } }
    func dropAll() { lock.withLock { entries.removeAll(keepingCapacity: true) } }
}

/// The engine's caches: sessions by token digest, document status by id; with a ``CacheChangeFeed`` (PostgreSQL)
/// coherent with every other node's, kind by kind (``CacheKind``).
final class EngineCaches: Sendable {
    let sessions: ReadCache<String, AuthenticatedSession>
    let documents: ReadCache<String, DocumentState>
    private let feed: (any CacheChangeFeed)?
    private let following: Task<Void, Never>?
    private let listeningFlag = ListeningFlag()

    init(lifetime: Duration, feed: (any CacheChangeFeed)? = nil) {
        let sessions = ReadCache<String, AuthenticatedSession>(lifetime: lifetime) { key in
            feed?.announce(CacheChange(kind: .session, key: key))
        }
        let documents = ReadCache<String, DocumentState>(lifetime: lifetime) { key in
            feed?.announce(CacheChange(kind: .document, key: key))
        }
        self.sessions = sessions
        self.documents = documents
        self.feed = feed
        let flag = listeningFlag
        following = feed.map { feed in
            Task {
                await feed.follow(
                    listening: {
                        // Whatever was announced before (or while reconnecting) is unknown: start empty.
                        sessions.dropAll()
                        documents.dropAll()
                        flag.set()
                    },
                    received: { change in
                        switch (change.kind, change.key) {
                        case (.session, let key?): sessions.drop(key)
                        case (.document, let key?): documents.drop(key)
                        case (.session, nil): sessions.dropAll()
                        case (.document, nil): documents.dropAll()
                        case (.user, _), (.partner, _):
                            // A block, new rights or an inactive partner changes what cached sessions and documents may do.
                            sessions.dropAll()
                            documents.dropAll()
                        }
                    })
            }
        }
    }

    deinit { following?.cancel() }

    /// Whether this node follows the other nodes' changes now (always false without a feed).
    var isListening: Bool { listeningFlag.value }

    /// An administrative change of `kind` (a user's status or rights, a partner's status or tariff): this node
    /// drops every session and document it holds, and tells the others to do the same.
    func principalsChanged(_ kind: CacheKind) {
        sessions.dropAll()
        documents.dropAll()
        feed?.announce(CacheChange(kind: kind, key: nil))
    }
}

/// A flag set once the feed listens.
final class ListeningFlag: @unchecked Sendable {
    // @unchecked: `set` is only touched under `lock`.
    private let lock = NSLock()
    private var isSet = false

    func set() { lock.withLock { isSet = true } }
    var value: Bool { lock.withLock { isSet } }
}
