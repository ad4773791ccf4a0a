import Foundation
import SenimEvidence
import SenimPKI

/// `EvidencePackageVerifier.verify(packageBytes:at:)`: the container, the sealed manifest, every member's digest,
/// the CMS, XML and SMS-OTP signatures, the audit chain and the log proofs, at a fixed time.
///
/// Invariant: a package is TOTAL_PASSED only with the manifest and the document of a seed package: a mutation of
/// anything the seal covers must not pass.
enum EvidencePackageHarness {
    static let verifier = EvidencePackageVerifier(context: Fixtures.context, usesPackagePolicy: true)
    static let passing = FingerprintSet()

    static let harness = Harness(
        name: "evidence", summary: "evidence package reader + verifier (fixed trust store and time)",
        prepare: {
            for seed in [Fixtures.vector("evidence/sample.asice")] { check(seed, learning: true) }
            FileHandle.standardError.write(Data("evidence: \(passing.count) passing packages on the seeds\n".utf8))
        },
        run: { bytes in check(bytes, learning: false) })

    static func check(_ bytes: [UInt8], learning: Bool) {
        let verification = Blocking.run { await verifier.verify(packageBytes: bytes, at: Fixtures.evidenceValidationTime) }
        guard verification.overall == .totalPassed else { return }
        let fingerprint = "\(verification.manifestSHA256 ?? "-")/\(verification.document?.sha256 ?? "-")"
        if learning {
            passing.insert(fingerprint)
        } else {
            Invariant.check(passing.contains(fingerprint), "a package passed with a manifest or document no seed had: \(fingerprint)")
        }
    }
}
