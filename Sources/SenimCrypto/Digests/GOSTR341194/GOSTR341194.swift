/// GOST R 34.11-94 (in Kazakhstan: СТ РК ГОСТ 34.311-95), a 256-bit hash built from GOST 28147-89.
///
/// State and blocks are 256-bit little-endian numbers held as four `UInt64` words (word 0 holds bytes
/// 0…7): the message's first byte is the least significant, as in every implementation that interoperates
/// with Kalkan and OpenSSL. The digest bytes come out in that same order ("natural order"); `gostsum`
/// prints them reversed.
public struct GOSTR341194: HashFunction {

    private let rounds: GOST28147RoundTables
    private var state = Words256()
    private var checksum = Words256()   // Σ: sum of all blocks mod 2^256
    private var byteCount: UInt64 = 0   // processed message bytes (length in bits is 8× this)
    private var pending = Words256()    // a partial block, bytes in little-endian word order
    private var pendingCount = 0

    /// - Parameter sBox: `.testParamSet` for the Kazakh GOST 34.311-95, `.cryptoProParamSet` for RFC 4490.
    ///   H0 is zero for both, as the Kazakh profile and RFC 4357 specify.
    public init(sBox: GOST28147SBox) {
        rounds = GOST28147RoundTables.tables(for: sBox)
    }

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        guard bufferPointer.count > 0 else { return }
        var remaining = bufferPointer[...]
        byteCount &+= UInt64(bufferPointer.count)
        if pendingCount > 0 {
            let take = min(32 - pendingCount, remaining.count)
            pending.withBytes { bytes in
                for index in 0..<take { bytes[pendingCount + index] = remaining[remaining.startIndex + index] }
            }
            pendingCount += take
            remaining = remaining.dropFirst(take)
            if pendingCount < 32 { return }
            absorb(pending)
            pending = Words256()
            pendingCount = 0
        }
        let base = UnsafeRawBufferPointer(rebasing: remaining)
        var offset = 0
        while base.count - offset >= 32 {
            absorb(Words256(loadingFrom: base, at: offset))
            offset += 32
        }
        if offset < base.count {
            pending.withBytes { bytes in
                for index in 0..<(base.count - offset) { bytes[index] = base[offset + index] }
            }
            pendingCount = base.count - offset
        }
    }

    public mutating func finalize() -> [UInt8] {
        if pendingCount > 0 || byteCount == 0 {
            // Stage 3 of the standard: the last partial block is zero-padded on its high side; Σ gets the
            // padded block, the length counts only the real bits. The step runs unconditionally, so an empty
            // message hashes one all-zero block — as gost-engine and gostsum do (the value ce85b99c… quoted
            // for "" in some tables skips it).
            let block = pending
            state = step(state, block)
            checksum.add(block)
        }
        let bitLength = Words256(w0: byteCount << 3, w1: byteCount >> 61, w2: 0, w3: 0)
        state = step(state, bitLength)
        state = step(state, checksum)
        return state.bytes
    }

    private mutating func absorb(_ block: Words256) {
        state = step(state, block)
        checksum.add(block)
    }

    // MARK: The step function χ(H, M) of GOST R 34.11-94 §7

    /// C3 of the key generation (§7.1), the standard's 0xff00ffff…ff00 as little-endian words; C2 = C4 = 0.
    private static let c3 = Words256(
        w0: 0xff00_ff00_ff00_ff00, w1: 0x00ff_00ff_00ff_00ff, w2: 0xff00_00ff_00ff_ff00, w3: 0xff00_ffff_0000_00ff)

    private func step(_ h: Words256, _ m: Words256) -> Words256 {
        // Key generation: K1 = P(H ⊕ M); U ← A(U) ⊕ C_j; V ← A(A(V)); K_j = P(U ⊕ V).
        var u = h, v = m
        let k1 = (u ^ v).transposed()
        u = u.shiftedA()
        v = v.shiftedA().shiftedA()
        let k2 = (u ^ v).transposed()
        u = u.shiftedA() ^ GOSTR341194.c3
        v = v.shiftedA().shiftedA()
        let k3 = (u ^ v).transposed()
        u = u.shiftedA()
        v = v.shiftedA().shiftedA()
        let k4 = (u ^ v).transposed()

        // Encryption: each 64-bit quarter of H under its own key.
        let s = rounds.table.withUnsafeBufferPointer { table in
            Words256(
                w0: encrypt(h.w0, key: k1, table),
                w1: encrypt(h.w1, key: k2, table),
                w2: encrypt(h.w2, key: k3, table),
                w3: encrypt(h.w3, key: k4, table))
        }

        // Shuffle: H' = ψ^61(H ⊕ ψ(M ⊕ ψ^12(S))).
        var t = s.psi(times: 12)
        t = (t ^ m).psi(times: 1)
        return (t ^ h).psi(times: 61)
    }

    /// GOST 28147-89 simple-substitution encryption of one 64-bit block (32 rounds,
    /// subkeys K0…K7 three times forward, then K7…K0).
    @inline(__always)
    private func encrypt(_ block: UInt64, key: Words256, _ table: UnsafeBufferPointer<UInt32>) -> UInt64 {
        @inline(__always) func f(_ x: UInt32) -> UInt32 {
            table[Int(x & 0xff)] ^ table[256 + Int((x >> 8) & 0xff)]
                ^ table[512 + Int((x >> 16) & 0xff)] ^ table[768 + Int(x >> 24)]
        }
        let k: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
            UInt32(truncatingIfNeeded: key.w0), UInt32(truncatingIfNeeded: key.w0 >> 32),
            UInt32(truncatingIfNeeded: key.w1), UInt32(truncatingIfNeeded: key.w1 >> 32),
            UInt32(truncatingIfNeeded: key.w2), UInt32(truncatingIfNeeded: key.w2 >> 32),
            UInt32(truncatingIfNeeded: key.w3), UInt32(truncatingIfNeeded: key.w3 >> 32))
        var n1 = UInt32(truncatingIfNeeded: block), n2 = UInt32(truncatingIfNeeded: block >> 32)
        for _ in 0..<3 {
            n2 ^= f(n1 &+ k.0); n1 ^= f(n2 &+ k.1); n2 ^= f(n1 &+ k.2); n1 ^= f(n2 &+ k.3)
            n2 ^= f(n1 &+ k.4); n1 ^= f(n2 &+ k.5); n2 ^= f(n1 &+ k.6); n1 ^= f(n2 &+ k.7)
        }
        n2 ^= f(n1 &+ k.7); n1 ^= f(n2 &+ k.6); n2 ^= f(n1 &+ k.5); n1 ^= f(n2 &+ k.4)
        n2 ^= f(n1 &+ k.3); n1 ^= f(n2 &+ k.2); n2 ^= f(n1 &+ k.1); n1 ^= f(n2 &+ k.0)
        // The last round does not swap the halves.
        return UInt64(n1) << 32 | UInt64(n2)
    }
}
