import Foundation
import SwiftASN1

/// A public key of any algorithm the NCA PKI and its neighbours use, decoded from SubjectPublicKeyInfo.
///
/// RSA, RSA-PSS, ECDSA, Ed25519 and DSA keys go to OpenSSL; GOST keys (KZ and Russian OIDs) to the
/// toolkit's own GOST R 34.10 code, because OpenSSL knows neither the KZ OIDs nor the KZ byte order.
public struct PublicKey: Sendable {
    enum Backing: Sendable {
        case openSSL(EVPKey)
        case gost(GOSTPublicKey)
    }

    let backing: Backing
    public let subjectPublicKeyInfo: SubjectPublicKeyInfo

    public init(subjectPublicKeyInfo spki: SubjectPublicKeyInfo) throws(SenimCryptoError) {
        subjectPublicKeyInfo = spki
        typealias OID = ASN1ObjectIdentifier.PublicKeyAlgorithm
        switch spki.algorithm.algorithm {
        case OID.kzGOST34310, OID.kzGOST2015_256, OID.kzGOST2015_512,
            OID.gostR3410_2001, OID.gostR3410_2012_256, OID.gostR3410_2012_512:
            backing = .gost(try GOSTPublicKey(subjectPublicKeyInfo: spki))
        case OID.rsaEncryption:
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1), parsed strictly
            // here so the fast EVP_PKEY_fromdata import can be used.
            let (modulus, exponent) = try ASN1Reading.read("RSAPublicKey", bytes: spki.keyBytes) { node in
                try DER.sequence(node, identifier: .sequence) { nodes in
                    (try ArraySlice<UInt8>(derEncoded: &nodes), try ArraySlice<UInt8>(derEncoded: &nodes))
                }
            }
            // swift-asn1's unsigned INTEGER decoding already rejects negative values and strips the sign byte.
            guard modulus.count >= 64, exponent.last.map({ $0 & 1 == 1 }) == true else {
                throw .invalidKey("RSA modulus shorter than 512 bits or even public exponent")
            }
            backing = .openSSL(try EVPKey.rsaPublicKey(modulus: modulus, exponent: exponent))
        case OID.rsassaPSS, OID.ecPublicKey, OID.ed25519, OID.dsa:
            backing = .openSSL(try EVPKey.publicKey(subjectPublicKeyInfoDER: spki.derEncoded))
        default:
            throw .unsupportedAlgorithm("public key \(spki.algorithm.algorithm)")
        }
    }

    public init(subjectPublicKeyInfoDER der: [UInt8]) throws(SenimCryptoError) {
        let spki: SubjectPublicKeyInfo
        do { spki = try SubjectPublicKeyInfo(derEncoded: der) } catch {
            throw .malformedEncoding("SubjectPublicKeyInfo: \(DecodingErrorText.sentence(error))")
        }
        try self.init(subjectPublicKeyInfo: spki)
    }

    init(gost key: GOSTPublicKey, algorithm: ASN1ObjectIdentifier, parameters: ASN1Any?) throws(SenimCryptoError) {
        do {
            var serializer = DER.Serializer()
            try serializer.serialize(ASN1OctetString(contentBytes: key.encodedPoint[...]))
            subjectPublicKeyInfo = try SubjectPublicKeyInfo(
                algorithm: AlgorithmIdentifier(algorithm: algorithm, parameters: parameters),
                subjectPublicKey: ASN1BitString(bytes: serializer.serializedBytes[...]))
        } catch {
            throw .malformedEncoding("cannot encode GOST public key: \(DecodingErrorText.sentence(error))")
        }
        backing = .gost(key)
    }

    /// A short human description: "RSA 2048", "EC P-256", "GOST tc26-512-paramSetA".
    public var algorithmDescription: String {
        switch backing {
        case .openSSL(let key): return "\(key.typeName) \(key.bits)"
        case .gost(let key): return "GOST \(key.group.curve.name)"
        }
    }

    /// Key size in bits (modulus for RSA, field size for EC and GOST).
    public var keySizeInBits: Int {
        switch backing {
        case .openSSL(let key): return key.bits
        case .gost(let key): return key.group.curve.coordinateByteCount * 8
        }
    }

    /// Verifies `signature` over `message`. Returns false for a well-formed signature that does not match;
    /// throws for input that cannot be evaluated (wrong key type, bad length, r or s out of range).
    public func isValidSignature<Message: DataProtocol>(_ signature: [UInt8], for message: Message, algorithm: SignatureAlgorithm)
        throws(SenimCryptoError) -> Bool
    {
        switch (backing, algorithm) {
        case (.gost(let key), .gost(let scheme)):
            try checkCurve(key, scheme)
            return try key.isValidSignature(signature, digest: scheme.digest.hash(message), layout: scheme.layout)
        case (.openSSL(let key), _):
            return try EVPSignature.verify(signature: signature, message: Array(message), key: key, algorithm: algorithm)
        case (.gost, _):
            throw .invalidKey("a GOST key cannot verify \(algorithm)")
        }
    }

    /// Verifies over a digest the caller computed (e.g. streamed content for CMS without signed attributes).
    public func isValidSignature(_ signature: [UInt8], digest: [UInt8], algorithm: SignatureAlgorithm) throws(SenimCryptoError) -> Bool {
        if let expected = algorithm.digestAlgorithm, digest.count != expected.digestByteCount {
            throw .invalidParameters("digest length \(digest.count) does not match \(expected.rawValue)")
        }
        switch (backing, algorithm) {
        case (.gost(let key), .gost(let scheme)):
            try checkCurve(key, scheme)
            return try key.isValidSignature(signature, digest: digest, layout: scheme.layout)
        case (.openSSL(let key), _):
            return try EVPSignature.verify(signature: signature, digest: digest, key: key, algorithm: algorithm)
        case (.gost, _):
            throw .invalidKey("a GOST key cannot verify \(algorithm)")
        }
    }

    private func checkCurve(_ key: GOSTPublicKey, _ scheme: GOSTSignatureScheme) throws(SenimCryptoError) {
        guard key.group.curve.coordinateByteCount == scheme.coordinateByteCount else {
            throw .invalidKey("\(scheme) needs a \(scheme.coordinateByteCount * 8)-bit key, found \(key.group.curve.name)")
        }
    }
}
