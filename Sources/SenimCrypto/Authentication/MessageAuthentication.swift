import COpenSSL

/// HMAC (RFC 2104) over OpenSSL's digests, constant-time comparison and random bytes: what one-time codes and
/// MACs need, in one place.
public enum MessageAuthentication {
    public static func hmac(_ digest: DigestAlgorithm, key: [UInt8], message: [UInt8]) throws(SenimCryptoError) -> [UInt8] {
        guard let name = digest.openSSLName, let md = EVP_get_digestbyname(name) else {
            throw .unsupportedAlgorithm("HMAC with \(digest.rawValue)")
        }
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard HMAC(md, key, Int32(key.count), message, message.count, &mac, &length) != nil else {
            throw OpenSSLErrorQueue.failure("HMAC")
        }
        return Array(mac.prefix(Int(length)))
    }

    /// Equal contents, in time that depends on the length only (CRYPTO_memcmp).
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && (a.isEmpty || CRYPTO_memcmp(a, b, a.count) == 0)
    }

    /// Bytes from OpenSSL's CSPRNG.
    public static func randomBytes(_ count: Int) throws(SenimCryptoError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&bytes, Int32(count)) == 1 else { throw OpenSSLErrorQueue.failure("RAND_bytes") }
        return bytes
    }
}
