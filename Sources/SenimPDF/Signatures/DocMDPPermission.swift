/// The changes a certification signature allows after it (ISO 32000-2 §12.8.2.2 Table 257, `/P` of the DocMDP
/// transform parameters), ordered as pyHanko's `MDPPerm`.
public enum DocMDPPermission: Int, Sendable, Codable, Comparable {
    /// 1: no changes (only DSS and document timestamps, which ISO 32000-2 §12.8.2.2.1 and PAdES allow).
    case noChanges = 1
    /// 2: filling in forms, instantiating page templates and signing.
    case fillForms = 2
    /// 3: as 2, plus annotation creation, deletion and modification.
    case annotate = 3

    /// The highest modification level this permission allows.
    public var allowedLevel: ModificationLevel {
        switch self {
        case .noChanges: return .ltaUpdates
        case .fillForms: return .formFilling
        case .annotate: return .annotations
        }
    }

    public static func < (lhs: DocMDPPermission, rhs: DocMDPPermission) -> Bool { lhs.rawValue < rhs.rawValue }
}
