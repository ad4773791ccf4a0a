import SwiftASN1

/// Assembles DER from already-encoded parts. CMS re-encoding (adding a timestamp or a countersignature to a
/// received signature) must keep the received bytes of every signed part, so it composes raw TLVs instead of
/// re-serialising a model.
package enum DERWriter {
    package static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let length = content.count
        if length < 0x80 {
            out.append(UInt8(length))
        } else {
            var bytes: [UInt8] = []
            var remaining = length
            while remaining > 0 {
                bytes.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            out.append(0x80 | UInt8(bytes.count))
            out += bytes
        }
        return out + content
    }

    package static func sequence(_ parts: [[UInt8]]) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }

    /// A DER `SET OF`: elements sorted by their encodings (X.690 §11.6).
    package static func setOf(_ elements: [[UInt8]], tag: UInt8 = 0x31) -> [UInt8] {
        tlv(tag, elements.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 })
    }

    package static func octetString(_ bytes: [UInt8]) -> [UInt8] { tlv(0x04, bytes) }

    package static func contextConstructed(_ number: UInt8, _ content: [UInt8]) -> [UInt8] { tlv(0xA0 | number, content) }

    package static func integer(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var v = value
        repeat {
            bytes.insert(UInt8(truncatingIfNeeded: v), at: 0)
            v >>= 8
        } while v != 0 && v != -1
        if value >= 0, let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        if value < 0, let first = bytes.first, first & 0x80 == 0 { bytes.insert(0xFF, at: 0) }
        return tlv(0x02, bytes)
    }

    /// An unsigned big-endian integer (serial numbers, nonces), with the sign byte DER needs.
    package static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var bytes = Array(magnitude.drop(while: { $0 == 0 }))
        if bytes.isEmpty { bytes = [0] }
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return tlv(0x02, bytes)
    }

    package static func encode<Value: DERSerializable>(_ value: Value) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(value)
        return serializer.serializedBytes
    }

}
