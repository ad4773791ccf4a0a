import SwiftASN1

/// `ReasonFlags ::= BIT STRING` (RFC 5280 §4.2.1.13): the revocation reasons a distribution point or a
/// partitioned CRL covers. Bit 0 (`unused`) is never part of a scope; "all reasons" is bits 1–8, the
/// reasons_mask that RFC 5280 §6.3.3 must reach before a certificate counts as unrevoked.
public struct ReasonFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let keyCompromise = ReasonFlags(rawValue: 1 << 1)
    public static let cACompromise = ReasonFlags(rawValue: 1 << 2)
    public static let affiliationChanged = ReasonFlags(rawValue: 1 << 3)
    public static let superseded = ReasonFlags(rawValue: 1 << 4)
    public static let cessationOfOperation = ReasonFlags(rawValue: 1 << 5)
    public static let certificateHold = ReasonFlags(rawValue: 1 << 6)
    public static let privilegeWithdrawn = ReasonFlags(rawValue: 1 << 7)
    public static let aACompromise = ReasonFlags(rawValue: 1 << 8)
    /// The "all-reasons" value of RFC 5280 §6.3.3.
    public static let all = ReasonFlags(rawValue: 0b1_1111_1110)

    init(derEncoded node: ASN1Node) throws {
        let bits = try ASN1BitString(derEncoded: node)
        var value: UInt16 = 0
        for (byteIndex, byte) in bits.bytes.enumerated() where byteIndex < 2 {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 { value |= 1 << UInt16(byteIndex * 8 + bit) }
        }
        rawValue = value & ReasonFlags.all.rawValue
    }

    public var description: String {
        let names = [
            "unused", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation",
            "certificateHold", "privilegeWithdrawn", "aACompromise",
        ]
        return (1...8).filter { rawValue & (1 << $0) != 0 }.map { names[$0] }.joined(separator: ", ")
    }
}
