import Foundation
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimVerify
import SenimWorkflow

/// A received EDS verified by the toolkit itself (never by the tool that made it): the facts the workflow
/// decides on, and the full report, which the evidence package carries.
struct VerifiedSignature: Sendable {
    let bytes: [UInt8]
    let evidence: SignatureEvidence.EDS
    let report: SignatureValidationReport
}

/// Verifies what NCALayer (CMS) and eGov mobile (CMS or XML) send back, against the stored document, through
/// the library's one entry point (``SignatureVerifier``) and its one format detector.
struct SignatureIntake: Sendable {
    let validation: ValidationContext

    private var verifier: SignatureVerifier { SignatureVerifier(context: validation) }

    /// A CMS over the document: attached (its content must be the document's bytes) or detached (checked
    /// against the stored file). Exactly one signer: NCALayer and eGov mobile sign with one key.
    func verifyCMS(_ bytes: [UInt8], document: SenimWorkflow.Document, documentPath: String, at time: Date) async throws(APIError)
        -> VerifiedSignature
    {
        let signedData: SignedData
        switch SignatureFormatDetector.detect(bytes) {
        case .cms(let parsed), .timestampToken(let parsed, _): signedData = parsed
        default: throw APIError(.unreadableSignature(.notCMS))
        }
        guard signedData.signerInfos.count == 1 else { throw APIError(.unreadableSignature(.signerCount(signedData.signerInfos.count))) }
        let report: SignatureValidationReport
        if let attached = signedData.encapsulatedContent {
            guard Hex.encode(DigestAlgorithm.sha256.hash(attached)) == document.sha256 else {
                throw APIError(.workflow(.documentDigestMismatch))
            }
            report = await verifier.verifyCMS(signedData, content: nil, at: time)
        } else {
            report = await verifier.verifyCMS(signedData, content: .file(path: documentPath), at: time)
        }
        return try verified(
            signedData.derEncoded, report: report, format: (report.signatures.first?.format ?? .cms).rawValue,
            signatureValue: signedData.signerInfos[0].signature)
    }

    /// An XML signature (eGov mobile's XML method) of the statement naming the document: valid, and what it
    /// signed names the document's id and SHA-256 (``DocumentStatement/bind(_:to:)``, the rule the evidence
    /// verifier applies again).
    func verifyXML(_ bytes: [UInt8], document: SenimWorkflow.Document, at time: Date) async throws(APIError) -> VerifiedSignature {
        let verification = await verifier.verifyXML(bytes, at: time, naming: DocumentReference(id: document.id, sha256: document.sha256))
        let count = verification.validation.report.signatures.count
        guard count == 1 else { throw APIError(.unreadableSignature(.xmlSignatureCount(count))) }
        return try verified(
            bytes, report: verification.report, format: SignatureFormat.xmlDSig.rawValue,
            signatureValue: verification.validation.signatureValues.first ?? [])
    }

    private func verified(
        _ bytes: [UInt8], report: SignatureValidationReport, format: String,
        signatureValue: [UInt8]
    ) throws(APIError) -> VerifiedSignature {
        let signature = report.signatures.first
        let signer = signature?.signer
        let claimed = ([signature?.claimedSigningTime] + (signature?.timestamps.map(\.genTime) ?? [])).compactMap { $0 }.min()
        let evidence = SignatureEvidence.EDS(
            format: format, signatureSHA256: Hex.encode(DigestAlgorithm.sha256.hash(bytes)), indication: report.indication,
            subIndication: report.subIndication, signerIIN: signer?.iin, signerBIN: signer?.bin, roles: signer?.roles ?? [],
            signatureValueSHA256: Hex.encode(DigestAlgorithm.sha256.hash(signatureValue)), claimedSigningTime: claimed)
        return VerifiedSignature(bytes: bytes, evidence: evidence, report: report)
    }

    /// How much earlier than the document's sending a signer's signature may claim to be made (clocks differ).
    static let signingTimeTolerance: TimeInterval = 300

    /// A signer's signature that claims (or whose timestamp proves) a time before the document was sent to them
    /// was made for something else first: it is flagged in its report, which the evidence package and the
    /// arbitration report carry. Not refused: a partner's PDF may arrive signed, legitimately before upload.
    static func flagEarlySigning(_ verified: VerifiedSignature, sentAt: Date?) -> VerifiedSignature {
        guard let sentAt, let claimed = verified.evidence.claimedSigningTime, claimed < sentAt.addingTimeInterval(-signingTimeTolerance)
        else {
            return verified
        }
        var report = verified.report
        let note =
            "the signing time \(ISO8601DateFormatter().string(from: claimed)) is earlier than the document was sent for signing "
            + "(\(ISO8601DateFormatter().string(from: sentAt))): this signature was made before this document reached the signer"
        report.messages.append(note)
        for index in report.signatures.indices { report.signatures[index].messages.append(note) }
        return VerifiedSignature(bytes: verified.bytes, evidence: verified.evidence, report: report)
    }

    /// The statement eGov mobile's XML method signs: the document's name and both digests, so the signature is
    /// of these exact bytes (XML-DSig cannot sign a PDF itself).
    static func statement(for document: SenimWorkflow.Document) -> String {
        DocumentStatement.text(documentID: document.id, fileName: document.fileName, sha256: document.sha256, gost34311: document.gost34311)
    }
}

/// The two EDS containers the external tools return.
public enum EDSFormat: String, Sendable, Codable {
    case cms, xml

    /// XML when ``SignatureFormatDetector`` says so (an optional byte-order mark at the start, white space,
    /// then `<`); anything else is taken for CMS (DER or BER), whose reader then says what is wrong with it.
    static func of(_ bytes: [UInt8]) -> EDSFormat { SignatureFormatDetector.isXML(bytes) ? .xml : .cms }
}
