/// Deterministic byte-level mutations for malformed-input tests (SplitMix64, so failures reproduce).
public struct Mutator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// One of: truncation, bit flips, a byte run inserted or deleted, a DER length turned huge
    /// (0x84 FF FF FF FF), a nested-SEQUENCE bomb, or random bytes.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        switch below(7) {
        case 0:
            bytes = Array(bytes.prefix(below(bytes.count)))
        case 1:
            for _ in 0...below(8) where !bytes.isEmpty { bytes[below(bytes.count)] ^= UInt8(1 << below(8)) }
        case 2:
            let at = below(bytes.count + 1)
            bytes.insert(contentsOf: (0..<(1 + below(16))).map { _ in UInt8(truncatingIfNeeded: next()) }, at: at)
        case 3:
            if !bytes.isEmpty {
                let at = below(bytes.count)
                let count = min(1 + below(16), bytes.count - at)
                bytes.removeSubrange(at..<(at + count))
            }
        case 4:
            if bytes.count > 2 {
                let at = 1 + below(bytes.count - 1)
                bytes.replaceSubrange(at..<(at + 1), with: [0x84, 0xFF, 0xFF, 0xFF, 0xFF])
            }
        case 5:
            let depth = 1 + below(5000)
            bytes = [UInt8](repeating: 0x30, count: depth).flatMap { [$0, 0x80] } + bytes
        default:
            bytes = (0..<below(512)).map { _ in UInt8(truncatingIfNeeded: next()) }
        }
        return bytes
    }
}
