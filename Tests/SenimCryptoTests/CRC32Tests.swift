import Testing

@testable import SenimCrypto

/// CRC-32 known answers: the check value of the CRC catalogue (CRC-32/ISO-HDLC, "123456789" → 0xCBF43926,
/// also ITU-T V.42 / ISO 3309), the pangram as zlib's `crc32` gives it, and a 1 MiB+ input fed in chunks of
/// awkward sizes, whose whole-input value was computed with Python's `zlib.crc32`.
@Suite("CRC-32")
struct CRC32Tests {
    @Test func checkValueOf123456789IsCBF43926() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyInputIsZero() {
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32().value == 0)
    }

    @Test func pangramMatchesZlib() {
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    /// 256 × 4,099 bytes (just over 1 MiB), fed in 7-, 4,096- and 1 MiB-sized chunks: the value never depends
    /// on where the chunks end, and the whole equals zlib's.
    @Test func chunkedEqualsWhole() {
        let bytes = [UInt8]((0..<(256 * 4099)).map { UInt8($0 & 0xFF) })
        let whole = CRC32.checksum(bytes)
        #expect(whole == Self.zlibValueOfRamp)
        for size in [7, 4096, 1 << 20] {
            var crc = CRC32()
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                crc.update(Array(bytes[start..<end]))
                start = end
            }
            #expect(crc.value == whole, "chunks of \(size)")
        }
    }

    /// One flipped bit changes the checksum (a CRC detects every single-bit error).
    @Test func flippedBitChangesTheValue() {
        var bytes = Array("123456789".utf8)
        bytes[4] ^= 0x01
        #expect(CRC32.checksum(bytes) != 0xCBF4_3926)
    }

    /// `python3 -c "import zlib; print(hex(zlib.crc32(bytes(range(256)) * 4099)))"`
    static let zlibValueOfRamp: UInt32 = 0x1FF6_05C6
}
