/// `CRLReason` (RFC 5280 §5.3.1); value 7 is unused.
public enum RevocationReason: Int, Sendable, Hashable, Codable, CaseIterable {
    case unspecified = 0
    case keyCompromise = 1
    case caCompromise = 2
    case affiliationChanged = 3
    case superseded = 4
    case cessationOfOperation = 5
    case certificateHold = 6
    case removeFromCRL = 8
    case privilegeWithdrawn = 9
    case aaCompromise = 10
}
