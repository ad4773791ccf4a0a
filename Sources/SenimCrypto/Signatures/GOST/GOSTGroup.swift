// swift-format-ignore-file: AlwaysUseLowerCamelCase
// The names keep the standards' designators (tc26_512_A for id-tc26-gost-3410-12-512-paramSetA, gost34310_2004 for
// СТ РК ГОСТ 34.310-2004), where the underscore separates a standard's number, its year and its parameter set.

import COpenSSL
import CShims

/// A GOST curve as an OpenSSL EC_GROUP, built once per parameter set and shared.
///
/// OpenSSL's generic prime-curve code (BIGNUM + `EC_GROUP_new_curve_GFp`) is ~15× faster than a
/// Swift bignum in release and ~500× in debug builds; the generator multiples are
/// precomputed so the z1·G half of every verification is cheap.
final class GOSTGroup: @unchecked Sendable {
    // @unchecked: the EC_GROUP and BIGNUMs are never modified after init; OpenSSL reads them concurrently.
    let curve: GOSTCurve
    let group: OpaquePointer
    let order: BigNumber
    let prime: BigNumber
    /// Specialised verification arithmetic for the KZ curves (nil for the others).
    let fast: GOSTFastCurve?

    private init(curve: GOSTCurve) {
        self.curve = curve
        let p = BigNumber(hex: curve.p)
        let a = BigNumber(hex: curve.a)
        let b = BigNumber(hex: curve.b)
        let x = BigNumber(hex: curve.x)
        let y = BigNumber(hex: curve.y)
        let cofactor = BigNumber()
        let order = BigNumber(hex: curve.q)
        BN_set_word(cofactor.pointer, curve.cofactor)
        prime = p
        self.order = order
        fast = GOSTFastCurve(curve: curve)
        // The parameter literals are fixed and covered by known-answer tests; failure is a programming error.
        group = withBigNumberContext { context in
            let group = EC_GROUP_new_curve_GFp(p.pointer, a.pointer, b.pointer, context)!
            let generator = EC_POINT_new(group)!
            defer { EC_POINT_free(generator) }
            precondition(
                EC_POINT_set_affine_coordinates(group, generator, x.pointer, y.pointer, context) == 1,
                "GOST generator not on curve \(curve.name)")
            precondition(EC_GROUP_set_generator(group, generator, order.pointer, cofactor.pointer) == 1)
            senim_EC_GROUP_precompute_mult(group, context)
            return group
        }
        withExtendedLifetime((p, a, b, x, y, cofactor)) {}
    }

    deinit { EC_GROUP_free(group) }

    private static let cryptoProA = GOSTGroup(curve: .cryptoProA)
    private static let cryptoProB = GOSTGroup(curve: .cryptoProB)
    private static let cryptoProC = GOSTGroup(curve: .cryptoProC)
    private static let tc26_256_A = GOSTGroup(curve: .tc26_256_A)
    private static let tc26_512_A = GOSTGroup(curve: .tc26_512_A)
    private static let tc26_512_B = GOSTGroup(curve: .tc26_512_B)
    private static let tc26_512_C = GOSTGroup(curve: .tc26_512_C)
    private static let example256 = GOSTGroup(curve: .example256)
    private static let example512 = GOSTGroup(curve: .example512)

    static func shared(_ curve: GOSTCurve) -> GOSTGroup {
        switch curve {
        case .cryptoProA: return cryptoProA
        case .cryptoProB: return cryptoProB
        case .cryptoProC: return cryptoProC
        case .tc26_256_A: return tc26_256_A
        case .tc26_512_A: return tc26_512_A
        case .tc26_512_B: return tc26_512_B
        case .tc26_512_C: return tc26_512_C
        case .example256: return example256
        default: return example512
        }
    }
}

/// A point on a GOST curve, owned.
final class GOSTPoint: @unchecked Sendable {
    // @unchecked: immutable after construction.
    let group: GOSTGroup
    let pointer: OpaquePointer
    /// Affine coordinates as little-endian limbs, for the fast verification path.
    let xLimbs: [UInt64], yLimbs: [UInt64]

    init(group: GOSTGroup, owning pointer: OpaquePointer) {
        self.group = group
        self.pointer = pointer
        let x = BigNumber()
        let y = BigNumber()
        withBigNumberContext { context in
            _ = EC_POINT_get_affine_coordinates(group.group, pointer, x.pointer, y.pointer, context)
        }
        let n = group.curve.coordinateByteCount
        xLimbs = GOSTFastCurve.limbs(x.littleEndianBytes(count: n))
        yLimbs = GOSTFastCurve.limbs(y.littleEndianBytes(count: n))
    }

    /// Decodes affine coordinates, rejecting values ≥ p, points off the curve and the point at infinity.
    convenience init(group: GOSTGroup, x: BigNumber, y: BigNumber) throws(SenimCryptoError) {
        guard x < group.prime, y < group.prime else {
            throw .invalidKey("GOST public key coordinate is not below the field prime")
        }
        let point = EC_POINT_new(group.group)!
        let valid = withBigNumberContext { context in
            EC_POINT_set_affine_coordinates(group.group, point, x.pointer, y.pointer, context) == 1
                && EC_POINT_is_on_curve(group.group, point, context) == 1
                && EC_POINT_is_at_infinity(group.group, point) == 0
        }
        withExtendedLifetime((x, y)) {}
        guard valid else {
            EC_POINT_free(point)
            OpenSSLErrorQueue.clear()
            throw .invalidKey("GOST public key is not a point on \(group.curve.name)")
        }
        self.init(group: group, owning: point)
    }

    deinit { EC_POINT_free(pointer) }

    func affineCoordinates() -> (x: BigNumber, y: BigNumber) {
        let x = BigNumber()
        let y = BigNumber()
        withBigNumberContext { context in
            _ = EC_POINT_get_affine_coordinates(group.group, pointer, x.pointer, y.pointer, context)
        }
        return (x, y)
    }
}
