import Foundation
import SwiftASN1

/// The message digests found in NCA RK signatures and in the international profiles next to them.
///
/// Kazakhstan uses its own OIDs (arc 1.2.398.3.10.1.3) for functions that are mathematically the Russian
/// ones; both spellings map to the same case here. Note the S-box trap: KZ GOST 34.311-95 is GOST R 34.11-94
/// with the *test* S-box (id-GostR3411-94-TestParamSet), not the CryptoPro one that RFC 4490 pairs with
/// 1.2.643.2.2.9 (docs/kazakh-eds.md §1.3).
public enum DigestAlgorithm: String, CaseIterable, Sendable, Codable, Hashable {
    case sha1
    case sha224
    case sha256
    case sha384
    case sha512
    /// СТ РК ГОСТ 34.311-95 = GOST R 34.11-94, test S-box, H0 = 0 (the Kazakh digest).
    case gost34311
    /// GOST R 34.11-94 with the CryptoPro S-box (Russian certificates, RFC 4490).
    case gostR341194CryptoPro = "gostr341194-cryptopro"
    /// GOST 34.11-2015 / GOST R 34.11-2012 ("Streebog"), 256-bit output.
    case streebog256
    /// GOST 34.11-2015 / GOST R 34.11-2012 ("Streebog"), 512-bit output.
    case streebog512

    public var digestByteCount: Int {
        switch self {
        case .sha1: return 20
        case .sha224: return 28
        case .sha256, .gost34311, .gostR341194CryptoPro, .streebog256: return 32
        case .sha384: return 48
        case .sha512, .streebog512: return 64
        }
    }

    /// The compression-function block length in bytes (HMAC and the PKCS#12 KDF need it).
    public var blockByteCount: Int {
        switch self {
        case .sha1, .sha224, .sha256, .streebog256, .streebog512: return 64
        case .sha384, .sha512: return 128
        case .gost34311, .gostR341194CryptoPro: return 32
        }
    }

    /// The OpenSSL name for the functions OpenSSL computes itself.
    var openSSLName: String? {
        switch self {
        case .sha1: return "SHA1"
        case .sha224: return "SHA224"
        case .sha256: return "SHA256"
        case .sha384: return "SHA384"
        case .sha512: return "SHA512"
        case .gost34311, .gostR341194CryptoPro, .streebog256, .streebog512: return nil
        }
    }

    public func makeHasher() -> DigestHasher {
        switch self {
        case .sha1, .sha224, .sha256, .sha384, .sha512:
            // openSSLName is non-nil for exactly these cases.
            return DigestHasher(algorithm: self, function: OpenSSLHashFunction(algorithm: self))
        case .gost34311:
            return DigestHasher(algorithm: self, function: GOSTR341194(sBox: .testParamSet))
        case .gostR341194CryptoPro:
            return DigestHasher(algorithm: self, function: GOSTR341194(sBox: .cryptoProParamSet))
        case .streebog256:
            return DigestHasher(algorithm: self, function: Streebog(outputBits: .bits256))
        case .streebog512:
            return DigestHasher(algorithm: self, function: Streebog(outputBits: .bits512))
        }
    }

    /// One-shot digest of in-memory bytes.
    public func hash<Bytes: DataProtocol>(_ data: Bytes) -> [UInt8] {
        var hasher = makeHasher()
        hasher.update(data: data)
        return hasher.finalize()
    }

    /// Streams a file in constant memory.
    public func hash(contentsOfFile path: String) throws(SenimCryptoError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: "cannot open")
        }
        defer { try? handle.close() }
        var hasher = makeHasher()
        try hasher.update(fileHandle: handle, path: path)
        return hasher.finalize()
    }
}

// MARK: - Identifiers

extension DigestAlgorithm {
    /// The preferred OID (the Kazakh arc for the GOST functions, as NCA tools write it).
    public var objectIdentifier: ASN1ObjectIdentifier {
        switch self {
        case .sha1: return .Digest.sha1
        case .sha224: return .Digest.sha224
        case .sha256: return .Digest.sha256
        case .sha384: return .Digest.sha384
        case .sha512: return .Digest.sha512
        case .gost34311: return .Digest.kzGOST34311
        case .gostR341194CryptoPro: return .Digest.gostR341194
        case .streebog256: return .Digest.kzStreebog256
        case .streebog512: return .Digest.kzStreebog512
        }
    }

    /// Maps a digest OID to its algorithm, accepting both the KZ and the Russian spellings.
    public init(objectIdentifier oid: ASN1ObjectIdentifier) throws(SenimCryptoError) {
        switch oid {
        case .Digest.sha1: self = .sha1
        case .Digest.sha224: self = .sha224
        case .Digest.sha256: self = .sha256
        case .Digest.sha384: self = .sha384
        case .Digest.sha512: self = .sha512
        case .Digest.kzGOST34311: self = .gost34311
        case .Digest.gostR341194: self = .gostR341194CryptoPro
        case .Digest.kzStreebog256, .Digest.streebog256: self = .streebog256
        case .Digest.kzStreebog512, .Digest.streebog512: self = .streebog512
        default: throw .unsupportedAlgorithm("digest \(oid)")
        }
    }

    /// The XML-DSig `DigestMethod` URI (W3C, RFC 6931, and the pkigovkz URIs for GOST-2015).
    public var xmlDigestMethodURI: String {
        switch self {
        case .sha1: return "http://www.w3.org/2000/09/xmldsig#sha1"
        case .sha224: return "http://www.w3.org/2001/04/xmldsig-more#sha224"
        case .sha256: return "http://www.w3.org/2001/04/xmlenc#sha256"
        case .sha384: return "http://www.w3.org/2001/04/xmldsig-more#sha384"
        case .sha512: return "http://www.w3.org/2001/04/xmlenc#sha512"
        case .gost34311: return "http://www.w3.org/2001/04/xmldsig-more#gost34311"
        case .gostR341194CryptoPro: return "http://www.w3.org/2001/04/xmldsig-more#gostr3411"
        case .streebog256: return "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256"
        case .streebog512: return "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512"
        }
    }

    public init(xmlDigestMethodURI uri: String) throws(SenimCryptoError) {
        switch uri {
        case "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256": self = .streebog256
        case "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-512": self = .streebog512
        default:
            guard let match = DigestAlgorithm.allCases.first(where: { $0.xmlDigestMethodURI == uri }) else {
                throw .unsupportedAlgorithm("XML DigestMethod \(uri)")
            }
            self = match
        }
    }
}
