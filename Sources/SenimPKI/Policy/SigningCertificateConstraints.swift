import Foundation
import SenimCrypto

/// A signing certificate or signature that breaks a rule of the ``ValidationPolicy``, with its sub-indication.
public enum PolicyViolation: Error, Sendable, Hashable, CustomStringConvertible {
    case notASigningKey(keyUsage: String)
    case missingRole(SignerRole)
    case algorithmNotAccepted(String)
    case algorithmExpired(String, since: Date)
    case keyTooSmall(bits: Int, minimum: Int)

    public var subIndication: SubIndication {
        switch self {
        case .notASigningKey, .missingRole: return .chainConstraintsFailure
        case .algorithmNotAccepted, .keyTooSmall: return .cryptoConstraintsFailure
        // EN 319 102-1 §5.2.8: an algorithm no longer reliable at the time the signature is judged at, with no proof
        // that the signature existed before its sunset; a proof of existence (a timestamp, an archive timestamp)
        // before that date resolves it (§5.6.2.4).
        case .algorithmExpired: return .cryptoConstraintsFailureNoPOE
        }
    }

    public var description: String {
        switch self {
        case .notASigningKey(let usage):
            return
                "the certificate is not a signing key: its key usage (\(usage)) lacks nonRepudiation; it looks like an NCA authentication "
                + "(AUTH) key"
        case .missingRole(let role): return "the certificate does not carry the required role \(role.rawValue)"
        case .algorithmNotAccepted(let name): return "the validation policy does not accept \(name)"
        case .algorithmExpired(let name, let date):
            return "\(name) is not accepted for signatures after \(ISO8601DateFormatter().string(from: date))"
        case .keyTooSmall(let bits, let minimum): return "the key has \(bits) bits; the policy requires at least \(minimum)"
        }
    }
}

/// The policy's constraints on the certificate that made a signature (ETSI EN 319 102-1 §5.2.8 signature
/// acceptance and §5.2.4 X.509 certificate constraints, as far as a certificate alone can tell).
public enum SigningCertificateConstraints {
    public static func violations(
        of certificate: Certificate, signatureAlgorithm: SignatureAlgorithm?, signingTime: Date,
        policy: ValidationPolicy
    ) -> [PolicyViolation] {
        var violations: [PolicyViolation] = []
        if policy.requireNonRepudiation, let usage = try? certificate.extensions.keyUsage, !usage.contains(KeyUsage.nonRepudiation) {
            violations.append(.notASigningKey(keyUsage: usage.description))
        }
        let roles = Signer(certificate: certificate).roles
        for role in policy.requiredRoles where !roles.contains(role) { violations.append(.missingRole(role)) }
        if let signatureAlgorithm {
            if let rule = policy.rule(for: signatureAlgorithm) {
                if let until = rule.acceptedUntil, signingTime > until {
                    violations.append(.algorithmExpired(rule.algorithm, since: until))
                }
            } else {
                violations.append(.algorithmNotAccepted(signatureAlgorithm.policyName))
            }
        }
        if let key = try? certificate.publicKey, key.algorithmDescription.hasPrefix("RSA"), key.keySizeInBits < policy.minimumRSAModulusBits
        {
            violations.append(.keyTooSmall(bits: key.keySizeInBits, minimum: policy.minimumRSAModulusBits))
        }
        return violations
    }
}
