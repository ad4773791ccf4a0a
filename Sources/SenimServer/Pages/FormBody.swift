import Foundation
import Hummingbird
import NIOCore

/// A submitted HTML form of fields: `application/x-www-form-urlencoded` (WHATWG URL §5) or
/// `multipart/form-data` (RFC 7578, read by ``MultipartReader``, the one multipart parser, which also streams
/// the upload form's file), as field values in order.
struct FormBody: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    enum FormError: Error, Equatable { case malformed, boundaryTooLong, tooLarge, unreadable }

    /// The longest boundary RFC 2046 §5.1.1 allows.
    static let maximumBoundaryLength = 70

    /// The multipart boundary of a `Content-Type`, checked before any of the body is read; nil for other forms.
    static func boundary(of contentType: String?) throws(FormError) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else { throw .malformed }
        guard boundary.utf8.count <= maximumBoundaryLength else { throw .boundaryTooLong }
        return boundary
    }

    /// A form's fields from its body, at most `limit` bytes of it.
    static func read(_ request: Request, limit: Int) async throws(FormError) -> FormBody {
        let contentType = request.headers[.contentType]
        if let boundary = try boundary(of: contentType) {
            let reader = MultipartReader(body: request.body, boundary: boundary)
            var fields: [(name: String, value: String)] = []
            var left = limit
            while let part = try await reader.nextPart() {
                let content = try await reader.content(limit: left)
                left -= content.count
                if part.fileName == nil { fields.append((part.name, String(decoding: content, as: UTF8.self))) }
            }
            return FormBody(fields: fields)
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: limit) } catch { throw .tooLarge }
        return FormBody(urlEncoded: Array(buffer: body))
    }

    init(urlEncoded body: [UInt8]) {
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
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
}
