import Foundation
import SenimPKI

/// Where an evidence package is read from: whole bytes, or a file read by offset (a 100 MB document is never
/// loaded).
public enum EvidencePackageSource: Sendable {
    case bytes([UInt8])
    case file(path: String)
}

/// The result of an evidence package verification, as ``SignatureVerifier`` returns it.
public protocol EvidencePackageOutcome: Sendable {
    /// The worst step's verdict.
    var indication: Indication { get }
}

/// How evidence packages plug into ``SignatureVerifier``. The package verifier lives in SenimEvidence, a layer
/// above this one (it needs the audit log, the Merkle proofs and the seal, and it validates the signatures
/// inside a package through ``SignatureVerifier``), so it is handed in rather than imported: SenimEvidence's
/// `EvidencePackageVerifier` implements this protocol.
public protocol EvidencePackageVerifying: Sendable {
    /// `time`, when given, is the validation time of every signature and seal in the package; nil lets each be
    /// judged at the time the package recorded for it.
    func verifyEvidencePackage(_ source: EvidencePackageSource, at time: Date?) async -> any EvidencePackageOutcome
}
