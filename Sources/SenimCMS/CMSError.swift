import SenimPKI

/// Why CMS input could not be evaluated, each case with the ETSI sub-indication it maps to.
public enum CMSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes that are not a well-formed ContentInfo / SignedData / SignerInfo / TSTInfo.
    case malformed(String)
    /// A ContentInfo of another type (envelopedData, digestedData…).
    case notSignedData(String)
    /// A signed attribute type that appears twice (RFC 5652 §5.3: each type at most once).
    case duplicateAttribute(String)
    /// An attribute that must be present (messageDigest, contentType) is missing or has several values.
    case invalidAttribute(String)
    /// An algorithm the toolkit does not implement.
    case unsupportedAlgorithm(String)
    /// Detached content was needed and not supplied, or could not be read.
    case contentUnavailable(String)
    /// A signing operation failed (bad key, unsupported combination).
    case signingFailed(String)

    public var subIndication: SubIndication {
        switch self {
        case .malformed, .notSignedData, .duplicateAttribute, .invalidAttribute: return .formatFailure
        case .unsupportedAlgorithm: return .cryptoConstraintsFailure
        case .contentUnavailable: return .signedDataNotFound
        case .signingFailed: return .formatFailure
        }
    }

    public var description: String {
        switch self {
        case .malformed(let why): return "malformed CMS: \(why)"
        case .notSignedData(let type): return "CMS content type \(type) is not signedData"
        case .duplicateAttribute(let oid): return "signed attribute \(oid) appears more than once"
        case .invalidAttribute(let why): return "invalid attribute: \(why)"
        case .unsupportedAlgorithm(let what): return "unsupported algorithm: \(what)"
        case .contentUnavailable(let why): return "signed content unavailable: \(why)"
        case .signingFailed(let why): return "signing failed: \(why)"
        }
    }
}
