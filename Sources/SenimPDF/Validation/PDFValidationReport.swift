import SenimPKI

/// The verdict on a PDF: the ETSI report every container shares (one ``SignatureReport`` per signature, ids
/// `S-1`… in ByteRange order) and the PDF facts behind it — the revisions, what each signature covers, what
/// changed after it (the JSON body of `senimkey verify FILE.pdf --format json`).
public struct PDFValidationReport: Sendable, Codable {
    /// One revision of the file and who signed it.
    public struct Revision: Sendable, Codable {
        /// 1-based, as the text output counts.
        public let number: Int
        public let endOffset: Int
        public let crossReference: CrossReferenceKind
        /// Signature ids whose ByteRange ends at this revision.
        public var signedBy: [String]
        /// The level of what this revision changed relative to the one before (NONE for the first).
        public var modificationLevel: ModificationLevel
        public var changes: [ModificationFinding]
    }

    /// One signature's PDF facts (the report's ``SignatureReport`` with the same id has the CMS verdict).
    public struct Signature: Sendable, Codable {
        public let id: String
        public let field: String
        public let subFilter: String
        /// The revision (1-based) the ByteRange ends at, nil when it ends at none.
        public let revision: Int?
        public let byteRange: [Int]
        public let coverage: SignatureCoverage
        /// The highest level of the changes made after this signature's revision.
        public let modificationLevel: ModificationLevel
        /// What this signature's document permits after it (DocMDP of the certification signature).
        public let allowedModificationLevel: ModificationLevel
        public let docMDP: DocMDPPermission?
        public let certification: Bool
        /// Changes after this signature, each with its revision and named reason.
        public let changesAfter: [ModificationFinding]
        /// The named reasons this signature fails on in the PDF layer (ByteRange rules, disallowed changes).
        public let problems: [PDFSignatureProblem]
    }

    public var report: SignatureValidationReport

    public init(
        report: SignatureValidationReport, revisions: [Revision], signatures: [Signature], securityStore: [String: Int]?,
        refusal: String? = nil
    ) {
        self.report = report
        self.revisions = revisions
        self.signatures = signatures
        self.securityStore = securityStore
        self.refusal = refusal
    }
    public var revisions: [Revision]
    public var signatures: [Signature]
    /// Counts of what the DSS holds (certificates, CRLs, OCSP responses), when there is one.
    public var securityStore: [String: Int]?
    /// When the file was refused before any signature was looked at: the reader's named reason (`ENCRYPTED_PDF`,
    /// `BROKEN_XREF`…).
    public var refusal: String?

    public var indication: Indication { report.indication }
}

/// A named reason a signature fails in the PDF layer, even when its CMS holds.
public enum PDFSignatureProblem: String, Sendable, Codable, CaseIterable {
    /// ByteRange is not four non-negative, ordered integers.
    case byteRangeMalformed = "BYTERANGE_MALFORMED"
    /// ByteRange does not start at byte 0 (ISO 32000-2 §12.8.1).
    case byteRangeNotFromStart = "BYTERANGE_NOT_FROM_START"
    /// The hole is not exactly the `/Contents` hex string, `<` to `>` (ISO 32000-2 §12.8.1, ETSI EN 319 142-1 §5.1).
    case byteRangeHoleMismatch = "BYTERANGE_HOLE_MISMATCH"
    /// The covered bytes do not end at a revision's `%%EOF` (+ one end-of-line).
    case byteRangeNotAtRevisionEnd = "BYTERANGE_NOT_AT_REVISION_END"
    /// The signature dictionary is not an indirect object written in the file (it sits in an object stream or
    /// inline), so its `/Contents` position cannot be checked.
    case signatureDictionaryNotInFile = "SIGNATURE_DICTIONARY_NOT_IN_FILE"
    /// A `/SubFilter` this verifier does not know.
    case unsupportedSubFilter = "UNSUPPORTED_SUBFILTER"
    /// A later revision made a change the document's permission does not allow (or one no permission allows).
    case disallowedModification = "DISALLOWED_MODIFICATION"
    /// The adbe.pkcs7.sha1 encapsulated digest is not the SHA-1 of the covered bytes.
    case sha1DigestMismatch = "SHA1_DIGEST_MISMATCH"
}
