import COpenSSL

/// The GOST R 34.10 signature equations on integers (§6.1, §6.2 of GOST R 34.10-2012; identical in
/// СТ РК ГОСТ 34.310-2004 and GOST 34.10-2015). Byte orders are handled one level up, in ``GOSTSignatureLayout``.
enum GOSTSignatureMath {
    /// e = α mod q, where α is the digest read as an integer; e = 1 when that is 0.
    private static func reducedDigest(_ alpha: BigNumber, group: GOSTGroup, context: OpaquePointer) -> BigNumber {
        let e = BigNumber()
        BN_nnmod(e.pointer, alpha.pointer, group.order.pointer, context)
        if e.isZero { BN_set_word(e.pointer, 1) }
        return e
    }

    /// Verification: v = e⁻¹, z1 = s·v, z2 = −r·v (mod q), C = z1·G + z2·Q; valid iff x_C mod q = r.
    /// - Parameter allowFastPath: false forces OpenSSL's generic EC arithmetic (tests cross-check the two).
    static func verify(alpha: BigNumber, r: BigNumber, s: BigNumber, publicKey: GOSTPoint, allowFastPath: Bool = true)
        throws(SenimCryptoError) -> Bool
    {
        let group = publicKey.group
        let q = group.order
        guard !r.isZero, !s.isZero, r < q, s < q else {
            throw .invalidSignatureEncoding("GOST signature component outside (0, q)")
        }
        return try withBigNumberContext { (context) throws(SenimCryptoError) -> Bool in
            let e = reducedDigest(alpha, group: group, context: context)
            let z1 = BigNumber()
            let z2 = BigNumber()
            let x = BigNumber()
            defer { withExtendedLifetime((e, z1, z2, x)) {} }
            guard let inverse = BN_mod_inverse(nil, e.pointer, q.pointer, context) else {
                throw OpenSSLErrorQueue.failure("BN_mod_inverse")
            }
            let v = BigNumber(adopting: inverse)
            defer { withExtendedLifetime(v) {} }
            BN_mod_mul(z1.pointer, s.pointer, v.pointer, q.pointer, context)
            BN_mod_mul(z2.pointer, r.pointer, v.pointer, q.pointer, context)
            BN_mod_sub(z2.pointer, q.pointer, z2.pointer, q.pointer, context)

            if allowFastPath, let fast = group.fast {
                let n = group.curve.coordinateByteCount
                let rPlusQ = BigNumber()
                BN_add(rPlusQ.pointer, r.pointer, q.pointer)
                defer { withExtendedLifetime(rPlusQ) {} }
                return fast.verify(
                    qx: publicKey.xLimbs, qy: publicKey.yLimbs,
                    z1: GOSTFastCurve.limbs(z1.littleEndianBytes(count: n)),
                    z2: GOSTFastCurve.limbs(z2.littleEndianBytes(count: n)),
                    r: GOSTFastCurve.limbs(r.littleEndianBytes(count: n)),
                    rPlusQ: rPlusQ < group.prime ? GOSTFastCurve.limbs(rPlusQ.littleEndianBytes(count: n)) : nil)
            }

            let c = EC_POINT_new(group.group)!
            defer { EC_POINT_free(c) }
            guard EC_POINT_mul(group.group, c, z1.pointer, publicKey.pointer, z2.pointer, context) == 1 else {
                throw OpenSSLErrorQueue.failure("EC_POINT_mul")
            }
            if EC_POINT_is_at_infinity(group.group, c) == 1 { return false }
            EC_POINT_get_affine_coordinates(group.group, c, x.pointer, nil, context)
            BN_nnmod(x.pointer, x.pointer, q.pointer, context)
            return x == r
        }
    }

    /// Signing with a given nonce k ∈ (0, q): C = k·G, r = x_C mod q, s = (r·d + k·e) mod q.
    /// Returns nil when r or s is zero (the caller draws another k).
    static func sign(alpha: BigNumber, privateKey d: BigNumber, nonce k: BigNumber, group: GOSTGroup) -> (r: BigNumber, s: BigNumber)? {
        let q = group.order
        return withBigNumberContext { context -> (r: BigNumber, s: BigNumber)? in
            let e = reducedDigest(alpha, group: group, context: context)
            let r = BigNumber()
            let rd = BigNumber()
            let ke = BigNumber()
            let s = BigNumber()
            defer { withExtendedLifetime((e, rd, ke)) {} }
            let c = EC_POINT_new(group.group)!
            defer { EC_POINT_free(c) }
            guard EC_POINT_mul(group.group, c, k.pointer, nil, nil, context) == 1 else { return nil }
            EC_POINT_get_affine_coordinates(group.group, c, r.pointer, nil, context)
            BN_nnmod(r.pointer, r.pointer, q.pointer, context)
            if r.isZero { return nil }
            BN_mod_mul(rd.pointer, r.pointer, d.pointer, q.pointer, context)
            BN_mod_mul(ke.pointer, k.pointer, e.pointer, q.pointer, context)
            BN_mod_add(s.pointer, rd.pointer, ke.pointer, q.pointer, context)
            if s.isZero { return nil }
            return (r, s)
        }
    }

    /// Signing with a fresh random nonce from OpenSSL's CSPRNG.
    static func sign(alpha: BigNumber, privateKey d: BigNumber, group: GOSTGroup) throws(SenimCryptoError) -> (r: BigNumber, s: BigNumber) {
        for _ in 0..<64 {
            let k = BigNumber()
            guard BN_priv_rand_range(k.pointer, group.order.pointer) == 1 else {
                throw OpenSSLErrorQueue.failure("BN_priv_rand_range")
            }
            if k.isZero { continue }
            if let signature = sign(alpha: alpha, privateKey: d, nonce: k, group: group) { return signature }
        }
        throw .openSSL(operation: "GOST sign", detail: "no usable nonce after 64 draws")
    }

    /// Q = d·G.
    static func publicKey(privateKey d: BigNumber, group: GOSTGroup) -> GOSTPoint {
        let q = EC_POINT_new(group.group)!
        withBigNumberContext { context in
            _ = EC_POINT_mul(group.group, q, d.pointer, nil, nil, context)
        }
        return GOSTPoint(group: group, owning: q)
    }
}
