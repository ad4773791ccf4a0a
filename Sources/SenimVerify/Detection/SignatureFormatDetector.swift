import Foundation
import SenimCMS
import SenimPKI
import SwiftASN1

/// The one place that decides what a signature input is, from its bytes (never from a file name or a media
/// type a client claims). The CLI's `verify`, the platform's signature intake and ``SignatureVerifier`` all
/// ask it, so they cannot disagree (they did: one skipped any mix of byte-order-mark bytes and whitespace, the
/// other only a leading mark).
///
/// In order, first match wins:
/// 1. PDF: `%PDF-` at offset 0 (ISO 32000-1 §7.5.2, the file header).
/// 2. Evidence package: a ZIP local file header (`PK\u{3}\u{4}`, APPNOTE §4.3.7) whose first entry is named
///    `mimetype` (ETSI EN 319 162-1 §A.1, the ASiC container).
/// 3. XML: an optional UTF-8 byte-order mark (EF BB BF, only at offset 0, as XML 1.0 §4.3.3 allows), then
///    XML white space (§2.3: space, tab, CR, LF), then `<`. DER never starts with `<`, and PEM and base64
///    never do.
/// 4. CMS, timestamp token or timestamp response: DER, PEM or base64 that parses as a SignedData (RFC 5652),
///    whose TSTInfo content makes it a token (RFC 3161 §2.4.2), or as a TimeStampResp.
/// 5. A broken CMS: starts with a DER SEQUENCE tag (0x30) or decodes from text armour, but parses as neither.
public enum SignatureFormatDetector {
    /// The prefix the streamed formats are told from: enough for the PDF header and the first ZIP entry name.
    public static let prefixLength = 64

    public static func detect(_ bytes: [UInt8]) -> DetectedSignature {
        if isPDF(bytes) { return .pdf }
        if isEvidencePackage(bytes) { return .evidencePackage }
        if isXML(bytes) { return .xml }
        do {
            let signedData = try SignedData(bytes: bytes)
            if signedData.encapsulatedContentType == .CMS.tstInfo, let token = try? TimeStampToken(signedData: signedData) {
                return .timestampToken(signedData, token)
            }
            return .cms(signedData)
        } catch let error {
            if let response = try? TimeStampResponse(bytes: bytes) { return .timestampResponse(response) }
            // Binary that starts like DER, or text that decodes: a CMS that is broken rather than something else.
            if bytes.first == 0x30 || (try? DERInput.decode(bytes, pemLabels: ["CMS", "PKCS7", "SIGNED DATA"])) != nil {
                return .malformedCMS(error)
            }
            return .unknown
        }
    }

    /// The formats that are read by offset rather than whole (PDF, evidence package), told from the first
    /// ``prefixLength`` bytes of the file, so a 100 MB document is never loaded to learn what it is; nil for
    /// every other format and for a file that cannot be read (the caller's read then reports why).
    public static func streamedFormat(atPath path: String) -> DetectedSignature? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: prefixLength).map(Array.init) else { return nil }
        if isPDF(prefix) { return .pdf }
        return isEvidencePackage(prefix) ? .evidencePackage : nil
    }

    /// `%PDF-` at offset 0.
    public static func isPDF(_ bytes: [UInt8]) -> Bool { bytes.starts(with: pdfHeader) }

    /// A ZIP local file header whose entry name (its length at offset 26, the name at offset 30) is `mimetype`.
    public static func isEvidencePackage(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 38, bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8
        return nameLength == 8 && bytes[30..<38].elementsEqual("mimetype".utf8)
    }

    /// An optional byte-order mark at offset 0, XML white space, then `<`.
    public static func isXML(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(byteOrderMark.count) : bytes[...]
        return body.first { !xmlWhiteSpace.contains($0) } == UInt8(ascii: "<")
    }

    static let pdfHeader = Array("%PDF-".utf8)
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// XML 1.0 §2.3 `S`: space, tab, LF, CR.
    static let xmlWhiteSpace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
}
