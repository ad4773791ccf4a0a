import SenimCrypto
import SwiftASN1

/// A private key with its certificate (and the chain to send along): what a platform seal or a test signer
/// signs with. The signature algorithm follows the key unless given: SHA-256 for RSA and P-256, Streebog-512
/// with GOST 34.10-2015, GOST 34.311 with GOST 34.310-2004, as NCA tools choose.
public struct SigningIdentity: Sendable {
    public let privateKey: PrivateKey
    public let certificate: Certificate
    public let chain: [Certificate]
    public let algorithm: SignatureAlgorithm

    public init(privateKey: PrivateKey, certificate: Certificate, chain: [Certificate] = [], algorithm: SignatureAlgorithm? = nil)
        throws(PKIError)
    {
        self.privateKey = privateKey
        self.certificate = certificate
        self.chain = chain
        if let algorithm {
            self.algorithm = algorithm
        } else {
            self.algorithm = try Self.defaultAlgorithm(for: certificate)
        }
    }

    /// The first key of a PKCS#12 file (NCA `.p12`, OpenSSL PBES2) with its certificate; the file's other
    /// certificates become the chain.
    public init(pkcs12 bytes: [UInt8], password: String, algorithm: SignatureAlgorithm? = nil) throws(PKIError) {
        let file: PKCS12
        do { file = try PKCS12(derEncoded: bytes, password: password) } catch { throw .crypto(error) }
        guard let key = file.keys.first, let entry = file.certificateOfFirstKey else {
            throw .malformedEncoding(what: "PKCS#12", reason: "no key with a certificate")
        }
        do {
            let certificate = try Certificate(derEncoded: entry.derEncoded)
            let chain = try file.certificates.filter { $0.derEncoded != entry.derEncoded }.map {
                try Certificate(derEncoded: $0.derEncoded)
            }
            try self.init(privateKey: key.privateKey, certificate: certificate, chain: chain, algorithm: algorithm)
        } catch let error as PKIError {
            throw error
        } catch {
            throw .malformedEncoding(what: "PKCS#12 certificate", reason: "\(DecodingErrorText.sentence(error))")
        }
    }

    public static func defaultAlgorithm(for certificate: Certificate) throws(PKIError) -> SignatureAlgorithm {
        typealias OID = ASN1ObjectIdentifier.PublicKeyAlgorithm
        switch certificate.subjectPublicKeyInfo.algorithm.algorithm {
        case OID.rsaEncryption: return .rsaPKCS1v15(.sha256)
        case OID.ecPublicKey:
            let bits = (try? certificate.publicKey.keySizeInBits) ?? 256
            return .ecdsa(bits > 384 ? .sha512 : bits > 256 ? .sha384 : .sha256)
        case OID.ed25519: return .ed25519
        case OID.kzGOST34310: return .gost(.gost34310_2004)
        case OID.kzGOST2015_512: return .gost(.gost34102015_512)
        case OID.gostR3410_2001: return .gost(.gostR3410_2001)
        case OID.gostR3410_2012_256: return .gost(.gostR3410_2012_256)
        case OID.gostR3410_2012_512: return .gost(.gostR3410_2012_512)
        case let other: throw .crypto(.unsupportedAlgorithm("no default signature algorithm for key \(other)"))
        }
    }
}
