/// A 256-bit little-endian value (word 0 = bytes 0…7) with the bit-meshing maps of GOST R 34.11-94.
struct Words256: Equatable {
    var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    init() {}
    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3
    }

    init(loadingFrom buffer: UnsafeRawBufferPointer, at offset: Int) {
        w0 = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        w1 = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        w2 = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
        w3 = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
    }

    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        for (index, word) in [w0, w1, w2, w3].enumerated() {
            for byte in 0..<8 { out[index * 8 + byte] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(byte))) }
        }
        return out
    }

    /// Byte access in little-endian order (for assembling a partial block).
    mutating func withBytes(_ body: (UnsafeMutableRawBufferPointer) -> Void) {
        var words = (w0.littleEndian, w1.littleEndian, w2.littleEndian, w3.littleEndian)
        withUnsafeMutableBytes(of: &words) { body($0) }
        w0 = UInt64(littleEndian: words.0); w1 = UInt64(littleEndian: words.1)
        w2 = UInt64(littleEndian: words.2); w3 = UInt64(littleEndian: words.3)
    }

    static func ^ (a: Words256, b: Words256) -> Words256 {
        Words256(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2, w3: a.w3 ^ b.w3)
    }

    /// Addition mod 2^256 (the Σ checksum).
    mutating func add(_ other: Words256) {
        var carry: UInt64 = 0
        func addWord(_ a: inout UInt64, _ b: UInt64) {
            let (s1, o1) = a.addingReportingOverflow(b)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            a = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        addWord(&w0, other.w0); addWord(&w1, other.w1); addWord(&w2, other.w2); addWord(&w3, other.w3)
    }

    /// A(Y) for Y = y4‖y3‖y2‖y1 (64-bit parts): (y1 ⊕ y2)‖y4‖y3‖y2.
    @inline(__always)
    func shiftedA() -> Words256 {
        Words256(w0: w1, w1: w2, w2: w3, w3: w0 ^ w1)
    }

    /// P(Y): byte φ(i + 1 + 4(k − 1)) = 8i + k, i.e. output byte i + 4j takes input byte 8i + j
    /// (a transpose of the 4×8 byte matrix).
    @inline(__always)
    func transposed() -> Words256 {
        let words = (w0, w1, w2, w3)
        @inline(__always) func byte(_ word: UInt64, _ j: Int) -> UInt64 { (word >> (8 * UInt64(j))) & 0xff }
        @inline(__always) func column(_ j: Int) -> UInt64 {
            // Output bytes 4j…4j+3 come from byte j of words 0…3.
            byte(words.0, j) | byte(words.1, j) << 8 | byte(words.2, j) << 16 | byte(words.3, j) << 24
        }
        return Words256(
            w0: column(0) | column(1) << 32, w1: column(2) | column(3) << 32,
            w2: column(4) | column(5) << 32, w3: column(6) | column(7) << 32)
    }

    /// ψ^n, where ψ(y16‖…‖y1) = (y1 ⊕ y2 ⊕ y3 ⊕ y4 ⊕ y13 ⊕ y16)‖y16‖…‖y2 on 16-bit parts.
    @inline(__always)
    func psi(times n: Int) -> Words256 {
        var a = w0, b = w1, c = w2, d = w3
        for _ in 0..<n {
            let feedback = (a ^ a >> 16 ^ a >> 32 ^ a >> 48 ^ d ^ d >> 48) & 0xffff
            a = a >> 16 | b << 48
            b = b >> 16 | c << 48
            c = c >> 16 | d << 48
            d = d >> 16 | feedback << 48
        }
        return Words256(w0: a, w1: b, w2: c, w3: d)
    }
}
