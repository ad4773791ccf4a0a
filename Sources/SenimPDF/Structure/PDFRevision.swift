/// One revision of a PDF: the original file or one incremental update (ISO 32000-2 §7.5.6), as its
/// cross-reference section declares it.
public struct PDFRevision: Sendable {
    /// 0 for the original document, then one per incremental update in file order.
    public let index: Int
    /// Where this revision's cross-reference section starts (its `startxref` value).
    public let crossReferenceOffset: Int
    public let kind: CrossReferenceKind
    public let trailer: PDFDictionary
    /// The objects this revision writes (or frees); objects it does not list come from earlier revisions.
    public let entries: [Int: CrossReferenceEntry]
    /// The byte just after this revision's `%%EOF`: the revision is the file's bytes `0..<endOffset`.
    public let endOffset: Int
    /// The end-of-line after `%%EOF` (0, 1 for CR or LF, 2 for CRLF).
    public let endOfLineLength: Int

    /// Whether a ByteRange ending at `end` ends this revision: right after `%%EOF`, or after the one end-of-line
    /// that follows it (ISO 32000-2 §7.5.5; pyHanko and Acrobat accept both).
    public func isEnd(_ end: Int) -> Bool { end == endOffset || (endOfLineLength > 0 && end == endOffset + endOfLineLength) }
}
