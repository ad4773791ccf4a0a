import Foundation

/// A partner's package of signing uses (docs/user-agreement.md §4.11). A use is reserved when a document is sent, so a
/// partner can never have more documents in flight than uses; it is debited once when the last signer
/// completes, and released when the document is rejected, cancelled or expires.
public struct TariffPackage: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let partnerID: String
    public var usesTotal: Int
    public var usesUsed: Int
    public var usesReserved: Int
    public var validFrom: Date
    public var validUntil: Date
    public var active: Bool

    public init(
        id: String, partnerID: String, usesTotal: Int, usesUsed: Int = 0, usesReserved: Int = 0,
        validFrom: Date, validUntil: Date, active: Bool = true
    ) {
        self.id = id
        self.partnerID = partnerID
        self.usesTotal = usesTotal
        self.usesUsed = usesUsed
        self.usesReserved = usesReserved
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.active = active
    }

    public var usesLeft: Int { usesTotal - usesUsed - usesReserved }

    /// Whether a new document may reserve a use from this package at `time`.
    public func canReserve(at time: Date) -> Bool {
        active && validFrom <= time && time < validUntil && usesLeft > 0
    }
}
