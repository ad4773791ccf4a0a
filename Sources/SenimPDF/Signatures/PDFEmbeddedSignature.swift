/// One signature field with a value (ISO 32000-2 §12.7.5.5 signature fields, §12.8.1 Table 255 signature
/// dictionary), as found in the latest revision's AcroForm.
public struct PDFEmbeddedSignature: Sendable {
    /// The fully qualified field name (`/T` of the field and its parents joined by dots).
    public let fieldName: String
    public let field: PDFReference?
    /// The signature dictionary (`/V`); nil when it is direct in the field, which PAdES does not allow.
    public let signatureReference: PDFReference?
    public let dictionary: PDFDictionary
    /// `/SubFilter` as written (unknown ones kept as text and refused by the validator).
    public let subFilterName: String
    public var subFilter: SignatureSubFilter? { SignatureSubFilter(rawValue: subFilterName) }
    /// The four integers of `/ByteRange`.
    public let byteRange: [Int]
    /// The absolute bytes of the `/Contents` hex string, `<` to `>` inclusive.
    public let contentsSpan: Range<Int>?
    /// `/Contents` decoded, trailing zero padding removed by its DER length.
    public let contents: [UInt8]
    /// `/Reference` with a DocMDP transform: this is a certification signature (§12.8.2.2).
    public let docMDP: DocMDPPermission?
    /// FieldMDP's `/Action` (All, Include, Exclude) and the named fields, when the signature locks fields (§12.8.2.4).
    public let fieldLock: (action: String, fields: [String])?
    /// `/M`, `/Name`, `/Reason`, `/Location` as written (claims, not proofs).
    public let claimedTime: String?
    public let name: String?
    public let reason: String?

    /// The covered ranges `[a, a+b)` and `[c, c+d)`.
    public var signedRanges: [Range<Int>]? {
        guard byteRange.count == 4, byteRange.allSatisfy({ $0 >= 0 }) else { return nil }
        let (a, b, c, d) = (byteRange[0], byteRange[1], byteRange[2], byteRange[3])
        guard a.addingReportingOverflow(b).overflow == false, c.addingReportingOverflow(d).overflow == false, a + b <= c else { return nil }
        return [a..<(a + b), c..<(c + d)]
    }

    /// Where the covered bytes end.
    public var coveredEnd: Int? { signedRanges?.last?.upperBound }
}

extension PDFEmbeddedSignature {
    /// The DER object at the start of `bytes` (a /Contents string is zero-padded to its reserved size).
    static func trimmedDER(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x30 else { return bytes }
        let first = Int(bytes[1])
        var length = 0
        var header = 2
        if first < 0x80 {
            length = first
        } else if first == 0x80 {
            return bytes // BER indefinite length: leave the padding, the CMS reader stops at end-of-contents
        } else {
            let count = first & 0x7F
            guard count <= 4, bytes.count >= 2 + count else { return bytes }
            for index in 0..<count { length = length << 8 | Int(bytes[2 + index]) }
            header += count
        }
        return header + length <= bytes.count ? Array(bytes[..<(header + length)]) : bytes
    }
}
