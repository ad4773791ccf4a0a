/// Why a certification path failed, with the ETSI sub-indication each reason maps to.
public enum PathValidationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case noPathToTrustAnchor(String)
    case signatureInvalid(certificate: String)
    case expired(certificate: String)
    case notYetValid(certificate: String)
    case notACertificateAuthority(certificate: String)
    case pathLengthExceeded(certificate: String)
    case keyUsageForbids(certificate: String, usage: String)
    case extendedKeyUsageMissing(String)
    case unknownCriticalExtension(certificate: String, oid: String)
    case nameConstraintViolated(certificate: String, name: String)
    case policyFailure(String)
    case profileViolation(certificate: String, rule: String)
    case malformed(certificate: String, reason: String)
    case revoked(certificate: String, reason: String)
    /// No conclusive revocation status when one was required (RFC 5280 §6.3.3: UNDETERMINED).
    case revocationUnknown(certificate: String, reason: String, subIndication: SubIndication)

    public var subIndication: SubIndication {
        switch self {
        case .noPathToTrustAnchor: return .noCertificateChainFound
        case .signatureInvalid, .malformed, .profileViolation, .unknownCriticalExtension,
            .notACertificateAuthority, .pathLengthExceeded, .keyUsageForbids, .nameConstraintViolated, .policyFailure:
            return .certificateChainGeneralFailure
        case .extendedKeyUsageMissing: return .chainConstraintsFailure
        case .expired: return .outOfBoundsNoPOE
        case .notYetValid: return .notYetValid
        case .revoked: return .revokedNoPOE
        case .revocationUnknown(_, _, let subIndication): return subIndication
        }
    }

    public var description: String {
        switch self {
        case .noPathToTrustAnchor(let why): return "no path to a trust anchor: \(why)"
        case .signatureInvalid(let c): return "signature of \(c) does not verify with its issuer's key"
        case .expired(let c): return "\(c) had expired at the validation time"
        case .notYetValid(let c): return "\(c) was not yet valid at the validation time"
        case .notACertificateAuthority(let c): return "\(c) issues certificates but is not a CA (basicConstraints)"
        case .pathLengthExceeded(let c): return "path length constraint exceeded at \(c)"
        case .keyUsageForbids(let c, let usage): return "key usage of \(c) does not allow \(usage)"
        case .extendedKeyUsageMissing(let what): return "extended key usage \(what) is not allowed for the end-entity certificate"
        case .unknownCriticalExtension(let c, let oid): return "\(c) has an unrecognised critical extension \(oid)"
        case .nameConstraintViolated(let c, let name): return "name \(name) of \(c) violates the name constraints"
        case .policyFailure(let why): return "certificate policy processing failed: \(why)"
        case .profileViolation(let c, let rule): return "\(c) violates RFC 5280: \(rule)"
        case .malformed(let c, let reason): return "\(c) is malformed: \(reason)"
        case .revoked(let c, let reason): return "\(c) is revoked: \(reason)"
        case .revocationUnknown(let c, let reason, _): return "the revocation status of \(c) could not be determined: \(reason)"
        }
    }
}
