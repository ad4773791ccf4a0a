import Foundation
import SenimCMS
import SenimPDF
import SenimPKI
import SenimXMLDSig

/// The library's one entry point for validating a signature: bytes (or a file), the detached content when the
/// signature does not carry it, and a validation context in; the ETSI EN 319 102-1 report out. It asks
/// ``SignatureFormatDetector`` what the input is and runs the validator for it: CMS/CAdES (RFC 5652, EN 319
/// 122-1), XML-DSig, an RFC 3161 timestamp (token or response), a PDF (PAdES, ISO 32000-2 §12.8), and, through
/// ``EvidencePackageVerifying``, an evidence package.
///
/// Why this layer: above SenimCMS, SenimXMLDSig and SenimPDF, because combining them is its whole job; below
/// SenimEvidence, because the evidence package verifier validates the signatures inside a package with it (so
/// a signature is judged by the same rules when it arrives and years later, offline). The package verifier
/// itself plugs in from above through a protocol. The CLI's `verify`, the platform's signature intake and the
/// evidence package verifier all call this type.
///
/// ```swift
/// let verifier = SignatureVerifier(context: ValidationContext(trustStore: store))
/// let verification = try await verifier.verify(bytes, detachedContent: .bytes(document), at: nil)
/// verification.indication  // .totalPassed
/// ```
public struct SignatureVerifier: Sendable {
    public let context: ValidationContext
    public let xmlOptions: XMLValidationOptions
    public let evidencePackages: (any EvidencePackageVerifying)?

    public init(
        context: ValidationContext, xmlOptions: XMLValidationOptions = XMLValidationOptions(),
        evidencePackages: (any EvidencePackageVerifying)? = nil
    ) {
        self.context = context
        self.xmlOptions = xmlOptions
        self.evidencePackages = evidencePackages
    }

    // MARK: The one entry point

    /// Detects what `bytes` are and validates them at `time` (now when nil; for an evidence package, nil lets
    /// each signature be judged at the time the package recorded). `detachedContent` is the signed content of a
    /// detached CMS, or the stamped data of a timestamp; XML, PDF and evidence packages carry their own.
    public func verify(_ bytes: [UInt8], detachedContent: SignedContent? = nil, at time: Date? = nil)
        async throws(SignatureVerificationError) -> SignatureVerification
    {
        let detected = SignatureFormatDetector.detect(bytes)
        switch detected {
        case .pdf: return .pdf(await PDFSignatureValidator(context: context).validate(bytes: bytes, at: time))
        case .evidencePackage: return try await verifyEvidencePackage(.bytes(bytes), at: time)
        default: return try await verify(detected, bytes: bytes, detachedContent: detachedContent, at: time ?? Date())
        }
    }

