import Foundation
import SenimCMS
import SenimPKI

/// What `senimkey verify` was handed, decided in this one place from the bytes (never the file name).
///
/// - `.pdf`: starts with `%PDF-` (ISO 32000-1 §7.5.2, the header).
/// - `.evidencePackage`: a ZIP whose first entry is a stored `mimetype` (ETSI EN 319 162-1 §A.1, the ASiC
///   container an evidence package is; DESIGN.md).
/// - `.xml`: optional BOM and whitespace, then `<` (DER never starts with `<`; base64 and PEM never do).
/// - `.cms` / `.timestampResponse`: DER, PEM or base64 that parses as SignedData or TimeStampResp.
/// - `.malformedCMS`: starts like DER or decodes as text armour but does not parse: a broken CMS, reported as one.
enum InputFormat {
    case pdf
    case evidencePackage
    case xml
    case cms(SignedData)
    case timestampResponse(TimeStampResponse)
    case malformedCMS(CMSError)
    case unknown

    static func detect(_ bytes: [UInt8]) -> InputFormat {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if isASiC(bytes) { return .evidencePackage }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let first = bytes[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == 0x3C,
            !bytes[start...].starts(with: Array("-----BEGIN".utf8))
        {
            return .xml
        }
        do {
            return .cms(try SignedData(bytes: bytes))
        } catch let error {
            if let response = try? TimeStampResponse(bytes: bytes) { return .timestampResponse(response) }
            // Binary that starts like DER, or text that decodes: a CMS that is broken rather than something else.
            if bytes.first == 0x30 || (try? DERInput.decode(bytes, pemLabels: ["CMS", "PKCS7", "SIGNED DATA"])) != nil {
                return .malformedCMS(error)
            }
            return .unknown
        }
    }

    /// The formats that are read by offset rather than whole (PDF, evidence package), told from the first 64 bytes
    /// of the file, so that a 100 MB document is never loaded to learn what it is; nil for everything else.
    static func streamedFormat(atPath path: String) -> InputFormat? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: 64).map(Array.init) else { return nil }
        if prefix.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return isASiC(prefix) ? .evidencePackage : nil
    }

    /// A ZIP local file header (`PK\u{3}\u{4}`) whose entry name, at offset 30, is `mimetype` (APPNOTE §4.3.7).
    static func isASiC(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 38, bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8
        return nameLength == 8 && Array(bytes[30..<38]) == Array("mimetype".utf8)
    }
}
