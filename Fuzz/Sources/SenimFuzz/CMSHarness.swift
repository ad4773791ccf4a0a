import Foundation
import SenimCMS
import SenimPKI

/// `SignedData(bytes:)` and the full CAdES validation (`CMSSignatureValidator`) with the fixed trust store, CRLs and
/// time of ``Fixtures``. A detached signature is given the NCA vectors' content.
///
/// Invariant: a signature is TOTAL_PASSED only over signed bytes a seed vector's passing signature signed (its
/// content digests and signed attributes): a mutation of anything signed must not pass.
enum CMSHarness {
    static let detachedContent = Fixtures.vector("kz/cms/signed_cms_two_signers_detached.data")
    static let validator = CMSSignatureValidator(context: Fixtures.context)
    static let passing = FingerprintSet()

    static let harness = Harness(
        name: "cms", summary: "CMS SignedData + CAdES validation (fixed trust store, CRLs, time)",
        prepare: {
            for seed in Fixtures.seeds("cms") { _ = validate(seed, learning: true) }
            FileHandle.standardError.write(Data("cms: \(passing.count) passing signatures on the seeds\n".utf8))
        },
        run: { bytes in _ = validate(bytes, learning: false) })

    /// Validates one input; with `learning` the fingerprints of its passing signatures become the known set.
    static func validate(_ bytes: [UInt8], learning: Bool) -> Int {
        guard let signedData = try? SignedData(bytes: bytes) else {
            let report = Blocking.run { await validator.validate(cms: bytes, at: Fixtures.ncaSigningDay) }
            Invariant.check(report.indication != .totalPassed, "an unreadable CMS passed")
            return 0
        }
        let content: SignedContent? = signedData.isDetached ? .bytes(detachedContent) : nil
        let report = Blocking.run { await validator.validate(signedData, content: content, at: Fixtures.ncaSigningDay) }
        var passed = 0
        for (index, signature) in report.signatures.enumerated() where signature.indication == .totalPassed {
            let attributes = index < signedData.signerInfos.count ? signedData.signerInfos[index].signedAttributesForSignature : nil
            let fingerprint = SignedFingerprint.of(signature, signedAttributes: attributes)
            if learning {
                passing.insert(fingerprint)
            } else {
                Invariant.check(passing.contains(fingerprint), "signature \(signature.id) passed over bytes no seed signed: \(fingerprint)")
            }
            passed += 1
        }
        return passed
    }
}
