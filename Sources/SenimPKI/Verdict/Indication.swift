/// The main indication of a validation (ETSI EN 319 102-1 §5.1.3), with the names EU DSS prints.
public enum Indication: String, Sendable, Hashable, Codable, CaseIterable {
    case totalPassed = "TOTAL_PASSED"
    case totalFailed = "TOTAL_FAILED"
    case indeterminate = "INDETERMINATE"

    /// `urn:etsi:019102:mainindication:total-passed` and its siblings.
    public var urn: String {
        "urn:etsi:019102:mainindication:" + rawValue.lowercased().replacingOccurrences(of: "_", with: "-")
    }
}