    /// The same for a file: a PDF or an evidence package is read by offset, never loaded whole; anything else is
    /// read and detected as ``verify(_:detachedContent:at:)`` does.
    public func verify(fileAt path: String, detachedContent: SignedContent? = nil, at time: Date? = nil)
        async throws(SignatureVerificationError) -> SignatureVerification
    {
        switch SignatureFormatDetector.streamedFormat(atPath: path) {
        case .pdf?: return .pdf(await verifyPDF(atPath: path, at: time))
        case .evidencePackage?: return try await verifyEvidencePackage(.file(path: path), at: time)
        default: break
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try await verify(Array(data), detachedContent: detachedContent, at: time)
    }

    /// Validates what the detector found (for callers that detected first, as the CLI does to stream a PDF).
    public func verify(_ detected: DetectedSignature, bytes: [UInt8], detachedContent: SignedContent?, at time: Date)
        async throws(SignatureVerificationError) -> SignatureVerification
    {
        switch detected {
        case .pdf, .evidencePackage, .unknown:
            throw .unrecognisedFormat
        case .xml:
            return .xml(await verifyXML(bytes, at: time))
        case .cms(let signedData):
            return .cms(await verifyCMS(signedData, content: detachedContent, at: time), detected)
        case .timestampToken(let signedData, let token):
            let report = await verifyCMS(signedData, content: detachedContent, at: time)
            return .cms(await standaloneTimestamp(report, token: token, data: detachedContent, at: time), detected)
        case .timestampResponse(let response):
            guard let token = response.token else {
                throw .timestampResponseWithoutToken(status: response.status, statusText: response.statusText)
            }
            let report = await verifyCMS(token.signedData, content: nil, at: time)
            // A token whose content is not a TSTInfo cannot be parsed as one, so this is always a timestamp.
            return .cms(await standaloneTimestamp(report, token: token, data: detachedContent, at: time), detected)
        case .malformedCMS(let error):
            let report = SignatureValidationReport.unreadable(
                container: "CMS", validationTime: time, policy: context.policyReference, reason: error.description)
            return .cms(report, detected)
        }
    }

    // MARK: One format each

    /// A CMS signature (RFC 5652 §5.6, EN 319 122-1 for CAdES) over its attached content or `content`.
    public func verifyCMS(_ signedData: SignedData, content: SignedContent?, at time: Date?) async -> SignatureValidationReport {
        await CMSSignatureValidator(context: context).validate(signedData, content: content, at: time)
    }

    /// The same from bytes (DER, PEM or base64); bytes that are no CMS give an unreadable report (FORMAT_FAILURE).
    public func verifyCMS(bytes: [UInt8], content: SignedContent?, at time: Date?) async -> SignatureValidationReport {
        await CMSSignatureValidator(context: context).validate(cms: bytes, content: content, at: time)
    }

    /// An XML signature; with `document`, also the rule that what it signed names that document
    /// (``DocumentStatement/bind(_:to:)``).
    public func verifyXML(_ bytes: [UInt8], at time: Date?, naming document: DocumentReference? = nil) async -> XMLVerification {
        var options = xmlOptions
        if document != nil { options.retainSignedData = true } // the rule reads what was signed
        let result = await XMLSignatureValidator(context: context, options: options).validate(xml: bytes, at: time)
        return XMLVerification(report: document.map { DocumentStatement.bind(result, to: $0) } ?? result.report, validation: result)
    }

    /// A PDF's embedded signatures (ISO 32000-2 §12.8), the file read by offset through a bounded reader.
    public func verifyPDF(atPath path: String, at time: Date?) async -> PDFValidationReport {
        await PDFSignatureValidator(context: context).validate(path: path, at: time)
    }

    /// An evidence package, through the verifier SenimEvidence provides.
    public func verifyEvidencePackage(_ source: EvidencePackageSource, at time: Date?)
        async throws(SignatureVerificationError) -> SignatureVerification
    {
        guard let evidencePackages else { throw .evidencePackagesNotSupported }
        return .evidencePackage(await evidencePackages.verifyEvidencePackage(source, at: time))
    }

    /// A CMS whose content is a TSTInfo is a standalone timestamp: its verdict is the timestamp's (the TSA's path
    /// at genTime, the imprint against the data; RFC 3161 §2.4.2), not the CMS signer's at the validation time.
    func standaloneTimestamp(_ report: SignatureValidationReport, token: TimeStampToken, data: SignedContent?, at time: Date) async
        -> SignatureValidationReport
    {
        guard var signature = report.signatures.first else { return report }
        var timestamp = await TimestampValidator(context: context).validate(
            token: token, type: .standalone, imprintedData: data ?? .digests([:]), validationTime: time)
        if data == nil { timestamp.messages.append("no --data given: the message imprint was not checked") }
        signature.format = .timeStampToken
        signature.indication = timestamp.indication
        signature.subIndication = timestamp.subIndication
        signature.messages = timestamp.messages
        signature.bestSignatureTime = token.info.genTime
        signature.intact = timestamp.imprintMatches
        signature.chain = timestamp.chain
        signature.chainTrusted = timestamp.chainTrusted
        signature.revocation = nil
        signature.certificateValidation = nil
        signature.timestamps = [timestamp]
        return SignatureValidationReport(
            container: "TimeStampToken", validationTime: report.validationTime, policy: context.policyReference, signatures: [signature])
    }
}
