import Foundation

/// The result of validating a (signing) certificate at a time: ETSI indication, the chain with each element's
/// facts and revocation evidence, the policy applied, and human sentences. Codable as the report JSON.
public struct CertificateValidationReport: Sendable, Codable {
    public struct PolicyReference: Sendable, Codable, Hashable {
        public let id: String
        public let sha256: String
    }

    public struct Revocation: Sendable, Codable, Hashable {
        /// What the evidence proved: good, revoked or unknown (``RevocationStatus/Name``).
        public let status: RevocationStatus.Name
        public let source: String
        public let issuedAt: Date?
        public let revokedAt: Date?
        public let reason: String?
        public let detail: String?
        /// The CRLs that decided (complete CRL, then the delta applied to it); nil for OCSP or no evidence.
        public let crls: [String]?

        init(_ check: RevocationCheck) {
            source = check.source.rawValue
            crls = check.decidedBy.isEmpty ? nil : check.decidedBy
            issuedAt = check.issuedAt
            switch check.status {
            case .good(let later):
                status = .good
                revokedAt = later
                reason = nil
                detail = later.map { "revoked later, at \($0.iso8601)" }
            case .revoked(let at, let why):
                status = .revoked
                revokedAt = at
                reason = why.map { "\($0)" }
                detail = nil
            case .unknown(_, let why):
                status = .unknown
                revokedAt = nil
                reason = nil
                detail = why
            }
        }
    }

    public struct ChainElement: Sendable, Codable {
        public let certificate: CertificateSummary
        public let trusted: Bool
        public let revocation: Revocation?
    }

    public let indication: Indication
    public let subIndication: SubIndication?
    public let validationTime: Date
    public let policy: PolicyReference
    /// End-entity first, trust anchor last (empty when no path was found).
    public let chain: [ChainElement]
    public let messages: [String]
    /// The revocation mode applied (``RevocationMode``), so a reader knows whether "unknown" could pass.
    public var revocationMode: RevocationMode? = nil
    /// The relying-party profile applied (``RelyingPartyProfile``).
    public var profile: RelyingPartyProfile? = nil
}
