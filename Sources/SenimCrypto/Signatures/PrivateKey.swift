import Foundation
import SwiftASN1

/// A private key for signing: platform seals, test fixtures, and round-trip tests with the NCA test keys.
public struct PrivateKey: Sendable {
    enum Backing: Sendable {
        case openSSL(EVPKey)
        case gost(GOSTPrivateKey, algorithm: AlgorithmIdentifier)
    }

    let backing: Backing

    /// From PKCS#8 `PrivateKeyInfo` DER: RSA, EC, Ed25519, DSA, and GOST keys with KZ or Russian OIDs.
    public init(pkcs8DER der: [UInt8]) throws(SenimCryptoError) {
        let info = try PrivateKeyInfo(derEncoded: der)
        typealias OID = ASN1ObjectIdentifier.PublicKeyAlgorithm
        switch info.algorithm.algorithm {
        case OID.kzGOST34310, OID.kzGOST2015_256, OID.kzGOST2015_512,
            OID.gostR3410_2001, OID.gostR3410_2012_256, OID.gostR3410_2012_512:
            // The curve comes from the same parameter SEQUENCE as in the SubjectPublicKeyInfo.
            let group = GOSTGroup.shared(try GOSTCurve(parameterSet: GOSTPublicKey.curveOID(of: info.algorithm)))
            backing = .gost(try GOSTPrivateKey(privateKeyOctets: info.privateKey, group: group), algorithm: info.algorithm)
        default:
            backing = .openSSL(try EVPKey.privateKey(pkcs8DER: der))
        }
    }

    /// From PEM: `PRIVATE KEY` (PKCS#8), or the traditional `RSA PRIVATE KEY` / `EC PRIVATE KEY` forms.
    public init(pemEncoded pem: String) throws(SenimCryptoError) {
        let document: PEMDocument
        do { document = try PEMDocument(pemString: pem) } catch {
            throw .malformedEncoding("PEM: \(DecodingErrorText.sentence(error))")
        }
        switch document.discriminator {
        case "PRIVATE KEY":
            try self.init(pkcs8DER: Array(document.derBytes))
        case "RSA PRIVATE KEY", "EC PRIVATE KEY":
            self.init(openSSL: try EVPKey.privateKey(pkcs8DER: Array(document.derBytes)))
        default:
            throw .malformedEncoding("PEM block '\(document.discriminator)' is not a private key")
        }
    }

    init(openSSL key: EVPKey) {
        backing = .openSSL(key)
    }

    init(gost key: GOSTPrivateKey, algorithm: AlgorithmIdentifier) {
        backing = .gost(key, algorithm: algorithm)
    }

    /// The matching public key (for GOST, Q = d·G).
    public var publicKey: PublicKey {
        get throws(SenimCryptoError) {
            switch backing {
            case .openSSL(let key):
                return try PublicKey(subjectPublicKeyInfoDER: try key.publicKeyDER())
            case .gost(let key, let algorithm):
                return try PublicKey(gost: key.publicKey, algorithm: algorithm.algorithm, parameters: algorithm.parameters)
            }
        }
    }

    /// Signs `message`. GOST signatures use the scheme's own layout (r_le‖s_le for KZ identifiers).
    public func signature<Message: DataProtocol>(for message: Message, algorithm: SignatureAlgorithm) throws(SenimCryptoError) -> [UInt8] {
        switch (backing, algorithm) {
        case (.gost(let key, _), .gost(let scheme)):
            guard key.group.curve.coordinateByteCount == scheme.coordinateByteCount else {
                throw .invalidKey("\(scheme) needs a \(scheme.coordinateByteCount * 8)-bit key, found \(key.group.curve.name)")
            }
            return try key.sign(digest: scheme.digest.hash(message), layout: scheme.layout)
        case (.openSSL(let key), _):
            return try EVPSignature.sign(message: Array(message), key: key, algorithm: algorithm)
        case (.gost, _):
            throw .invalidKey("a GOST key cannot sign \(algorithm)")
        }
    }
}
