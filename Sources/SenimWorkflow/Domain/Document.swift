import Foundation
import SenimEvidence

/// A document as uploaded: its bytes never change (docs/user-agreement.md §7.9), so its identity is its digests.
public struct Document: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft, pending, signed, rejected, cancelled, expired

        /// Signed, rejected, cancelled and expired are final: nothing changes a document after them.
        public var isFinal: Bool { self != .draft && self != .pending }
    }

    /// How the signers may sign (docs/user-agreement.md §6.8, §7.5).
    public enum SigningMethod: String, Sendable, Codable, CaseIterable {
        case eds = "EDS"
        case ses = "SES"
        case either = "EDS_OR_SES"

        public func allows(_ kind: SignatureKind) -> Bool {
            switch self {
            case .eds: return kind == .eds
            case .ses: return kind == .ses
            case .either: return true
            }
        }
    }

    /// After the partner: every signer at once, or one by one in their order.
    public enum SigningOrder: String, Sendable, Codable, CaseIterable {
        case sequential = "SEQUENTIAL"
        case parallel = "PARALLEL"
    }

    public let id: String
    public let partnerID: String
    /// The employee who uploaded it.
    public let createdBy: String
    public var fileName: String
    public var mediaType: String
    public var size: Int64
    public var sha256: String
    public var gost34311: String
    public var language: Language
    public var signingMethod: SigningMethod
    public var signingOrder: SigningOrder
    /// The partner signs before anyone is notified (the default of the agreement, §7.2).
    public var partnerSignsFirst: Bool
    public var deadline: Date?
    public var status: Status
    /// The tariff package a use was reserved from when the document was sent.
    public var tariffPackageID: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, partnerID: String, createdBy: String, fileName: String, mediaType: String, size: Int64, sha256: String,
        gost34311: String,
        language: Language = .ru, signingMethod: SigningMethod = .either, signingOrder: SigningOrder = .parallel,
        partnerSignsFirst: Bool = true,
        deadline: Date? = nil, status: Status = .draft, tariffPackageID: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.partnerID = partnerID
        self.createdBy = createdBy
        self.fileName = fileName
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.gost34311 = gost34311
        self.language = language
        self.signingMethod = signingMethod
        self.signingOrder = signingOrder
        self.partnerSignsFirst = partnerSignsFirst
        self.deadline = deadline
        self.status = status
        self.tariffPackageID = tariffPackageID
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// EDS (NCALayer CMS, eGov mobile, Kalkan XML) or a simple electronic signature by SMS code.
public enum SignatureKind: String, Sendable, Codable {
    case eds = "EDS"
    case ses = "SES"
}
