import SwiftASN1

/// A GOST public key: a curve and the point Q.
struct GOSTPublicKey: Sendable {
    let group: GOSTGroup
    let point: GOSTPoint

    /// Decodes the SPKI of KZ (1.2.398.3.10.1.1.x) and Russian (1.2.643.x) GOST keys.
    ///
    /// Parameters are `SEQUENCE { curveOID, digestOID OPTIONAL, … }`; the key is an OCTET STRING of
    /// `X_le ‖ Y_le` inside the BIT STRING (RFC 4491 §2.3.2, and the same in NCA certificates).
    init(subjectPublicKeyInfo spki: SubjectPublicKeyInfo) throws(SenimCryptoError) {
        let group = GOSTGroup.shared(try GOSTCurve(parameterSet: GOSTPublicKey.curveOID(of: spki.algorithm)))
        let n = group.curve.coordinateByteCount
        let keyBits = spki.keyBytes
        let coordinates: ArraySlice<UInt8>
        if let octets = try? ASN1OctetString(derEncoded: keyBits), octets.bytes.count == 2 * n {
            coordinates = octets.bytes
        } else if keyBits.count == 2 * n {
            coordinates = keyBits[...] // a raw point without the OCTET STRING wrapper
        } else {
            throw .invalidKey("GOST public key must hold \(2 * n) bytes for \(group.curve.name)")
        }
        let start = coordinates.startIndex
        let x = BigNumber(littleEndian: coordinates[start..<(start + n)])
        let y = BigNumber(littleEndian: coordinates[(start + n)..<(start + 2 * n)])
        self.group = group
        self.point = try GOSTPoint(group: group, x: x, y: y)
    }

    /// The curve OID from key parameters `SEQUENCE { curveOID, digestOID OPTIONAL, cipherOID OPTIONAL }`;
    /// the digest OID is not needed because the signature algorithm implies it.
    static func curveOID(of algorithm: AlgorithmIdentifier) throws(SenimCryptoError) -> ASN1ObjectIdentifier {
        guard let parameters = algorithm.parameters else { throw .invalidKey("GOST key without parameters") }
        do {
            return try DER.sequence(try DER.parse(parameters.derBytes), identifier: .sequence) { nodes in
                let curve = try ASN1ObjectIdentifier(derEncoded: &nodes)
                while nodes.next() != nil {}
                return curve
            }
        } catch {
            throw .invalidKey("GOST key parameters are not SEQUENCE { OID, … }: \(DecodingErrorText.sentence(error))")
        }
    }

    init(point: GOSTPoint) {
        self.group = point.group
        self.point = point
    }

    /// The OCTET STRING contents `X_le ‖ Y_le`.
    var encodedPoint: [UInt8] {
        let (x, y) = point.affineCoordinates()
        let n = group.curve.coordinateByteCount
        return x.littleEndianBytes(count: n) + y.littleEndianBytes(count: n)
    }

    func isValidSignature(_ signature: [UInt8], digest: [UInt8], layout: GOSTSignatureLayout) throws(SenimCryptoError) -> Bool {
        let (r, s) = try layout.split(signature, halfLength: group.curve.coordinateByteCount)
        return try GOSTSignatureMath.verify(alpha: BigNumber(littleEndian: digest), r: r, s: s, publicKey: point)
    }
}

/// A GOST private key: the scalar d on a curve.
struct GOSTPrivateKey: Sendable {
    let group: GOSTGroup
    let scalar: BigNumber

    init(group: GOSTGroup, scalar: BigNumber) throws(SenimCryptoError) {
        guard !scalar.isZero, scalar < group.order else {
            throw .invalidKey("GOST private key outside (0, q)")
        }
        self.group = group
        self.scalar = scalar
    }

    /// Decodes the PKCS#8 `privateKey` OCTET STRING contents as Kalkan and RFC 9215 write them:
    /// `INTEGER d` (big-endian; KZ GOST-2004), `OCTET STRING d_le` (KZ GOST-2015, RFC 9215), or bare d_le bytes.
    init(privateKeyOctets: [UInt8], group: GOSTGroup) throws(SenimCryptoError) {
        let n = group.curve.coordinateByteCount
        if let integer = try? ArraySlice<UInt8>(derEncoded: privateKeyOctets), integer.count <= n + 1 {
            try self.init(group: group, scalar: BigNumber(bigEndian: integer))
        } else if let octets = try? ASN1OctetString(derEncoded: privateKeyOctets), octets.bytes.count == n {
            try self.init(group: group, scalar: BigNumber(littleEndian: octets.bytes))
        } else if privateKeyOctets.count == n {
            try self.init(group: group, scalar: BigNumber(littleEndian: privateKeyOctets))
        } else {
            throw .invalidKey("unrecognised GOST private key encoding (\(privateKeyOctets.count) bytes)")
        }
    }

    var publicKey: GOSTPublicKey {
        GOSTPublicKey(point: GOSTSignatureMath.publicKey(privateKey: scalar, group: group))
    }

    func sign(digest: [UInt8], layout: GOSTSignatureLayout) throws(SenimCryptoError) -> [UInt8] {
        let (r, s) = try GOSTSignatureMath.sign(alpha: BigNumber(littleEndian: digest), privateKey: scalar, group: group)
        return layout.join(r: r, s: s, halfLength: group.curve.coordinateByteCount)
    }
}
