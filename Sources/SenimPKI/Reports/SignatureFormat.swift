/// The format a signature report names (`format` in the report JSON), from the most basic to the baseline
/// level it meets: CMS (RFC 5652) → CAdES baseline B/T (ETSI EN 319 122-1 §6), XML-DSig, PAdES baseline B/T
/// (EN 319 142-1 §6) and the PDF sub-filters that are not PAdES, RFC 3161 tokens, and the platform's seal of a
/// simple signature. The JSON keeps the strings the reports always had (the raw values).
public enum SignatureFormat: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A CMS SignedData signer that meets no CAdES baseline level.
    case cms
    /// CAdES-BASELINE-B: a signing-certificate reference (v2, no SHA-1, once) in the signed attributes.
    case cadesBaselineB
    /// CAdES-BASELINE-T: B plus a valid signature timestamp.
    case cadesBaselineT
    /// CAdES-BASELINE-LT: T plus the validation data (certificates and revocation data) in the signature.
    case cadesBaselineLT
    /// CAdES-BASELINE-LTA: LT plus a valid archive-time-stamp-v3 (EN 319 122-1 §5.5.3).
    case cadesBaselineLTA
    /// A countersignature (RFC 5652 §11.4) that could not be read.
    case cmsCountersignature
    /// An RFC 3161 timestamp token judged on its own.
    case timeStampToken
    /// An XML signature (XML-DSig 1.1).
    case xmlDSig
    /// The platform's CMS seal over an SMS-OTP simple signature record.
    case sesSeal
    /// PAdES-BASELINE-B (`ETSI.CAdES.detached`).
    case padesBaselineB
    /// PAdES-BASELINE-T: B plus a signature timestamp.
    case padesBaselineT
    /// A PAdES document timestamp (`ETSI.RFC3161`).
    case padesDocumentTimestamp
    /// A PDF signature of another sub-filter (`adbe.pkcs7.detached`, `adbe.pkcs7.sha1`, or whatever the file
    /// names), reported as `PDF <sub-filter>`.
    case pdf(subFilter: String)

    static let named: [(SignatureFormat, String)] = [
        (.cms, "CMS"), (.cadesBaselineB, "CAdES-BASELINE-B"), (.cadesBaselineT, "CAdES-BASELINE-T"),
        (.cadesBaselineLT, "CAdES-BASELINE-LT"), (.cadesBaselineLTA, "CAdES-BASELINE-LTA"),
        (.cmsCountersignature, "CMS countersignature"), (.timeStampToken, "TimeStampToken"), (.xmlDSig, "XMLDSig"),
        (.sesSeal, "SES seal"), (.padesBaselineB, "PAdES-BASELINE-B"), (.padesBaselineT, "PAdES-BASELINE-T"),
        (.padesDocumentTimestamp, "PAdES document timestamp"),
    ]
    static let pdfPrefix = "PDF "

    /// The name the reports print.
    public var rawValue: String {
        if case .pdf(let subFilter) = self { return Self.pdfPrefix + subFilter }
        return Self.named.first { $0.0 == self }?.1 ?? ""
    }

    /// The format a report names; nil for a name no report writes.
    public init?(rawValue: String) {
        if let known = Self.named.first(where: { $0.1 == rawValue }) {
            self = known.0
        } else if rawValue.hasPrefix(Self.pdfPrefix) {
            self = .pdf(subFilter: String(rawValue.dropFirst(Self.pdfPrefix.count)))
        } else {
            return nil
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let format = SignatureFormat(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown signature format \(name)"))
        }
        self = format
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
