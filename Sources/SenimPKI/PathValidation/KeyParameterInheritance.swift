import SenimCrypto
import SwiftASN1

/// RFC 5280 §6.1.4 (d)–(f) and §6.1.5 (c)–(e): a DSA subject key whose AlgorithmIdentifier has no parameters
/// inherits working_public_key_parameters from its issuer (RFC 3279 §2.3.2). NIST PKITS 4.1.5 is such a path.
enum KeyParameterInheritance {
    /// The certificate's public key, with DSA domain parameters taken from the nearest issuer in `pool` that
    /// carries them when its own are absent; nil when no usable key can be built.
    static func publicKey(of certificate: Certificate, pool: [Certificate]) -> PublicKey? {
        guard inheritsParameters(certificate) else { return try? certificate.publicKey }
        var current = certificate
        for _ in 0..<8 {
            guard
                let issuer = pool.first(where: {
                    $0.subject.matches(current.issuer) && $0 != current
                        && $0.subjectPublicKeyInfo.algorithm.algorithm == ASN1ObjectIdentifier.PublicKeyAlgorithm.dsa
                })
            else { return nil }
            if !inheritsParameters(issuer) {
                let algorithm = issuer.subjectPublicKeyInfo.algorithm
                let key = certificate.subjectPublicKeyInfo.subjectPublicKey
                guard let spki = try? SubjectPublicKeyInfo(algorithm: algorithm, subjectPublicKey: key) else { return nil }
                return try? PublicKey(subjectPublicKeyInfo: spki)
            }
            current = issuer
        }
        return nil
    }

    static func inheritsParameters(_ certificate: Certificate) -> Bool {
        let algorithm = certificate.subjectPublicKeyInfo.algorithm
        return algorithm.algorithm == ASN1ObjectIdentifier.PublicKeyAlgorithm.dsa && algorithm.parameters == nil
    }
}
