import Foundation

/// One signature's verdict with the facts behind it, kept apart rather than collapsed into a boolean:
/// `intact` (the signed data's digest matches), `cryptographicallyValid` (the signature value verifies),
/// `chainTrusted` (a path to a trust anchor), revocation, and timestamps (pyHanko `SignatureStatus`).
public struct SignatureReport: Sendable, Codable, VerdictRecording {
    /// One certificate of the validated path, end entity first.
    public struct ChainEntry: Sendable, Codable, Hashable {
        public let subject: String
        public let serial: String
        public let sha256: String
        public let trusted: Bool

        public init(_ element: CertificateValidationReport.ChainElement) {
            subject = element.certificate.subject
            serial = element.certificate.serialNumber
            sha256 = element.certificate.sha256
            trusted = element.trusted
        }
    }

    /// The signing certificate's revocation status at the best signature time.
    public struct RevocationSummary: Sendable, Codable, Hashable {
        /// What a CRL or OCSP response proved, or why no check was made (``RevocationStatus/Name``).
        public let status: RevocationStatus.Name
        public let source: String
        /// CRL thisUpdate or OCSP producedAt of the evidence used.
        public let producedAt: Date?
        public let revokedAt: Date?
        public let reason: String?
    }

    /// `S-1`, `S-2`… in signing order; countersignatures `S-1.1`.
    public var id: String
    public var indication: Indication
    public var subIndication: SubIndication?
    /// ``SignatureFormat``: `CMS`, `CAdES-BASELINE-B`, `CAdES-BASELINE-T`, `XMLDSig`, `TimeStampToken`, `PAdES-…`,
    /// `SES seal` in the JSON.
    public var format: SignatureFormat
    public var signer: Signer?
    public var signingCertificate: CertificateSummary?
    public var signatureAlgorithm: String?
    public var digestAlgorithm: String?
    /// The signingTime attribute: the signer's unverified claim, never a proof of existence.
    public var claimedSigningTime: Date?
    /// The earliest proven time the signature existed (a valid signature timestamp), else the validation time.
    public var bestSignatureTime: Date
    public var intact: Bool
    public var cryptographicallyValid: Bool
    public var chainTrusted: Bool
    public var chain: [ChainEntry]
    public var revocation: RevocationSummary?
    public var timestamps: [TimestampReport]
    public var signedDataScope: [SignedDataScope]
    public var counterSignatures: [SignatureReport]
    /// Human sentences: the first explains a verdict that is not TOTAL_PASSED.
    public var messages: [String]
    /// The full certificate validation (path, every revocation check, policy) behind `chain`.
    public var certificateValidation: CertificateValidationReport?

    public init(id: String, format: SignatureFormat, bestSignatureTime: Date) {
        self.id = id
        self.indication = .totalPassed
        self.subIndication = nil
        self.format = format
        self.bestSignatureTime = bestSignatureTime
        self.intact = false
        self.cryptographicallyValid = false
        self.chainTrusted = false
        self.chain = []
        self.timestamps = []
        self.signedDataScope = []
        self.counterSignatures = []
        self.messages = []
    }

    /// Adopts the certificate validation's path, revocation and (when it did not pass) its verdict.
    public mutating func apply(_ validation: CertificateValidationReport) {
        certificateValidation = validation
        chain = validation.chain.map(ChainEntry.init)
        chainTrusted = validation.chain.last?.trusted ?? false
        if let leaf = validation.chain.first {
            revocation =
                leaf.revocation.map {
                    RevocationSummary(
                        status: $0.status, source: $0.source, producedAt: $0.issuedAt, revokedAt: $0.revokedAt, reason: $0.reason)
                }
                ?? RevocationSummary(
                    status: leaf.trusted ? .trustAnchor : .unchecked, source: "none", producedAt: nil, revokedAt: nil, reason: nil)
        }
        if let subIndication = validation.subIndication {
            fail(
                subIndication, "signing certificate: " + (validation.messages.first ?? subIndication.rawValue),
                indication: validation.indication)
            messages.append(contentsOf: validation.messages.dropFirst())
        } else {
            messages.append(contentsOf: validation.messages)
        }
    }
}

/// What a signature covers: the bytes (or nodes) and their digests, so a reader never relies on an unsigned copy.
public struct SignedDataScope: Sendable, Codable, Hashable {
    public enum Coverage: String, Sendable, Codable {
        /// The whole document or content.
        case full = "FULL"
        /// A part of a document (an XML element, a node set without some nodes).
        case partial = "PARTIAL"
        /// Only a digest was given; the verifier never saw the bytes.
        case digest = "DIGEST"
    }

    public var name: String
    public var coverage: Coverage
    public var description: String
    /// Digest algorithm name → lowercase hex, of exactly the covered bytes.
    public var digests: [String: String]
    public var length: Int?

    public init(name: String, coverage: Coverage, description: String, digests: [String: String], length: Int?) {
        self.name = name
        self.coverage = coverage
        self.description = description
        self.digests = digests
        self.length = length
    }
}

/// An RFC 3161 timestamp attached to (or given with) a signature, and whether it is a proof of existence.
public struct TimestampReport: Sendable, Codable, VerdictRecording {
    /// What the timestamp stamps (``TimestampKind``): the signature value, the content, data given with it,
    /// or a PDF's byte range.
    public var type: TimestampKind
    public var indication: Indication
    public var subIndication: SubIndication?
    public var genTime: Date?
    public var policy: String?
    /// Signed, big-endian hex as in the token (NCA tokens carry negative serials).
    public var serialNumber: String?
    public var tsaName: String?
    public var tsaCertificate: CertificateSummary?
    public var messageImprintAlgorithm: String?
    public var messageImprint: String?
    public var imprintMatches: Bool
    public var cryptographicallyValid: Bool
    public var chainTrusted: Bool
    public var accuracy: String?
    public var nonce: String?
    /// The TSA's path as validated at genTime, end entity first.
    public var chain: [SignatureReport.ChainEntry]
    public var messages: [String]

    public init(type: TimestampKind) {
        self.type = type
        self.indication = .totalPassed
        self.imprintMatches = false
        self.cryptographicallyValid = false
        self.chainTrusted = false
        self.chain = []
        self.messages = []
    }

    /// A valid timestamp is a proof of existence at its genTime (ETSI EN 319 102-1 §5.4).
    public var proofOfExistence: Date? { indication == .totalPassed ? genTime : nil }

}
