import SwiftASN1

/// PKCS#8 `PrivateKeyInfo` / RFC 5958 `OneAsymmetricKey`:
/// `SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING, [0] attributes, [1] publicKey }`.
struct PrivateKeyInfo: Sendable {
    var algorithm: AlgorithmIdentifier
    var privateKey: [UInt8]

    init(derEncoded bytes: [UInt8]) throws(SenimCryptoError) {
        do {
            (algorithm, privateKey) = try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard version == 0 || version == 1 else {
                    throw SenimCryptoError.malformedEncoding("PrivateKeyInfo version \(version)")
                }
                let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
                let key = try ASN1OctetString(derEncoded: &nodes)
                while nodes.next() != nil {} // attributes and the optional public key are not needed
                return (algorithm, Array(key.bytes))
            }
        } catch let error as SenimCryptoError {
            throw error
        } catch {
            throw .malformedEncoding("PrivateKeyInfo: \(DecodingErrorText.sentence(error))")
        }
    }
}
