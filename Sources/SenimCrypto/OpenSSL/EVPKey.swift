import COpenSSL
import CShims

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

    /// An RSA public key from its modulus and exponent through `EVP_PKEY_fromdata` (see `senim_rsa_public_key`):
    /// ~4 µs, where OpenSSL 3's `d2i_PUBKEY` decoder framework takes ~85 µs for the same key.
    static func rsaPublicKey(modulus: ArraySlice<UInt8>, exponent: ArraySlice<UInt8>) throws(SenimCryptoError) -> EVPKey {
        let n = Array(modulus)
        let e = Array(exponent)
        guard let key = senim_rsa_public_key(n, n.count, e, e.count) else {
            throw .invalidKey("OpenSSL rejects the RSA key: \(OpenSSLErrorQueue.drain())")
        }
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

    /// A fresh key on a named EC group (`P-256`), from OpenSSL's default random generator.
    static func generateEC(group: String) throws(SenimCryptoError) -> EVPKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw OpenSSLErrorQueue.failure("EVP_PKEY_CTX_new_from_name")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_group_name(context, group) == 1, EVP_PKEY_generate(context, &key) == 1,
            let key
        else { throw OpenSSLErrorQueue.failure("EVP_PKEY_generate \(group)") }
        return EVPKey(pointer: key)
    }

    /// PKCS#8 PrivateKeyInfo DER of a private key.
    func privateKeyPKCS8DER() throws(SenimCryptoError) -> [UInt8] {
        guard let info = EVP_PKEY2PKCS8(pointer) else { throw OpenSSLErrorQueue.failure("EVP_PKEY2PKCS8") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PKCS8_PRIV_KEY_INFO(info, &output)
        guard length > 0, let output else { throw OpenSSLErrorQueue.failure("i2d_PKCS8_PRIV_KEY_INFO") }
        defer { senim_OPENSSL_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
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
