/// The sub-indications of ETSI EN 319 102-1 §5.1.3 (table 6), spelled exactly as the standard and EU DSS do,
/// each tied to the main indication it qualifies.
public enum SubIndication: String, Sendable, Hashable, Codable, CaseIterable {
    // TOTAL_FAILED
    case formatFailure = "FORMAT_FAILURE"
    case hashFailure = "HASH_FAILURE"
    case sigCryptoFailure = "SIG_CRYPTO_FAILURE"
    case revoked = "REVOKED"
    case expired = "EXPIRED"
    case notYetValid = "NOT_YET_VALID"
    // INDETERMINATE
    case sigConstraintsFailure = "SIG_CONSTRAINTS_FAILURE"
    case chainConstraintsFailure = "CHAIN_CONSTRAINTS_FAILURE"
    case cryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE"
    case policyProcessingError = "POLICY_PROCESSING_ERROR"
    case signaturePolicyNotAvailable = "SIGNATURE_POLICY_NOT_AVAILABLE"
    case timestampOrderFailure = "TIMESTAMP_ORDER_FAILURE"
    case noSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND"
    case noCertificateChainFound = "NO_CERTIFICATE_CHAIN_FOUND"
    case revokedNoPOE = "REVOKED_NO_POE"
    case revokedCANoPOE = "REVOKED_CA_NO_POE"
    case outOfBoundsNoPOE = "OUT_OF_BOUNDS_NO_POE"
    case outOfBoundsNotRevoked = "OUT_OF_BOUNDS_NOT_REVOKED"
    case revocationOutOfBoundsNoPOE = "REVOCATION_OUT_OF_BOUNDS_NO_POE"
    case cryptoConstraintsFailureNoPOE = "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
    case noPOE = "NO_POE"
    case tryLater = "TRY_LATER"
    case signedDataNotFound = "SIGNED_DATA_NOT_FOUND"
    case certificateChainGeneralFailure = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
    case noCertificateChainFoundNoPOE = "NO_CERTIFICATE_CHAIN_FOUND_NO_POE"

    /// The main indication EN 319 102-1 table 5 lists this sub-indication under. Verdicts store both
    /// fields, so a validation policy may still report e.g. a constraint failure as TOTAL_FAILED.
    public var indication: Indication {
        switch self {
        case .formatFailure, .hashFailure, .sigCryptoFailure, .revoked, .expired, .notYetValid:
            return .totalFailed
        default:
            return .indeterminate
        }
    }

    /// Whether a proof of existence from before the problem arose can resolve this sub-indication (EN 319 102-1
    /// §5.6.2.4: an algorithm sunset, an expired or revoked certificate after the fact, stale revocation data).
    public var isResolvedByProofOfExistence: Bool {
        switch self {
        case .outOfBoundsNoPOE, .outOfBoundsNotRevoked, .revokedNoPOE, .revocationOutOfBoundsNoPOE, .cryptoConstraintsFailureNoPOE,
            .cryptoConstraintsFailure, .noPOE:
            return true
        default:
            return false
        }
    }

    /// `urn:etsi:019102:subindication:FORMAT_FAILURE` and its siblings.
    public var urn: String { "urn:etsi:019102:subindication:" + rawValue }
}
