import CShims

/// CRC-32 as ISO 3309 / ITU-T V.42 define it (reflected polynomial 0xEDB88320, initial value and final XOR
/// 0xFFFFFFFF): the checksum of every ZIP entry (PKWARE APPNOTE §4.4.7), so of every evidence package entry.
///
/// Not a digest: it detects accidental corruption, never tampering (the manifest's SHA-256 and the seal do
/// that). The running value starts at 0 and can be fed in chunks, so a 100 MB document is checked in one
/// streamed pass; the work is the C slicing-by-8 kernel in CShims, which only this type calls.
public struct CRC32: Sendable, Hashable {
    /// The checksum of everything fed so far (0 before any byte).
    public private(set) var value: UInt32

    public init() { value = 0 }

    /// Feeds the next chunk.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        value = senim_crc32(value, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// Feeds the next chunk.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The checksum of `bytes` in one call.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
