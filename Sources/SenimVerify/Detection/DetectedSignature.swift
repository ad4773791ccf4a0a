import SenimCMS

/// What a signature input is, as ``SignatureFormatDetector`` decided it from the bytes, with what was parsed on
/// the way (so nothing is decoded twice).
public enum DetectedSignature: Sendable {
    /// `%PDF-` at offset 0 (ISO 32000-1 §7.5.2): its signatures are embedded; the PDF reader reads by offset.
    case pdf
    /// A ZIP whose first entry is a stored `mimetype` (ETSI EN 319 162-1 §A.1): an evidence package.
    case evidencePackage
    /// An XML document (optional UTF-8 byte-order mark, whitespace, then `<`): an XML signature.
    case xml
    /// A CMS SignedData (RFC 5652 §5.1) in DER, PEM or base64, other than a timestamp token.
    case cms(SignedData)
    /// A CMS SignedData whose content is a TSTInfo (RFC 3161 §2.4.2): a standalone timestamp token.
    case timestampToken(SignedData, TimeStampToken)
    /// An RFC 3161 TimeStampResp (§2.4.2): a status and, when granted, a token.
    case timestampResponse(TimeStampResponse)
    /// Starts like DER (a SEQUENCE) or decodes as PEM or base64, but is not a SignedData: a broken CMS, which is
    /// reported as one (an unreadable signature), not as an unknown file.
    case malformedCMS(CMSError)
    /// None of the above.
    case unknown

    /// The format's name in sentences and logs (never a Swift type name).
    public var name: String {
        switch self {
        case .pdf: return "PDF"
        case .evidencePackage: return "evidence package"
        case .xml: return "XML signature"
        case .cms: return "CMS"
        case .timestampToken: return "RFC 3161 timestamp token"
        case .timestampResponse: return "RFC 3161 timestamp response"
        case .malformedCMS: return "malformed CMS"
        case .unknown: return "unknown"
        }
    }
}
