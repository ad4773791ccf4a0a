import COpenSSL

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

    private enum Operation { case sign, verify }

    /// Creates an EVP_MD_CTX set up for `operation` with the algorithm's digest and padding, and runs `body` on it.
    private static func withDigestContext<Result>(
        _ operation: Operation, key: EVPKey, algorithm: SignatureAlgorithm,
        _ body: (OpaquePointer) throws(SenimCryptoError) -> Result
    ) throws(SenimCryptoError) -> Result {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLErrorQueue.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer? = nil
        // Ed25519 hashes internally (PureEdDSA): no message digest is configured.
        let md: OpaquePointer? = algorithm == .ed25519 ? nil : try digestMethod(algorithm.digestAlgorithm ?? .sha256)
        let initialised =
            operation == .verify
            ? EVP_DigestVerifyInit(context, &keyContext, md, nil, key.pointer)
            : EVP_DigestSignInit(context, &keyContext, md, nil, key.pointer)
        guard initialised == 1 else {
            throw .invalidKey("key cannot \(operation) \(algorithm): \(OpenSSLErrorQueue.drain())")
        }
        try configure(keyContext, key: key, algorithm: algorithm)
        return try body(context)
    }

    static func verify(signature: [UInt8], message: [UInt8], key: EVPKey, algorithm: SignatureAlgorithm) throws(SenimCryptoError) -> Bool {
        try withDigestContext(.verify, key: key, algorithm: algorithm) { context in
            let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
            // 0 = bad signature, negative = malformed input (e.g. non-DER ECDSA): both are "not valid".
            OpenSSLErrorQueue.clear()
            return result == 1
        }
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
        try withDigestContext(.sign, key: key, algorithm: algorithm) { (context) throws(SenimCryptoError) -> [UInt8] in
            var length = 0
            guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
                throw OpenSSLErrorQueue.failure("EVP_DigestSign")
            }
            var signature = [UInt8](repeating: 0, count: length)
            guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
                throw OpenSSLErrorQueue.failure("EVP_DigestSign")
            }
            return Array(signature.prefix(length))
        }
    }
}
