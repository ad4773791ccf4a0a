import COpenSSL

/// An OpenSSL library context with the `legacy` and `default` providers, private to this toolkit.
///
/// NCA RK key files encrypt their certificate bag with pbeWithSHAAnd40BitRC2-CBC, which OpenSSL 3
/// only offers through the legacy provider. Loading it into a private OSSL_LIB_CTX keeps RC2 out of
/// the process-wide default context that the rest of the program (and other libraries) use.
final class LegacyCipherContext: @unchecked Sendable {
    // @unchecked: the library context is fully set up in init and only read afterwards (fetches are thread-safe).
    let libraryContext: OpaquePointer?
    let legacyAvailable: Bool

    static let shared = LegacyCipherContext()

    private init() {
        let context = OSSL_LIB_CTX_new()
        libraryContext = context
        let defaultProvider = OSSL_PROVIDER_load(context, "default")
        let legacyProvider = OSSL_PROVIDER_load(context, "legacy")
        legacyAvailable = defaultProvider != nil && legacyProvider != nil
        OpenSSLErrorQueue.clear()
    }

    /// Fetches a cipher by OpenSSL name ("DES-EDE3-CBC", "RC2-40-CBC", "AES-256-CBC").
    func cipher(named name: String) throws(SenimCryptoError) -> OpaquePointer {
        guard let cipher = EVP_CIPHER_fetch(libraryContext, name, nil) else {
            OpenSSLErrorQueue.clear()
            throw .unsupportedAlgorithm(
                "\(name) is not available\(legacyAvailable ? "" : " (the OpenSSL legacy provider could not be loaded)")")
        }
        return cipher
    }
}

/// CBC decryption with PKCS#7 padding through EVP.
enum CBCDecryption {
    static func decrypt(
        cipherName: String, key: [UInt8], iv: [UInt8], ciphertext: [UInt8]
    ) throws(SenimCryptoError) -> [UInt8] {
        let cipher = try LegacyCipherContext.shared.cipher(named: cipherName)
        defer { EVP_CIPHER_free(cipher) }
        // RC2-40-CBC is a 5-byte key with 40 effective bits, exactly as OpenSSL's fixed cipher defines it.
        guard Int(EVP_CIPHER_get_key_length(cipher)) == key.count,
            Int(EVP_CIPHER_get_iv_length(cipher)) == iv.count
        else { throw .invalidParameters("\(cipherName) key or IV length") }
        guard ciphertext.count > 0, ciphertext.count % Int(EVP_CIPHER_get_block_size(cipher)) == 0 else {
            throw .decryptionFailed("ciphertext length \(ciphertext.count) is not a multiple of the block size")
        }
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLErrorQueue.failure("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_DecryptInit_ex2(context, cipher, key, iv, nil) == 1 else { throw OpenSSLErrorQueue.failure("EVP_DecryptInit_ex2") }
        var output = [UInt8](repeating: 0, count: ciphertext.count + 32)
        var written: Int32 = 0
        var final: Int32 = 0
        guard EVP_DecryptUpdate(context, &output, &written, ciphertext, Int32(ciphertext.count)) == 1 else {
            throw .decryptionFailed(OpenSSLErrorQueue.drain())
        }
        let finished = output.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(written), &final)
        }
        guard finished == 1 else {
            OpenSSLErrorQueue.clear()
            throw .decryptionFailed("bad padding (wrong password or corrupted data)")
        }
        return Array(output.prefix(Int(written + final)))
    }
}
