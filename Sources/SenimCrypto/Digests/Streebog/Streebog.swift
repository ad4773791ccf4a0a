/// GOST R 34.11-2012 / GOST 34.11-2015 ("Streebog"), 256- and 512-bit.
///
/// The 512-bit state, counter N and checksum Σ are little-endian arrays of eight `UInt64`; message bytes
/// are taken in order (first byte least significant), which gives the "natural order" digests of
/// `openssl dgst -md_gost12_512` and of Kalkan's CMS `messageDigest` (the RFC 6986 text prints them reversed).
public struct Streebog: HashFunction {
    public enum OutputSize: Sendable { case bits256, bits512 }


    private let outputSize: OutputSize
    /// h (words 0–7), N (8–15), Σ (16–23), pending block (24–31).
    private var words: [UInt64]
    private var pendingCount = 0

    public init(outputBits: OutputSize) {
        outputSize = outputBits
        words = [UInt64](repeating: 0, count: 32)
        if outputBits == .bits256 {
            // IV for the 256-bit variant is 0x01 in every byte (§8.1).
            for index in 0..<8 { words[index] = 0x0101_0101_0101_0101 }
        }
    }

    public mutating func update(bufferPointer input: UnsafeRawBufferPointer) {
        guard input.count > 0 else { return }
        var pendingCount = self.pendingCount
        words.withUnsafeMutableBufferPointer { state in
            StreebogTables.lps.withUnsafeBufferPointer { table in
                let pending = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(state)[192..<256])
                var offset = 0
                if pendingCount > 0 {
                    let take = min(64 - pendingCount, input.count)
                    pending.baseAddress!.advanced(by: pendingCount).copyMemory(from: input.baseAddress!, byteCount: take)
                    pendingCount += take
                    offset = take
                    if pendingCount < 64 { return }
                    for index in 0..<8 { state[24 + index] = UInt64(littleEndian: state[24 + index]) }
                    Streebog.absorbPendingBlock(state, table)
                    pendingCount = 0
                }
                while input.count - offset >= 64 {
                    for index in 0..<8 {
                        state[24 + index] = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self))
                    }
                    Streebog.absorbPendingBlock(state, table)
                    offset += 64
                }
                if offset < input.count {
                    pending.baseAddress!.copyMemory(from: input.baseAddress!.advanced(by: offset), byteCount: input.count - offset)
                    pendingCount = input.count - offset
                }
            }
        }
        self.pendingCount = pendingCount
    }

    public mutating func finalize() -> [UInt8] {
        let pendingCount = self.pendingCount
        words.withUnsafeMutableBufferPointer { state in
            StreebogTables.lps.withUnsafeBufferPointer { table in
                // Pad: the message bytes, then 0x01, then zeros (§8.1, step 3).
                let pending = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(state)[192..<256])
                for index in pendingCount..<64 { pending[index] = 0 }
                pending[pendingCount] = 0x01
                for index in 0..<8 { state[24 + index] = UInt64(littleEndian: state[24 + index]) }
                let h = state.baseAddress!, n = h + 8, sigma = h + 16, block = h + 24
                Streebog.compress(h, counter: n, block: block, table)
                Streebog.add512(n, UInt64(pendingCount * 8))
                Streebog.add512(sigma, block)
                let zero = UnsafeMutablePointer<UInt64>.allocate(capacity: 8)
                defer { zero.deallocate() }
                zero.initialize(repeating: 0, count: 8)
                Streebog.compress(h, counter: zero, block: n, table)
                Streebog.compress(h, counter: zero, block: sigma, table)
            }
        }
        var digest = [UInt8](repeating: 0, count: 64)
        for index in 0..<64 { digest[index] = UInt8(truncatingIfNeeded: words[index / 8] >> (8 * UInt64(index % 8))) }
        // The 256-bit digest is the most significant half: bytes 32…63 (§8.2, MSB_256).
        return outputSize == .bits512 ? digest : Array(digest[32..<64])
    }

    // MARK: Compression

    /// Processes the block stored in words 24…31: h ← g_N(h, m); N += 512; Σ += m.
    @inline(__always)
    private static func absorbPendingBlock(_ state: UnsafeMutableBufferPointer<UInt64>, _ table: UnsafeBufferPointer<UInt64>) {
        let h = state.baseAddress!, n = h + 8, sigma = h + 16, block = h + 24
        compress(h, counter: n, block: block, table)
        add512(n, 512)
        add512(sigma, block)
    }

    /// g_N(h, m) = E(LPS(h ⊕ N), m) ⊕ h ⊕ m, computed in place into `h`.
    @inline(__always)
    private static func compress(
        _ h: UnsafeMutablePointer<UInt64>, counter n: UnsafePointer<UInt64>, block m: UnsafePointer<UInt64>,
        _ table: UnsafeBufferPointer<UInt64>
    ) {
        var key = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var text = key
        withUnsafeMutableBytes(of: &key) { keyBytes in
            withUnsafeMutableBytes(of: &text) { textBytes in
                let k = keyBytes.baseAddress!.assumingMemoryBound(to: UInt64.self)
                let s = textBytes.baseAddress!.assumingMemoryBound(to: UInt64.self)
                for index in 0..<8 { k[index] = h[index] ^ n[index] }
                lps(k, table)
                for index in 0..<8 { s[index] = k[index] ^ m[index] }
                StreebogTables.constants.withUnsafeBufferPointer { constants in
                    for round in 0..<12 {
                        lps(s, table)
                        for index in 0..<8 { k[index] ^= constants[round * 8 + index] }
                        lps(k, table)
                        for index in 0..<8 { s[index] ^= k[index] }
                    }
                }
                for index in 0..<8 { h[index] ^= s[index] ^ m[index] }
            }
        }
    }

    /// LPS in place: output word `k` gathers byte `k` of every input word through the tables.
    @inline(__always)
    private static func lps(_ x: UnsafeMutablePointer<UInt64>, _ table: UnsafeBufferPointer<UInt64>) {
        let t = table.baseAddress!
        let x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7]
        for k in 0..<8 {
            let shift = UInt64(8 * k)
            x[k] = t[Int((x0 >> shift) & 0xff)] ^ t[256 + Int((x1 >> shift) & 0xff)]
                ^ t[512 + Int((x2 >> shift) & 0xff)] ^ t[768 + Int((x3 >> shift) & 0xff)]
                ^ t[1024 + Int((x4 >> shift) & 0xff)] ^ t[1280 + Int((x5 >> shift) & 0xff)]
                ^ t[1536 + Int((x6 >> shift) & 0xff)] ^ t[1792 + Int((x7 >> shift) & 0xff)]
        }
    }

    /// a += b mod 2^512 (b a 512-bit little-endian number).
    @inline(__always)
    private static func add512(_ a: UnsafeMutablePointer<UInt64>, _ b: UnsafePointer<UInt64>) {
        var carry: UInt64 = 0
        for index in 0..<8 {
            let (s1, o1) = a[index].addingReportingOverflow(b[index])
            let (s2, o2) = s1.addingReportingOverflow(carry)
            a[index] = s2
            carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
        }
    }

    /// a += small mod 2^512.
    @inline(__always)
    private static func add512(_ a: UnsafeMutablePointer<UInt64>, _ small: UInt64) {
        var carry = small
        var index = 0
        while carry != 0 && index < 8 {
            let (sum, overflow) = a[index].addingReportingOverflow(carry)
            a[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
    }
}
