import CShims

/// GOST R 34.11-2012 / GOST 34.11-2015 ("Streebog"), 256- and 512-bit.
///
/// The 512-bit state h, counter N and checksum Σ are eight little-endian words; message bytes are taken in
/// order (first byte least significant), which gives the "natural order" digests of
/// `openssl dgst -md_gost12_512` and of Kalkan's CMS `messageDigest` (the RFC 6986 text prints them reversed).
/// Buffering, padding and finalisation are here; the compression loop runs in `CShims/SenimStreebogCore.c`
/// (SIMD kernels chosen at run time, a portable one elsewhere) over static tables that equal ``StreebogTables``.
public struct Streebog: HashFunction {
    public enum OutputSize: Sendable { case bits256, bits512 }

    private let outputSize: OutputSize
    private let kernel: senim_streebog_kernel_t
    /// h (words 0–7), N (8–15), Σ (16–23).
    private var state = [UInt64](repeating: 0, count: 24)
    private var pending = [UInt8](repeating: 0, count: 64)
    private var pendingCount = 0

    public init(outputBits: OutputSize) {
        self.init(outputBits: outputBits, kernel: .selected)
    }

    /// A hasher on a given kernel (an unsupported one runs the portable code); tests compare them.
    init(outputBits: OutputSize, kernel: StreebogKernel) {
        outputSize = outputBits
        self.kernel = kernel.cValue
        if outputBits == .bits256 {
            // The 256-bit variant starts from 0x01 in every byte (§8.1).
            for index in 0..<8 { state[index] = 0x0101_0101_0101_0101 }
        }
    }

    public mutating func update(bufferPointer input: UnsafeRawBufferPointer) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        var offset = 0
        if pendingCount > 0 {
            let take = min(64 - pendingCount, input.count)
            pending.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: base, byteCount: take) }
            pendingCount += take
            offset = take
            guard pendingCount == 64 else { return }
            pending.withUnsafeBytes { absorb($0.baseAddress!, blocks: 1) }
            pendingCount = 0
        }
        let blocks = (input.count - offset) / 64
        if blocks > 0 {
            absorb(base + offset, blocks: blocks)
            offset += blocks * 64
        }
        if offset < input.count {
            let count = input.count - offset
            pending.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: base + offset, byteCount: count) }
            pendingCount = count
        }
    }

    private mutating func absorb(_ bytes: UnsafeRawPointer, blocks: Int) {
        state.withUnsafeMutableBufferPointer { words in
            let s = words.baseAddress!
            senim_streebog_absorb_kernel(kernel, s, s + 8, s + 16, bytes.assumingMemoryBound(to: UInt8.self), blocks)
        }
    }

    public mutating func finalize() -> [UInt8] {
        // Pad: the message bytes, then 0x01, then zeros (§8.1, step 3).
        for index in pendingCount..<64 { pending[index] = 0 }
        pending[pendingCount] = 0x01
        let block: [UInt64] = pending.withUnsafeBytes { bytes in
            (0..<8).map { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)) }
        }
        var h = Array(state[0..<8])
        var n = Array(state[8..<16])
        var sigma = Array(state[16..<24])
        let zero = [UInt64](repeating: 0, count: 8)
        senim_streebog_compress_kernel(kernel, &h, n, block)
        Streebog.add(&n, [UInt64(pendingCount * 8), 0, 0, 0, 0, 0, 0, 0])
        Streebog.add(&sigma, block)
        senim_streebog_compress_kernel(kernel, &h, zero, n)
        senim_streebog_compress_kernel(kernel, &h, zero, sigma)
        var digest = [UInt8](repeating: 0, count: 64)
        for index in 0..<64 { digest[index] = UInt8(truncatingIfNeeded: h[index / 8] >> (8 * UInt64(index % 8))) }
        // The 256-bit digest is the most significant half: bytes 32…63 (§8.2, MSB_256).
        return outputSize == .bits512 ? digest : Array(digest[32..<64])
    }

    /// a += b mod 2^512.
    private static func add(_ a: inout [UInt64], _ b: [UInt64]) {
        var carry: UInt64 = 0
        for index in 0..<8 {
            let (s1, o1) = a[index].addingReportingOverflow(b[index])
            let (s2, o2) = s1.addingReportingOverflow(carry)
            a[index] = s2
            carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
        }
    }
}
