import Foundation

/// The media type of an upload from its first bytes (WHATWG MIME Sniffing §7 signatures for the types a
/// contract comes in), never from what the client claims: what the signer's browser shows inline must be
/// what the bytes are.
enum MediaTypeSniffer {
    static func mediaType(ofFileAt path: String, fileName: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw APIError(.unavailable("cannot read the stored upload")) }
        defer { try? handle.close() }
        let head = Array(try handle.read(upToCount: 512) ?? Data())
        return mediaType(of: head, fileName: fileName)
    }

    static func mediaType(of head: [UInt8], fileName: String) -> String {
        func starts(_ signature: [UInt8]) -> Bool { head.count >= signature.count && Array(head.prefix(signature.count)) == signature }
        let lowerName = fileName.lowercased()
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // Office Open XML documents are ZIP files; the name tells which (the bytes alone would need unzipping).
            if lowerName.hasSuffix(".docx") { return "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }
            if lowerName.hasSuffix(".xlsx") { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }
            return "application/zip"
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "application/msword" }
        let text = head.drop { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if text.first == UInt8(ascii: "<"), String(decoding: text.prefix(64), as: UTF8.self).lowercased().hasPrefix("<?xml") {
            return "application/xml"
        }
        if !head.contains(0), String(validating: head, as: UTF8.self) != nil { return "text/plain; charset=utf-8" }
        return "application/octet-stream"
    }
}
