import SenimCMS
import SenimPDF
import SenimPKI
import SenimXMLDSig

/// What ``SignatureVerifier`` found: the ETSI EN 319 102-1 report for every format, with what only some
/// formats have beside it (the PDF revisions, the evidence package's steps).
public enum SignatureVerification: Sendable {
    /// A CMS (with its signed data), a timestamp token or response, a broken CMS: the report.
    case cms(SignatureValidationReport, DetectedSignature)
    /// An XML signature: the report and what each reference covered.
    case xml(XMLVerification)
    /// A PDF: the report of its embedded signatures and the revisions they cover.
    case pdf(PDFValidationReport)
    /// An evidence package, verified by the ``EvidencePackageVerifying`` the verifier was given.
    case evidencePackage(any EvidencePackageOutcome)

    /// The overall verdict.
    public var indication: Indication {
        switch self {
        case .cms(let report, _): return report.indication
        case .xml(let verification): return verification.report.indication
        case .pdf(let result): return result.indication
        case .evidencePackage(let outcome): return outcome.indication
        }
    }

    /// The signature validation report; nil for an evidence package, whose steps are its own report.
    public var report: SignatureValidationReport? {
        switch self {
        case .cms(let report, _): return report
        case .xml(let verification): return verification.report
        case .pdf(let result): return result.report
        case .evidencePackage: return nil
        }
    }
}

/// An XML signature's verification: the report (with the rule that the signed XML names the document applied
/// when a document was given) and the validator's own result (what each reference covered, each
/// `ds:SignatureValue`).
public struct XMLVerification: Sendable {
    public let report: SignatureValidationReport
    public let validation: XMLValidationResult

    /// The canonical octets every reference of every signature covered.
    public var signedOctets: [[UInt8]] { validation.signedData.flatMap { $0 }.map(\.canonicalBytes) }
}
