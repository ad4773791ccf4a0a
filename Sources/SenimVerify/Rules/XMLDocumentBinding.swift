import SenimPKI
import SenimXMLDSig

/// The document an XML signature must name: its id (when known; the platform's document id, as the audit log
/// records it) and its SHA-256 (lowercase hex).
public struct DocumentReference: Sendable, Hashable {
    public let id: String?
    public let sha256: String

    public init(id: String?, sha256: String) {
        self.id = id
        self.sha256 = sha256
    }
}

extension DocumentStatement {
    /// The sentence a signature that fails the rule carries.
    public static let notNamedMessage = "the signed XML does not name this document's id and SHA-256"

    /// The rule "the signed XML names the document", applied to a validated XML signature: the one place the
    /// platform (when a signature arrives) and the evidence package verifier (again, offline) decide it. When
    /// no signed octet string names `document` (``names(_:documentID:sha256:)``), every signature fails with
    /// SIGNED_DATA_NOT_FOUND (ETSI EN 319 102-1 §5.2.8: the signed data object the signature is claimed for is
    /// not what it covers), and the report's verdict is recombined; otherwise the report is unchanged.
    public static func bind(_ result: XMLValidationResult, to document: DocumentReference) -> SignatureValidationReport {
        var report = result.report
        let signed = result.signedData.flatMap { $0 }.map(\.canonicalBytes)
        guard !names(signed, documentID: document.id, sha256: document.sha256) else { return report }
        report.failEverySignature(.signedDataNotFound, notNamedMessage)
        return report.recombined(container: "XML")
    }
}
