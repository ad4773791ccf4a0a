import Foundation
import SenimPKI

/// What a received signature proved, as the server's verification found it (SenimCMS / SenimXMLDSig for an
/// EDS, SenimEvidence for an SMS code). The workflow decides from these facts only; it never re-verifies.
public enum SignatureEvidence: Sendable, Hashable, Codable {
    public struct EDS: Sendable, Hashable, Codable {
        /// `CAdES-BASELINE-B`, `XMLDSig`…
        public var format: String
        /// SHA-256 of the signature as received (its blob key).
        public var signatureSHA256: String
        public var indication: Indication
        public var subIndication: SubIndication?
        public var signerIIN: KazakhIdentifier?
        public var signerBIN: KazakhIdentifier?
        public var roles: [SignerRole]
        /// SHA-256 of the signature value itself (CMS `SignerInfo.signature`, XML `SignatureValue`): the same value
        /// on another document is the same signature replayed, whatever container it came in.
        public var signatureValueSHA256: String?
        /// The signing time it claims (CMS signing-time) or its timestamp's, when it has one.
        public var claimedSigningTime: Date?

        public init(
            format: String, signatureSHA256: String, indication: Indication, subIndication: SubIndication? = nil,
            signerIIN: KazakhIdentifier?, signerBIN: KazakhIdentifier? = nil, roles: [SignerRole] = [],
            signatureValueSHA256: String? = nil, claimedSigningTime: Date? = nil
        ) {
            self.signatureValueSHA256 = signatureValueSHA256
            self.claimedSigningTime = claimedSigningTime
            self.format = format
            self.signatureSHA256 = signatureSHA256
            self.indication = indication
            self.subIndication = subIndication
            self.signerIIN = signerIIN
            self.signerBIN = signerBIN
            self.roles = roles
        }
    }

    public struct SES: Sendable, Hashable, Codable {
        public var challengeID: String
        /// SHA-256 of the sealed record's canonical JSON (its blob key).
        public var recordSHA256: String
        /// The IIN and document digest the SMS code was bound to.
        public var signerIIN: String
        public var documentSHA256: String

        public init(challengeID: String, recordSHA256: String, signerIIN: String, documentSHA256: String) {
            self.challengeID = challengeID
            self.recordSHA256 = recordSHA256
            self.signerIIN = signerIIN
            self.documentSHA256 = documentSHA256
        }
    }

    case eds(EDS)
    case ses(SES)

    public var kind: SignatureKind {
        switch self {
        case .eds: return .eds
        case .ses: return .ses
        }
    }
}
