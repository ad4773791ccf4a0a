import Foundation

/// The revocation state of one certificate at one time, as proven by a CRL or an OCSP response.
public enum RevocationStatus: Sendable, Hashable {
    /// Not revoked at the time in question. `revokedLater` records a revocation that happened after it
    /// (with a proof of existence of the signature before that, the signature stays valid).
    case good(revokedLater: Date? = nil)
    /// Revoked at or before the time in question.
    case revoked(at: Date, reason: RevocationReason?)
    /// No usable evidence: none found, stale, unauthorised, or the responder does not know the certificate.
    case unknown(SubIndication, String)
}

/// A status with the evidence it came from, for reports and the evidence package.
public struct RevocationCheck: Sendable {
    public enum Source: String, Sendable, Codable {
        case crl = "CRL"
        case ocsp = "OCSP"
        case none = "none"
    }

    public let status: RevocationStatus
    public let source: Source
    /// When the evidence was issued (CRL thisUpdate, OCSP producedAt).
    public let issuedAt: Date?
    /// Evidence from this certificate's issuer that breaks RFC 5280 / RFC 6960 (a bad signature, no cRLSign, a
    /// missing or critical CRL number…): a CA publishing broken revocation data is a path failure, not just "unknown".
    public var defects: [String] = []
    /// The CRLs that decided, complete CRL first and then the delta applied to it (RFC 5280 §6.3.3), e.g.
    /// "complete CRL #3 of CN=…, thisUpdate …"; empty for OCSP.
    public var decidedBy: [String] = []
    /// What was tolerated on the way (negative serial numbers in a CRL…), as sentences for the report.
    public var warnings: [String] = []
    /// Evidence about this certificate was found but could not decide (stale, unsigned, out of scope…), as
    /// opposed to no evidence at all: the difference between `hard-fail` and `soft-fail` (``RevocationMode``).
    public var sawEvidence = false

    /// The sub-indication a signature gets from this check, nil when the status allows validation to pass.
    public var subIndication: SubIndication? {
        switch status {
        case .good: return nil
        case .revoked: return .revokedNoPOE
        case .unknown(let subIndication, _): return subIndication
        }
    }
}

extension RevocationStatus {
    /// The status as the reports name it (`revocation.status` in the report JSON): the three a CRL or OCSP
    /// response can prove, and the two a report states when no check was made.
    public enum Name: String, Sendable, Codable, Hashable, CustomStringConvertible {
        case good
        case revoked
        case unknown
        /// No revocation check was made for this certificate (no path was found to check it on).
        case unchecked
        /// The certificate is itself a trust anchor: trusted by configuration, it has no issuer to ask
        /// (RFC 5280 §6.1: the anchor's information is an input of path validation, not a certificate of it).
        case trustAnchor = "trust anchor"

        public var description: String { rawValue }
    }

    /// The name of this status in a report.
    public var name: Name {
        switch self {
        case .good: return .good
        case .revoked: return .revoked
        case .unknown: return .unknown
        }
    }
}
