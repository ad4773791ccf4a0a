import Foundation
import SwiftASN1

extension PrivateKey {
    /// A new ECDSA P-256 key: what a fresh deployment seals with until it is given its own (GOST) key.
    public static func generateP256() throws(SenimCryptoError) -> PrivateKey {
        PrivateKey(openSSL: try EVPKey.generateEC(group: "P-256"))
    }

    /// The key as PKCS#8 `PrivateKeyInfo` DER (OpenSSL-backed keys only; GOST keys come from NCA files).
    public func pkcs8DER() throws(SenimCryptoError) -> [UInt8] {
        guard case .openSSL(let key) = backing else { throw .unsupportedAlgorithm("exporting a GOST private key") }
        return try key.privateKeyPKCS8DER()
    }

    /// `-----BEGIN PRIVATE KEY-----` (RFC 7468) of ``pkcs8DER()``.
    public func pemEncoded() throws(SenimCryptoError) -> String {
        PEMDocument(type: "PRIVATE KEY", derBytes: try pkcs8DER()).pemString
    }
}
