import Foundation
import SenimPKI

/// What goes into one document's evidence package (docs/ARCHITECTURE.md, "The evidence package").
public struct EvidencePackageContents: Sendable {
    /// One signature as received, with the report made when the document was completed.
    public struct EDSSignature: Sendable {
        public enum Kind: String, Sendable {
            case cms = "p7s"
            case xml = "xml"
        }
        public let signerLabel: String
        public let kind: Kind
        public let bytes: [UInt8]
        public let report: SignatureValidationReport
        public init(signerLabel: String, kind: Kind, bytes: [UInt8], report: SignatureValidationReport) {
            self.signerLabel = signerLabel
            self.kind = kind
            self.bytes = bytes
            self.report = report
        }
    }

    public struct SESSignature: Sendable {
        public let signerLabel: String
        public let record: SealedSESRecord
        public init(signerLabel: String, record: SealedSESRecord) {
            self.signerLabel = signerLabel
            self.record = record
        }
    }

    /// The Merkle inclusion of the document's audit head in the platform log, and the signed checkpoint.
    public struct LogInclusion: Sendable, Codable {
        public let leafIndex: UInt64
        public let treeSize: UInt64
        public let proof: [String]
        public let checkpoint: String
        public init(leafIndex: UInt64, treeSize: UInt64, proof: [[UInt8]], checkpoint: String) {
            self.leafIndex = leafIndex
            self.treeSize = treeSize
            self.proof = proof.map { Data($0).base64EncodedString() }
            self.checkpoint = checkpoint
        }
    }

    public let documentName: String
    /// The document on disk: streamed into the package, never loaded whole.
    public let documentPath: String
    public let edsSignatures: [EDSSignature]
    public let sesSignatures: [SESSignature]
    /// CRLs and OCSP responses used, by file name.
    public let revocationData: [(name: String, bytes: [UInt8])]
    /// Certificates used to build the paths.
    public let certificates: [Certificate]
    public let auditLog: [ChainedEvent]
    public let inclusion: LogInclusion
    /// Human reports by language code (`ru`, `kk`, `en`).
    public let reports: [(language: String, html: [UInt8])]
    /// The same reports printed to PDF (`report/report.<lang>.pdf`), listed in the manifest and sealed like every file.
    public var reportPDFs: [(language: String, pdf: [UInt8])] = []
    /// The validation policy the reports were made under; the package carries it so a verifier applies the same.
    public let policy: ValidationPolicy

    public init(
        documentName: String, documentPath: String, edsSignatures: [EDSSignature], sesSignatures: [SESSignature],
        revocationData: [(name: String, bytes: [UInt8])], certificates: [Certificate], auditLog: [ChainedEvent],
        inclusion: LogInclusion, reports: [(language: String, html: [UInt8])] = [], policy: ValidationPolicy = .kazakhstanDefault
    ) {
        self.documentName = documentName
        self.documentPath = documentPath
        self.edsSignatures = edsSignatures
        self.sesSignatures = sesSignatures
        self.revocationData = revocationData
        self.certificates = certificates
        self.auditLog = auditLog
        self.inclusion = inclusion
        self.reports = reports
        self.policy = policy
    }
}

/// The leaf the platform log holds for a document: its identity and audit head, as canonical JSON.
public struct AuditAnchor: Sendable, Codable, Hashable {
    public let documentID: String
    public let lastSequence: UInt64
    public let head: String

    public init(documentID: String, lastSequence: UInt64, head: String) {
        self.documentID = documentID
        self.lastSequence = lastSequence
        self.head = head
    }

    /// The leaf's bytes (RFC 8785 canonical JSON). Throws only if encoding fails, which would otherwise leave an
    /// empty leaf in the log.
    public func leafData() throws -> [UInt8] { try CanonicalJSON.encode(self) }
}
