import SenimCrypto
import SenimPKI
import SwiftASN1

/// XML-DSig writes ECDSA and DSA signatures as r ‖ s, fixed width (RFC 4050, XML-DSig 1.1 §6.4.3); OpenSSL
/// verifies the DER `SEQUENCE { r, s }` that CMS uses. RSA, Ed25519 and GOST values are used as they are
/// (GOST in its scheme's byte layout: r_le ‖ s_le for the KZ URIs).
enum XMLSignatureValueEncoding {
    static func openSSLForm(_ value: [UInt8], algorithm: SignatureAlgorithm) -> [UInt8] {
        switch algorithm {
        case .ecdsa, .dsa:
            // Some producers (the xmlsec "asn1 hack", old Java) put DER here already: a value that is exactly a
            // SEQUENCE of two INTEGERs is taken as that.
            if value.first == 0x30, let node = try? DER.parse(value), node.encodedBytes.count == value.count,
                (try? DER.sequence(
                    node, identifier: .sequence,
                    { nodes -> Bool in
                        _ = try ArraySlice<UInt8>(derEncoded: &nodes)
                        _ = try ArraySlice<UInt8>(derEncoded: &nodes)
                        return nodes.next() == nil
                    })) == true
            {
                return value
            }
            guard value.count % 2 == 0, !value.isEmpty else { return value }
            let half = value.count / 2
            return DERSequence.encode(integers: [Array(value[..<half]), Array(value[half...])])
        default:
            return value
        }
    }

    /// The XML form of an OpenSSL ECDSA/DSA signature: DER → r ‖ s, each padded to the field width.
    static func xmlForm(_ der: [UInt8], algorithm: SignatureAlgorithm, fieldBytes: Int) -> [UInt8] {
        switch algorithm {
        case .ecdsa, .dsa:
            guard
                let (r, s) = try? DER.sequence(
                    DER.parse(der), identifier: .sequence,
                    { nodes in
                        (try ArraySlice<UInt8>(derEncoded: &nodes), try ArraySlice<UInt8>(derEncoded: &nodes))
                    })
            else { return der }
            func pad(_ value: ArraySlice<UInt8>) -> [UInt8] {
                let trimmed = Array(value.drop(while: { $0 == 0 }))
                return [UInt8](repeating: 0, count: max(0, fieldBytes - trimmed.count)) + trimmed
            }
            return pad(r) + pad(s)
        default:
            return der
        }
    }
}

/// `SEQUENCE { INTEGER, INTEGER }` from unsigned big-endian magnitudes.
enum DERSequence {
    static func encode(integers: [[UInt8]]) -> [UInt8] {
        func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
            var length: [UInt8]
            if content.count < 0x80 {
                length = [UInt8(content.count)]
            } else {
                var bytes: [UInt8] = []
                var remaining = content.count
                while remaining > 0 {
                    bytes.insert(UInt8(remaining & 0xFF), at: 0)
                    remaining >>= 8
                }
                length = [0x80 | UInt8(bytes.count)] + bytes
            }
            return [tag] + length + content
        }
        let body = integers.flatMap { magnitude -> [UInt8] in
            var bytes = Array(magnitude.drop(while: { $0 == 0 }))
            if bytes.isEmpty { bytes = [0] }
            if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
            return tlv(0x02, bytes)
        }
        return tlv(0x30, body)
    }
}
