import SwiftASN1

/// `KeyUsage ::= BIT STRING` (RFC 5280 §4.2.1.3); bit 0 is the most significant bit of the first byte.
public struct KeyUsage: Sendable, Hashable, CustomStringConvertible {
    public let bits: Set<Int>

    public static let digitalSignature = 0, nonRepudiation = 1, keyEncipherment = 2, dataEncipherment = 3
    public static let keyAgreement = 4, keyCertSign = 5, cRLSign = 6, encipherOnly = 7, decipherOnly = 8

    init(derEncoded node: ASN1Node) throws {
        let bitString = try ASN1BitString(derEncoded: node)
        var bits = Set<Int>()
        for (byteIndex, byte) in bitString.bytes.enumerated() {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 { bits.insert(byteIndex * 8 + bit) }
        }
        self.bits = bits
    }

    public func contains(_ bit: Int) -> Bool { bits.contains(bit) }

    public var description: String {
        let names = [
            "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
            "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
        ]
        return bits.sorted().map { $0 < names.count ? names[$0] : "bit\($0)" }.joined(separator: ", ")
    }
}
