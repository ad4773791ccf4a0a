import Foundation

/// A submitted HTML form: `application/x-www-form-urlencoded` (WHATWG URL §5) or `multipart/form-data`
/// (RFC 7578), as field values in order and, for multipart, files.
struct FormBody: Sendable {
    struct File: Sendable {
        let fileName: String
        let contentType: String?
        let bytes: [UInt8]
    }

    private(set) var fields: [(name: String, value: String)] = []
    private(set) var files: [String: File] = [:]

    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    enum FormError: Error, Equatable { case malformed, boundaryTooLong }

    /// The longest boundary RFC 2046 §5.1.1 allows.
    static let maximumBoundaryLength = 70

    /// The multipart boundary of a `Content-Type`, checked before any of the body is read; nil for other forms.
    static func boundary(of contentType: String?) throws(FormError) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else { throw .malformed }
        guard boundary.utf8.count <= maximumBoundaryLength else { throw .boundaryTooLong }
        return boundary
    }

    init(contentType: String?, body: [UInt8]) throws(FormError) {
        if let boundary = try Self.boundary(of: contentType) {
            try parseMultipart(body, boundary: boundary)
        } else {
            for pair in String(decoding: body, as: UTF8.self).split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
            }
        }
    }

    /// `+` is a space, then percent-decoding.
    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// Parts are separated by `--boundary` lines; each has headers, a blank line, and content up to the CRLF
    /// before the next delimiter. Every search is bounded by the part it is in and the boundary is at most 70
    /// bytes, so the parse is linear in the body's size.
    private mutating func parseMultipart(_ body: [UInt8], boundary: String) throws(FormError) {
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: body, from: index, before: body.count) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { throw .malformed }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            guard partStart + 2 <= body.count, body[partStart] == 0x0D, body[partStart + 1] == 0x0A else { continue }
            partStart += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: partStart, before: end) else { throw .malformed }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
            let contentEnd = max(headerEnd + 4, end - 2) // the CRLF before the delimiter belongs to it
            let content = Array(body[(headerEnd + 4)..<contentEnd])
            var name: String?
            var fileName: String?
            var contentType: String?
            for header in headers {
                let lower = header.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = Self.parameter("name", in: header)
                    fileName = Self.parameter("filename", in: header)
                } else if lower.hasPrefix("content-type:") {
                    contentType = String(header.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces)
                }
            }
            guard let name else { continue }
            if let fileName {
                files[name] = File(fileName: fileName, contentType: contentType, bytes: content)
            } else {
                fields.append((name, String(decoding: content, as: UTF8.self)))
            }
        }
    }

    /// The first `needle` that ends at or before `end`, from `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, before end: Int) -> Int? {
        let end = min(end, haystack.count)
        guard !needle.isEmpty, end >= needle.count, start <= end - needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= end - needle.count {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
