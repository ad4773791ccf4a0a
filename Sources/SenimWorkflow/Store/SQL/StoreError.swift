/// Why the store failed: the database itself, or stored data that no longer decodes.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case database(String)
    case corruptRow(String)
    case blob(String)
    /// A blob (an upload as it streams in) longer than the limit it was stored under; nothing of it is kept.
    case blobTooLarge(limit: Int64)
    /// A fault injected by a test between the writes and the commit.
    case injectedFault

    public var description: String {
        switch self {
        case .database(let why): return "database: \(why)"
        case .corruptRow(let why): return "stored row does not decode: \(why)"
        case .blob(let why): return "blob store: \(why)"
        case .blobTooLarge(let limit): return "blob store: the upload exceeds \(limit) bytes"
        case .injectedFault: return "injected fault before commit"
        }
    }
}
