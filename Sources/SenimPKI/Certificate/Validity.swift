import Foundation

/// The validity period of a certificate: notBefore ≤ t ≤ notAfter, both inclusive (RFC 5280 §4.1.2.5).
public struct Validity: Sendable, Hashable, Codable {
    public let notBefore: Date
    public let notAfter: Date

    public func contains(_ time: Date) -> Bool { notBefore <= time && time <= notAfter }
}
