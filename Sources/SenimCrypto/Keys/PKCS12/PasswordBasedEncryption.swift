import COpenSSL
import SwiftASN1

/// The password-based encryption schemes found in PKCS#12 files and PKCS#8 EncryptedPrivateKeyInfo.
///
/// - PKCS#12 PBE (RFC 7292 Appendix C): `pbeWithSHAAnd3-KeyTripleDES-CBC` (NCA key bags),
///   `pbeWithSHAAnd40BitRC2-CBC` (NCA certificate bags), and their 2-key 3DES / 128-bit RC2 siblings.
/// - PBES2 (RFC 8018 §6.2) with PBKDF2 and AES-CBC or 3DES, what OpenSSL 3 writes by default.
enum PasswordBasedEncryption {
    private static let pkcs12PBE: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 1]
    static let pbes2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 13]
    static let pbkdf2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 12]

    static func decrypt(_ ciphertext: [UInt8], algorithm: AlgorithmIdentifier, password: String) throws(SenimCryptoError) -> [UInt8] {
        let arcs = algorithm.algorithm.oidComponents
        if arcs.count == 8, Array(arcs.prefix(7)) == pkcs12PBE.oidComponents {
            return try decryptPKCS12(ciphertext, scheme: Int(arcs[7]), parameters: algorithm.parameters, password: password)
        }
        if algorithm.algorithm == pbes2 {
            return try decryptPBES2(ciphertext, parameters: algorithm.parameters, password: password)
        }
        throw .unsupportedAlgorithm("password-based encryption \(algorithm.algorithm)")
    }

    /// `pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }`.
    private static func decryptPKCS12(_ ciphertext: [UInt8], scheme: Int, parameters: ASN1Any?, password: String) throws(SenimCryptoError)
        -> [UInt8]
    {
        let (salt, iterations) = try ASN1Reading.read("pkcs-12PbeParams", parameters) { node in
            try DER.sequence(node, identifier: .sequence) { nodes in
                (Array(try ASN1OctetString(derEncoded: &nodes).bytes), try Int(derEncoded: &nodes))
            }
        }
        let cipherName: String
        let keyLength: Int
        switch scheme {
        case 3: (cipherName, keyLength) = ("DES-EDE3-CBC", 24) // pbeWithSHAAnd3-KeyTripleDES-CBC
        case 4: (cipherName, keyLength) = ("DES-EDE-CBC", 16) // pbeWithSHAAnd2-KeyTripleDES-CBC
        case 5: (cipherName, keyLength) = ("RC2-CBC", 16) // pbeWithSHAAnd128BitRC2-CBC
        case 6: (cipherName, keyLength) = ("RC2-40-CBC", 5) // pbeWithSHAAnd40BitRC2-CBC
        default: throw .unsupportedAlgorithm("PKCS#12 PBE scheme \(scheme)")
        }
        let bmp = PKCS12KeyDerivation.bmpPassword(password)
        let key = try PKCS12KeyDerivation.derive(
            digest: .sha1, purpose: .encryptionKey, password: bmp, salt: salt, iterations: iterations, length: keyLength)
        let iv = try PKCS12KeyDerivation.derive(
            digest: .sha1, purpose: .initializationVector, password: bmp, salt: salt, iterations: iterations, length: 8)
        return try CBCDecryption.decrypt(cipherName: cipherName, key: key, iv: iv, ciphertext: ciphertext)
    }

    /// `PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }`.
    private static func decryptPBES2(_ ciphertext: [UInt8], parameters: ASN1Any?, password: String) throws(SenimCryptoError) -> [UInt8] {
        let (kdf, scheme) = try ASN1Reading.read("PBES2-params", parameters) { node in
            try DER.sequence(node, identifier: .sequence) { nodes in
                (try AlgorithmIdentifier(derEncoded: &nodes), try AlgorithmIdentifier(derEncoded: &nodes))
            }
        }
        guard kdf.algorithm == pbkdf2 else { throw .unsupportedAlgorithm("PBES2 key derivation \(kdf.algorithm)") }
        let cipherName: String
        let keyLength: Int
        switch scheme.algorithm {
        case [2, 16, 840, 1, 101, 3, 4, 1, 2]: (cipherName, keyLength) = ("AES-128-CBC", 16)
        case [2, 16, 840, 1, 101, 3, 4, 1, 22]: (cipherName, keyLength) = ("AES-192-CBC", 24)
        case [2, 16, 840, 1, 101, 3, 4, 1, 42]: (cipherName, keyLength) = ("AES-256-CBC", 32)
        case [1, 2, 840, 113549, 3, 7]: (cipherName, keyLength) = ("DES-EDE3-CBC", 24)
        default: throw .unsupportedAlgorithm("PBES2 encryption scheme \(scheme.algorithm)")
        }
        let iv = try ASN1Reading.read("PBES2 IV", scheme.parameters) { Array(try ASN1OctetString(derEncoded: $0).bytes) }
        // PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL, prf DEFAULT hmacWithSHA1 }
        let (salt, iterations, prf) = try ASN1Reading.read("PBKDF2-params", kdf.parameters) { node in
            try DER.sequence(node, identifier: .sequence) { nodes -> ([UInt8], Int, DigestAlgorithm) in
                let salt = Array(try ASN1OctetString(derEncoded: &nodes).bytes)
                let iterations = try Int(derEncoded: &nodes)
                var prf = DigestAlgorithm.sha1
                while let node = nodes.next() {
                    if node.identifier == .sequence {
                        let identifier = try AlgorithmIdentifier(derEncoded: node)
                        switch identifier.algorithm {
                        case [1, 2, 840, 113549, 2, 7]: prf = .sha1
                        case [1, 2, 840, 113549, 2, 8]: prf = .sha224
                        case [1, 2, 840, 113549, 2, 9]: prf = .sha256
                        case [1, 2, 840, 113549, 2, 10]: prf = .sha384
                        case [1, 2, 840, 113549, 2, 11]: prf = .sha512
                        default: throw SenimCryptoError.unsupportedAlgorithm("PBKDF2 PRF \(identifier.algorithm)")
                        }
                    }
                }
                return (salt, iterations, prf)
            }
        }
        guard (1...10_000_000).contains(iterations), let prfName = prf.openSSLName else {
            throw .invalidParameters("PBKDF2 iteration count \(iterations)")
        }
        var key = [UInt8](repeating: 0, count: keyLength)
        let passwordBytes = Array(password.utf8)
        guard
            PKCS5_PBKDF2_HMAC(
                passwordBytes.map { CChar(bitPattern: $0) }, Int32(passwordBytes.count), salt, Int32(salt.count),
                Int32(iterations), EVP_get_digestbyname(prfName), Int32(keyLength), &key) == 1
        else { throw OpenSSLErrorQueue.failure("PKCS5_PBKDF2_HMAC") }
        return try CBCDecryption.decrypt(cipherName: cipherName, key: key, iv: iv, ciphertext: ciphertext)
    }
}

/// Turns swift-asn1 errors from nested parameter decoding into `SenimCryptoError.malformedEncoding`
/// that names the structure being read.
enum ASN1Reading {
    static func read<Result>(_ what: String, _ value: ASN1Any?, _ body: (ASN1Node) throws -> Result) throws(SenimCryptoError) -> Result {
        guard let value else { throw .malformedEncoding("\(what) is missing") }
        return try read(what, bytes: value.derBytes, body)
    }

    /// The child nodes of a constructed SEQUENCE or SET (BER or DER), in order.
    static func children(of node: ASN1Node, identifier: ASN1Identifier) throws -> [ASN1Node] {
        guard node.identifier == identifier, case .constructed(let nodes) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        return Array(nodes)
    }

    static func read<Result>(_ what: String, bytes: [UInt8], ber: Bool = false, _ body: (ASN1Node) throws -> Result)
        throws(SenimCryptoError) -> Result
    {
        do {
            return try body(ber ? try BER.parse(bytes) : try DER.parse(bytes))
        } catch let error as SenimCryptoError {
            throw error
        } catch {
            throw .malformedEncoding("\(what): \(DecodingErrorText.sentence(error))")
        }
    }
}
