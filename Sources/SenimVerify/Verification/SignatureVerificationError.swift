import SenimPKI

/// Why ``SignatureVerifier`` made no report: the input is not a signature it knows, or a part it needs is
/// missing. A signature that is read and fails is a report (TOTAL_FAILED), never one of these.
public enum SignatureVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither CMS (DER, PEM, base64), XML, an RFC 3161 timestamp, a PDF nor an evidence package.
    case unrecognisedFormat
    /// An RFC 3161 response without a token (RFC 3161 §2.4.2: only granted responses carry one).
    case timestampResponseWithoutToken(status: Int, statusText: [String])
    /// An evidence package, and the verifier was given no ``EvidencePackageVerifying``.
    case evidencePackagesNotSupported
    /// The input file cannot be read.
    case unreadable(path: String)

    /// The ETSI EN 319 102-1 sub-indication this refusal amounts to: the input's format is not one that can be
    /// validated (FORMAT_FAILURE), or the signature could not be read at all.
    public var subIndication: SubIndication { .formatFailure }

    public var description: String {
        switch self {
        case .unrecognisedFormat:
            return "neither CMS (DER, PEM, base64), XML, an RFC 3161 timestamp, a PDF nor an evidence package"
        case .timestampResponseWithoutToken(let status, let text):
            return "the timestamp response has status \(status) and no token: \(text.joined(separator: "; "))"
        case .evidencePackagesNotSupported: return "an evidence package, and no evidence package verifier was configured"
        case .unreadable(let path): return "cannot read \(path)"
        }
    }
}
