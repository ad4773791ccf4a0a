import COpenSSL

/// AES-256-GCM (NIST SP 800-38D) through OpenSSL: what wraps a key kept in a database under a key the deployment
/// keeps elsewhere (its environment). The sealed form is `nonce (12) ‖ ciphertext ‖ tag (16)`; the associated
/// data binds a sealed value to its purpose (the key's name), so one wrapped key cannot stand in for another.
public enum AuthenticatedEncryption {
    public static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    /// Seals `plaintext` under `key` (32 bytes) with a fresh random nonce.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8]) throws(SenimCryptoError) -> [UInt8] {
        try seal(plaintext, key: key, nonce: try MessageAuthentication.randomBytes(nonceLength), associatedData: associatedData)
    }

    /// With a given nonce: for the known-answer test only (a nonce must never repeat under one key).
    static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8]) throws(SenimCryptoError) -> [UInt8] {
        guard key.count == keyLength else { throw .invalidKey("AES-256-GCM needs a 32-byte key, not \(key.count) bytes") }
        guard nonce.count == nonceLength else { throw .invalidParameters("AES-256-GCM nonce of \(nonce.count) bytes") }
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLErrorQueue.failure("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1 else {
            throw OpenSSLErrorQueue.failure("EVP_EncryptInit_ex")
        }
        var length: Int32 = 0
        if !associatedData.isEmpty {
            guard EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1 else {
                throw OpenSSLErrorQueue.failure("EVP_EncryptUpdate")
            }
        }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var written: Int32 = 0
        if !plaintext.isEmpty {
            guard EVP_EncryptUpdate(context, &ciphertext, &written, plaintext, Int32(plaintext.count)) == 1 else {
                throw OpenSSLErrorQueue.failure("EVP_EncryptUpdate")
            }
        }
        var final: Int32 = 0
        let finished = ciphertext.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptFinal_ex(context, buffer.baseAddress.map { $0 + Int(written) }, &final)
        }
        guard finished == 1 else { throw OpenSSLErrorQueue.failure("EVP_EncryptFinal_ex") }
        var tag = [UInt8](repeating: 0, count: tagLength)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), &tag) == 1 else {
            throw OpenSSLErrorQueue.failure("EVP_CTRL_GCM_GET_TAG")
        }
        return nonce + ciphertext.prefix(Int(written + final)) + tag
    }

    /// Opens a value ``seal(_:key:associatedData:)`` made; a wrong key, other associated data or any changed byte
    /// is ``SenimCryptoError/decryptionFailed(_:)``.
    public static func open(_ sealed: [UInt8], key: [UInt8], associatedData: [UInt8]) throws(SenimCryptoError) -> [UInt8] {
        guard key.count == keyLength else { throw .invalidKey("AES-256-GCM needs a 32-byte key, not \(key.count) bytes") }
        guard sealed.count >= nonceLength + tagLength else { throw .decryptionFailed("the sealed value is too short") }
        let nonce = Array(sealed.prefix(nonceLength))
        let ciphertext = Array(sealed.dropFirst(nonceLength).dropLast(tagLength))
        var tag = Array(sealed.suffix(tagLength))
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLErrorQueue.failure("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1 else {
            throw OpenSSLErrorQueue.failure("EVP_DecryptInit_ex")
        }
        var length: Int32 = 0
        if !associatedData.isEmpty {
            guard EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1 else {
                throw OpenSSLErrorQueue.failure("EVP_DecryptUpdate")
            }
        }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var written: Int32 = 0
        if !ciphertext.isEmpty {
            guard EVP_DecryptUpdate(context, &plaintext, &written, ciphertext, Int32(ciphertext.count)) == 1 else {
                throw OpenSSLErrorQueue.failure("EVP_DecryptUpdate")
            }
        }
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1 else {
            throw OpenSSLErrorQueue.failure("EVP_CTRL_GCM_SET_TAG")
        }
        var final: Int32 = 0
        let verified = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress.map { $0 + Int(written) }, &final)
        }
        guard verified == 1 else {
            OpenSSLErrorQueue.clear()
            throw .decryptionFailed("the authentication tag does not verify (wrong key or altered value)")
        }
        return Array(plaintext.prefix(Int(written + final)))
    }
}
