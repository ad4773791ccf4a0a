import Foundation
import SenimPKI
import SenimXMLDSig

/// `XMLSignatureValidator` on both of its paths: the libxml2 tree (`retainSignedData`, what the API uses) and the
/// streaming canonicaliser (what the CLI uses for enveloped whole-document signatures), with the fixed trust store,
/// CRLs and time of ``Fixtures``.
///
/// Invariants: the two paths give the same verdict, overall and per signature; a signature is TOTAL_PASSED only
/// over referenced data a seed's passing signature signed.
enum XMLSignatureHarness {
    static let validationTime = Fixtures.evidenceValidationTime
    static let tree = XMLSignatureValidator(context: Fixtures.context)
    static let streaming: XMLSignatureValidator = {
        var options = XMLValidationOptions()
        options.retainSignedData = false
        return XMLSignatureValidator(context: Fixtures.context, options: options)
    }()
    static let passing = FingerprintSet()

    static let harness = Harness(
        name: "xmldsig", summary: "XML-DSig validation, tree and streaming paths (same verdict)",
        prepare: {
            for seed in Fixtures.seeds("xmldsig") { check(seed, learning: true) }
            FileHandle.standardError.write(Data("xmldsig: \(passing.count) passing signatures on the seeds\n".utf8))
        },
        run: { bytes in check(bytes, learning: false) })

    static func check(_ bytes: [UInt8], learning: Bool) {
        let (treeReport, streamedReport) = Blocking.run {
            (await tree.validate(xml: bytes, at: validationTime).report, await streaming.validate(xml: bytes, at: validationTime).report)
        }
        Invariant.check(
            treeReport.indication == streamedReport.indication,
            "tree \(treeReport.indication.rawValue) but streaming \(streamedReport.indication.rawValue)")
        Invariant.check(
            treeReport.signatures.map(\.indication) == streamedReport.signatures.map(\.indication),
            "per-signature verdicts differ: tree \(treeReport.signatures.map(\.indication.rawValue)) streaming "
                + "\(streamedReport.signatures.map(\.indication.rawValue))")
        for signature in treeReport.signatures + streamedReport.signatures where signature.indication == .totalPassed {
            let fingerprint = SignedFingerprint.of(signature)
            if learning {
                passing.insert(fingerprint)
            } else {
                Invariant.check(passing.contains(fingerprint), "signature \(signature.id) passed over data no seed signed: \(fingerprint)")
            }
        }
    }
}
