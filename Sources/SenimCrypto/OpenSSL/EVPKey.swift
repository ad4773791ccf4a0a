import COpenSSL

/// An OpenSSL EVP_PKEY (RSA, RSA-PSS, EC, Ed25519, DSA), public or private.
final class EVPKey: @unchecked Sendable {
    // @unchecked: EVP_PKEY is reference-counted and read-only after decoding; OpenSSL 3 allows
    // concurrent signing/verification operations on one key, each with its own EVP_PKEY_CTX.
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) { self.pointer = pointer }
    deinit { EVP_PKEY_free(pointer) }

    /// From SubjectPublicKeyInfo DER.
    static func publicKey(subjectPublicKeyInfoDER der: [UInt8]) throws(SenimCryptoError) -> EVPKey {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else { throw .invalidKey("OpenSSL cannot decode the public key: \(OpenSSLErrorQueue.drain())") }
        return EVPKey(pointer: key)
    }

    /// From PKCS#8 PrivateKeyInfo DER.
    static func privateKey(pkcs8DER der: [UInt8]) throws(SenimCryptoError) -> EVPKey {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
        guard let key else { throw .invalidKey("OpenSSL cannot decode the private key: \(OpenSSLErrorQueue.drain())") }
        return EVPKey(pointer: key)
    }

    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }
    var typeName: String {
        guard let name = EVP_PKEY_get0_type_name(pointer) else { return "unknown" }
        return String(cString: name)
    }
    var isRSA: Bool { EVP_PKEY_is_a(pointer, "RSA") == 1 || EVP_PKEY_is_a(pointer, "RSA-PSS") == 1 }
    var isEC: Bool { EVP_PKEY_is_a(pointer, "EC") == 1 }
    var isEd25519: Bool { EVP_PKEY_is_a(pointer, "ED25519") == 1 }
    var isDSA: Bool { EVP_PKEY_is_a(pointer, "DSA") == 1 }

    /// SubjectPublicKeyInfo DER of the public half.
    func publicKeyDER() throws(SenimCryptoError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PUBKEY(pointer, &output)
        guard length > 0, let output else { throw OpenSSLErrorQueue.failure("i2d_PUBKEY") }
        defer { senim_OPENSSL_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}

import CShims

/// EVP sign/verify with the padding and digest a ``SignatureAlgorithm`` asks for.
enum EVPSignature {
    private static func digestMethod(_ algorithm: DigestAlgorithm) throws(SenimCryptoError) -> OpaquePointer {
        guard let name = algorithm.openSSLName, let md = EVP_get_digestbyname(name) else {
            throw .unsupportedAlgorithm("\(algorithm.rawValue) with an OpenSSL key")
        }
        return md
    }

    /// Configures the signing/verification context: key type check, RSA padding, PSS parameters.
    private static func configure(_ keyContext: OpaquePointer?, key: EVPKey, algorithm: SignatureAlgorithm) throws(SenimCryptoError) {
        switch algorithm {
        case .rsaPKCS1v15:
            guard key.isRSA else { throw .invalidKey("\(algorithm) needs an RSA key, found \(key.typeName)") }
            guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1 else {
                throw OpenSSLErrorQueue.failure("RSA PKCS#1 padding")
            }
        case .rsaPSS(let parameters):
            guard key.isRSA else { throw .invalidKey("\(algorithm) needs an RSA key, found \(key.typeName)") }
            guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
                  EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, try digestMethod(parameters.maskGenerationDigest)) == 1,
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, Int32(parameters.saltLength)) == 1
            else { throw OpenSSLErrorQueue.failure("RSA-PSS parameters") }
        case .ecdsa:
            guard key.isEC else { throw .invalidKey("\(algorithm) needs an EC key, found \(key.typeName)") }
        case .ed25519:
            guard key.isEd25519 else { throw .invalidKey("Ed25519 needs an Ed25519 key, found \(key.typeName)") }
        case .dsa:
            guard key.isDSA else { throw .invalidKey("\(algorithm) needs a DSA key, found \(key.typeName)") }
        case .gost:
            throw .invalidKey("\(algorithm) needs a GOST key, found \(key.typeName)")
        }
    }

    static func verify(signature: [UInt8], message: [UInt8], key: EVPKey, algorithm: SignatureAlgorithm) throws(SenimCryptoError) -> Bool {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLErrorQueue.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer? = nil
        let md: OpaquePointer? = algorithm == .ed25519 ? nil : try digestMethod(algorithm.digestAlgorithm ?? .sha256)
        guard EVP_DigestVerifyInit(context, &keyContext, md, nil, key.pointer) == 1 else {
            throw .invalidKey("key cannot verify \(algorithm): \(OpenSSLErrorQueue.drain())")
        }
        try configure(keyContext, key: key, algorithm: algorithm)
        let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        // 0 = bad signature, negative = malformed input (e.g. non-DER ECDSA): both are "not valid".
        OpenSSLErrorQueue.clear()
        return result == 1
    }

    /// Verifies over a digest already computed (streamed content): EVP_PKEY_verify with the signature MD set.
    static func verify(signature: [UInt8], digest: [UInt8], key: EVPKey, algorithm: SignatureAlgorithm) throws(SenimCryptoError) -> Bool {
        guard algorithm != .ed25519 else {
            throw .unsupportedAlgorithm("Ed25519 signs the message itself, not a digest")
        }
        guard let keyContext = EVP_PKEY_CTX_new(key.pointer, nil) else { throw OpenSSLErrorQueue.failure("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(keyContext) }
        guard EVP_PKEY_verify_init(keyContext) == 1 else { throw .invalidKey("key cannot verify: \(OpenSSLErrorQueue.drain())") }
        try configure(keyContext, key: key, algorithm: algorithm)
        guard EVP_PKEY_CTX_set_signature_md(keyContext, try digestMethod(algorithm.digestAlgorithm ?? .sha256)) == 1 else {
            throw OpenSSLErrorQueue.failure("EVP_PKEY_CTX_set_signature_md")
        }
        let result = EVP_PKEY_verify(keyContext, signature, signature.count, digest, digest.count)
        OpenSSLErrorQueue.clear()
        return result == 1
    }

    static func sign(message: [UInt8], key: EVPKey, algorithm: SignatureAlgorithm) throws(SenimCryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLErrorQueue.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer? = nil
        let md: OpaquePointer? = algorithm == .ed25519 ? nil : try digestMethod(algorithm.digestAlgorithm ?? .sha256)
        guard EVP_DigestSignInit(context, &keyContext, md, nil, key.pointer) == 1 else {
            throw .invalidKey("key cannot sign \(algorithm): \(OpenSSLErrorQueue.drain())")
        }
        try configure(keyContext, key: key, algorithm: algorithm)
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else { throw OpenSSLErrorQueue.failure("EVP_DigestSign") }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else { throw OpenSSLErrorQueue.failure("EVP_DigestSign") }
        return Array(signature.prefix(length))
    }
}
