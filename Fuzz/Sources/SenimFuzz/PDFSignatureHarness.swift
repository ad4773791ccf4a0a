import Foundation
import SenimPDF
import SenimPKI

/// `PDFSignatureValidator`: signature fields, ByteRange rules, the embedded CMS over the ByteRange, DocMDP and the
/// modification analysis of later revisions, with the fixed trust store, CRLs and time of ``Fixtures``.
///
/// Invariant: a signature is TOTAL_PASSED only over ByteRange bytes a seed's passing signature signed.
enum PDFSignatureHarness {
    static let validator = PDFSignatureValidator(context: Fixtures.context)
    static let passing = FingerprintSet()

    static let harness = Harness(
        name: "pdf-signature", summary: "PDF signature validation: ByteRange, CMS, DocMDP, modifications",
        prepare: {
            let vectors = Fixtures.files(in: Fixtures.repository.appendingPathComponent("testvectors/pdf"))
            for seed in vectors where seed.starts(with: Array("%PDF".utf8)) { check(seed, learning: true) }
            FileHandle.standardError.write(Data("pdf-signature: \(passing.count) passing signatures on the seeds\n".utf8))
        },
        run: { bytes in check(bytes, learning: false) })

    static func check(_ bytes: [UInt8], learning: Bool) {
        let report = Blocking.run { await validator.validate(bytes: bytes, at: Fixtures.pdfValidationTime) }
        for signature in report.report.signatures where signature.indication == .totalPassed {
            let fingerprint = SignedFingerprint.of(signature)
            if learning {
                passing.insert(fingerprint)
            } else {
                Invariant.check(passing.contains(fingerprint), "signature \(signature.id) passed over bytes no seed signed: \(fingerprint)")
            }
        }
    }
}
