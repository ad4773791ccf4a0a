import Foundation
import SenimPKI

/// The result of verifying an evidence package: the numbered steps, and the facts the verifier read on the
/// way, so the arbitration report states exactly what was checked without reading the package again.
public struct EvidencePackageVerification: Sendable {
    /// One file under `signatures/`, with what the package recorded and what the verifier found.
    public struct SignatureFile: Sendable {
        public enum Kind: Sendable { case cms, xml, simple }
        public let file: String
        public let kind: Kind
        /// The report made when the document was completed (`validation/<n>.json`), for EDS signatures.
        public let recordedReport: SignatureValidationReport?
        /// The report the verifier made again from the package's own data.
        public let report: SignatureValidationReport
        /// The SMS-OTP record, for simple signatures.
        public let simpleSignature: SESRecord?
        /// The step that judged this file.
        public let indication: Indication
    }

    public struct Document: Sendable {
        /// The file name inside `document/`.
        public let name: String
        public let size: Int
        public let sha256: String
        public let gost34311: String
    }

    public internal(set) var steps: [EvidenceStep] = []
    public internal(set) var document: Document?
    public internal(set) var manifestSHA256: String?
    public internal(set) var auditLog: [ChainedEvent] = []
    public internal(set) var inclusion: EvidencePackageContents.LogInclusion?
    public internal(set) var signatures: [SignatureFile] = []
    /// The platform seal's validation (step 3): its certificate is the one "how to verify" names.
    public internal(set) var sealReport: SignatureValidationReport?
    /// Every entry of the archive, in its order.
    public internal(set) var entryNames: [String] = []

    /// The worst step decides: TOTAL_FAILED before INDETERMINATE.
    public var overall: Indication {
        if steps.contains(where: { $0.indication == .totalFailed }) { return .totalFailed }
        if steps.contains(where: { $0.indication == .indeterminate }) { return .indeterminate }
        return steps.isEmpty ? .indeterminate : .totalPassed
    }

    mutating func record(_ check: EvidenceCheck, _ indication: Indication, _ finding: EvidenceFinding) {
        steps.append(EvidenceStep(number: steps.count + 1, check: check, indication: indication, finding: finding))
    }
}
