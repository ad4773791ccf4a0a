/// One row of a cross-reference table or stream (ISO 32000-2 §7.5.4, §7.5.8.3 Table 18).
public enum CrossReferenceEntry: Sendable, Equatable {
    /// Type 0 / `f`: the object number is free (deleted) in this revision.
    case free
    /// Type 1 / `n`: the object is at this byte offset.
    case inUse(offset: Int, generation: Int)
    /// Type 2: the object is the `index`-th of object stream `stream`.
    case compressed(stream: Int, index: Int)
}

/// How a revision's cross-reference information is written (§7.5.4, §7.5.8, hybrid files §7.5.8.4).
public enum CrossReferenceKind: String, Sendable, Codable {
    case table
    case stream
    /// A classic table whose trailer points with `/XRefStm` at a stream holding the compressed objects.
    case hybrid
}
