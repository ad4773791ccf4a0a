import CShims

/// GOST R 34.11-94 (in Kazakhstan: СТ РК ГОСТ 34.311-95), a 256-bit hash built from GOST 28147-89.
///
/// State and blocks are 256-bit little-endian numbers held as four `UInt64` words (word 0 holds bytes
/// 0…7): the message's first byte is the least significant, as in every implementation that interoperates
/// with Kalkan and OpenSSL. The digest bytes come out in that same order ("natural order"); `gostsum`
/// prints them reversed. Buffering and finalisation are here; the step function χ(H, M) (§7) runs in
/// `CShims/SenimGOST94Core.c`, its four GOST 28147-89 encryptions interleaved, with the S-box as a parameter
/// (the byte-pair tables of ``GOST28147RoundTables``).
public struct GOSTR341194: HashFunction {

    private let rounds: GOST28147RoundTables
    /// H (words 0–3) and Σ, the sum of all blocks mod 2^256 (words 4–7).
    private var state = [UInt64](repeating: 0, count: 8)
    private var byteCount: UInt64 = 0 // processed message bytes (length in bits is 8× this)
    private var pending = [UInt8](repeating: 0, count: 32)
    private var pendingCount = 0

    /// - Parameter sBox: `.testParamSet` for the Kazakh GOST 34.311-95, `.cryptoProParamSet` for RFC 4490.
    ///   H0 is zero for both, as the Kazakh profile and RFC 4357 specify.
    public init(sBox: GOST28147SBox) {
        rounds = GOST28147RoundTables.tables(for: sBox)
    }

    public mutating func update(bufferPointer input: UnsafeRawBufferPointer) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        byteCount &+= UInt64(input.count)
        var offset = 0
        if pendingCount > 0 {
            let take = min(32 - pendingCount, input.count)
            pending.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: base, byteCount: take) }
            pendingCount += take
            offset = take
            guard pendingCount == 32 else { return }
            pending.withUnsafeBytes { absorb($0.baseAddress!, blocks: 1) }
            pendingCount = 0
        }
        let blocks = (input.count - offset) / 32
        if blocks > 0 {
            absorb(base + offset, blocks: blocks)
            offset += blocks * 32
        }
        if offset < input.count {
            let count = input.count - offset
            pending.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: base + offset, byteCount: count) }
            pendingCount = count
        }
    }

    private mutating func absorb(_ bytes: UnsafeRawPointer, blocks: Int) {
        let table = rounds.table
        state.withUnsafeMutableBufferPointer { words in
            table.withUnsafeBufferPointer { table in
                senim_gost94_absorb(
                    words.baseAddress!, words.baseAddress! + 4, bytes.assumingMemoryBound(to: UInt8.self),
                    blocks, table.baseAddress!)
            }
        }
    }

    public mutating func finalize() -> [UInt8] {
        if pendingCount > 0 || byteCount == 0 {
            // Stage 3 of the standard: the last partial block is zero-padded on its high side; Σ gets the
            // padded block, the length counts only the real bits. The step runs unconditionally, so an empty
            // message hashes one all-zero block — as gost-engine and gostsum do (the value ce85b99c… quoted
            // for "" in some tables skips it).
            for index in pendingCount..<32 { pending[index] = 0 }
            pending.withUnsafeBytes { absorb($0.baseAddress!, blocks: 1) }
        }
        var h = Array(state[0..<4])
        let sigma = Array(state[4..<8])
        let bitLength: [UInt64] = [byteCount << 3, byteCount >> 61, 0, 0]
        rounds.table.withUnsafeBufferPointer { table in
            senim_gost94_step(&h, bitLength, table.baseAddress!)
            senim_gost94_step(&h, sigma, table.baseAddress!)
        }
        var digest = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 { digest[index] = UInt8(truncatingIfNeeded: h[index / 8] >> (8 * UInt64(index % 8))) }
        return digest
    }
}
