import CShims

/// The specialised verification arithmetic of `CShims/SenimGOSTCurve.c` for the two Kazakh curves,
/// whose primes are 2^(64·L) − c and whose a is −3. Other curves verify through OpenSSL's EC_GROUP.
final class GOSTFastCurve: @unchecked Sendable {
    // @unchecked: the C structure (limb count, c, the table of odd multiples of G) is immutable after init.
    private let pointer: OpaquePointer
    let limbs: Int

    init?(curve: GOSTCurve) {
        guard let (limbs, c) = curve.pseudoMersenneForm else { return nil }
        let n = curve.coordinateByteCount
        let gx = GOSTFastCurve.limbs(BigNumber(hex: curve.x).littleEndianBytes(count: n))
        let gy = GOSTFastCurve.limbs(BigNumber(hex: curve.y).littleEndianBytes(count: n))
        guard let pointer = senim_gost_curve_new(Int32(limbs), c, gx, gy) else { return nil }
        self.pointer = pointer
        self.limbs = limbs
    }

    deinit { senim_gost_curve_free(pointer) }

    /// True when x(z1·G + z2·Q) ∈ {r, r + q}; `rPlusQ` is nil when r + q ≥ p.
    func verify(qx: [UInt64], qy: [UInt64], z1: [UInt64], z2: [UInt64], r: [UInt64], rPlusQ: [UInt64]?) -> Bool {
        if let rPlusQ {
            return senim_gost_verify_x(pointer, qx, qy, z1, z2, r, rPlusQ) == 1
        }
        return senim_gost_verify_x(pointer, qx, qy, z1, z2, r, nil) == 1
    }

    /// Little-endian bytes (a multiple of 8 long) as little-endian 64-bit limbs.
    static func limbs(_ bytes: [UInt8]) -> [UInt64] {
        stride(from: 0, to: bytes.count, by: 8).map { start in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << (8 * UInt64($1)) }
        }
    }
}

extension GOSTCurve {
    /// (limbs, c) when p = 2^(64·limbs) − c and a = p − 3: the shape the fast path implements.
    var pseudoMersenneForm: (limbs: Int, c: UInt64)? {
        switch self {
        case .cryptoProA: return (4, 617) // 2^256 − 617
        case .tc26_512_A: return (8, 569) // 2^512 − 569
        default: return nil
        }
    }
}
