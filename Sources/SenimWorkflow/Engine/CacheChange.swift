import Foundation

/// What a node's caches hold, by kind: each kind is announced on its own channel (PostgreSQL `LISTEN/NOTIFY`),
/// so that every node of one database drops what another node changed.
public enum CacheKind: String, CaseIterable, Sendable {
    /// A session (logout, expiry): the key is the session token's digest.
    case session
    /// A document's status (any command on it): the key is the document id.
    case document
    /// A user's status or rights (block, new rights): every cached session and document may be affected.
    case user
    /// A partner's status or tariff: likewise.
    case partner

    /// The notification channel of this kind.
    public var channel: String { "senimkey_cache_\(rawValue)" }
}

/// One change a node announces after it committed it: a kind and the entry's key, or nil for every entry.
public struct CacheChange: Sendable, Hashable {
    public let kind: CacheKind
    public let key: String?

    public init(kind: CacheKind, key: String?) {
        self.kind = kind
        self.key = key
    }
}

/// A store that carries cache changes between the nodes on one database (``PostgreSQLStore``). A store without
/// it (SQLite: one process) needs none: its one engine drops its own entries.
public protocol CacheChangeFeed: Sendable {
    /// Tells every other node about `change`, without waiting: a lost announcement costs at most one cache
    /// lifetime of staleness, never a wrong commit (every command re-reads inside its transaction).
    func announce(_ change: CacheChange)

    /// Runs until cancelled: calls `listening` each time it starts (or, after a lost connection, starts again) to
    /// listen (whatever was announced meanwhile is unknown: the caller drops everything), and `received` for each
    /// change another node announced.
    func follow(listening: @escaping @Sendable () -> Void, received: @escaping @Sendable (CacheChange) -> Void) async
}
