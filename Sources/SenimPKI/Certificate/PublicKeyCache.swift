import Foundation
import SenimCrypto

/// Decodes a certificate's public key once. OpenSSL 3's `d2i_PUBKEY` runs its provider decoder framework,
/// which costs more than an RSA-4096 verification itself, and path building asks for the same issuer key
/// several times.
final class PublicKeyCache: @unchecked Sendable {
    // @unchecked: `cached` is only read and written under `lock`.
    private let lock = NSLock()
    private var cached: Result<PublicKey, PKIError>?

    func key(for spki: SubjectPublicKeyInfo) throws(PKIError) -> PublicKey {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return try cached.get() }
        let result: Result<PublicKey, PKIError>
        do { result = .success(try PublicKey(subjectPublicKeyInfo: spki)) } catch { result = .failure(.crypto(error)) }
        cached = result
        return try result.get()
    }
}
