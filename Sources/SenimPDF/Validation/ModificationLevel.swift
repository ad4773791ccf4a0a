/// What the revisions after a signature changed, in pyHanko's vocabulary (`ModificationLevel`): a forensic
/// reading of the incremental updates, not a permission. Ordered from harmless to anything.
public enum ModificationLevel: String, Sendable, Codable, Comparable, CaseIterable {
    /// Nothing after the signed revision: the signature covers the file.
    case none = "NONE"
    /// Only DSS / VRI updates and document timestamps (PAdES-B-LT and -LTA processing; ETSI EN 319 142-1 §5.4).
    case ltaUpdates = "LTA_UPDATES"
    /// Further signatures and form field values (ISO 32000-2 §12.8.2.2, DocMDP P=2).
    case formFilling = "FORM_FILLING"
    /// Annotations added or changed (DocMDP P=3).
    case annotations = "ANNOTATIONS"
    /// Anything else: page content, the page tree, objects replaced or deleted.
    case other = "OTHER"

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: ModificationLevel, rhs: ModificationLevel) -> Bool { lhs.rank < rhs.rank }
}

/// What a signature's ByteRange covers (pyHanko's `SignatureCoverageLevel`, with its two partial levels merged).
public enum SignatureCoverage: String, Sendable, Codable {
    /// The whole file except the `/Contents` hole.
    case entireFile = "ENTIRE_FILE"
    /// A whole earlier revision (up to its `%%EOF`); later incremental updates exist and are analysed.
    case entireRevision = "ENTIRE_REVISION"
    /// Anything else: the range does not end at a revision's end, or its hole is not the `/Contents` string.
    case partial = "PARTIAL"
}
