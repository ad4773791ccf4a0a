import Foundation
import Hummingbird
import NIOCore

/// A `multipart/form-data` body (RFC 7578, the framing of RFC 2046 §5.1.1) read as it arrives: part headers,
/// then each part's content as chunks, so a file part goes to disk without the body ever being held in
/// memory. At most the last delimiter's length of bytes is kept back between chunks (the boundary is at most
/// 70 bytes), so the read is linear in the body's size and its memory bounded by the largest chunk.
///
/// Used strictly in order by one task: ``nextPart()``, then ``content(limit:)`` or ``contentChunks()`` read
/// to the end, then ``nextPart()`` again.
final class MultipartReader: @unchecked Sendable {
    struct Part: Sendable, Hashable {
        let name: String
        /// Present for a file part (`filename=` in its `Content-Disposition`), even when empty.
        let fileName: String?
    }

    /// The longest part header block read; more is not a form a browser sends.
    static let maximumHeaderLength = 16 << 10

    private var body: RequestBody.AsyncIterator
    private var buffer: [UInt8] = []
    private var bodyEnded = false
    private let opening: [UInt8]
    private let delimiter: [UInt8]
    private var state = State.preamble

    private enum State { case preamble, betweenParts, inContent, finished }

    init(body: RequestBody, boundary: String) {
        self.body = body.makeAsyncIterator()
        opening = Array("--\(boundary)".utf8)
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// The next part's headers; nil after the closing delimiter.
    func nextPart() async throws(FormBody.FormError) -> Part? {
        if state == .preamble {
            // The preamble (usually empty) ends at the first delimiter, which may open the body.
            try await skip(through: opening)
            state = .betweenParts
        }
        if state == .inContent {
            for try await _ in contentChunks() {}
        }
        guard state == .betweenParts else { return nil }
        // After a delimiter: `--` closes the body; otherwise (after optional padding) a CRLF opens a part.
        try await fill(atLeast: 2)
        if buffer.starts(with: [0x2D, 0x2D]) {
            state = .finished
            return nil
        }
        let lineEnd = try await index(of: [0x0D, 0x0A], within: 256)
        buffer.removeFirst(lineEnd + 2)
        let headerEnd = try await index(of: Array("\r\n\r\n".utf8), within: Self.maximumHeaderLength)
        let headers = String(decoding: buffer[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeFirst(headerEnd + 4)
        state = .inContent
        var name: String?
        var fileName: String?
        for header in headers where header.lowercased().hasPrefix("content-disposition:") {
            name = FormBody.parameter("name", in: header)
            fileName = FormBody.parameter("filename", in: header)
        }
        return Part(name: name ?? "", fileName: fileName)
    }

    /// The current part's content, at most `limit` bytes.
    func content(limit: Int) async throws(FormBody.FormError) -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in contentChunks() {
            guard bytes.count + chunk.count <= limit else { throw .tooLarge }
            bytes += chunk
        }
        return bytes
    }

    /// The current part's content as it arrives, up to the delimiter that ends it.
    func contentChunks() -> ContentChunks { ContentChunks(reader: self) }

    struct ContentChunks: AsyncSequence, Sendable {
        typealias Element = [UInt8]
        typealias Failure = FormBody.FormError
        let reader: MultipartReader
        struct AsyncIterator: AsyncIteratorProtocol {
            typealias Failure = FormBody.FormError
            let reader: MultipartReader
            mutating func next() async throws(FormBody.FormError) -> [UInt8]? { try await reader.nextContentChunk() }
            mutating func next(isolation actor: isolated (any Actor)?) async throws(FormBody.FormError) -> [UInt8]? {
                try await reader.nextContentChunk()
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }
    }

    private func nextContentChunk() async throws(FormBody.FormError) -> [UInt8]? {
        guard state == .inContent else { return nil }
        while true {
            if let found = Self.find(delimiter, in: buffer) {
                let chunk = Array(buffer[..<found])
                buffer.removeFirst(found + delimiter.count)
                state = .betweenParts
                return chunk.isEmpty ? nil : chunk
            }
            // Everything but a possible delimiter's beginning at the end is content.
            let safe = buffer.count - (delimiter.count - 1)
            if safe > 0 {
                let chunk = Array(buffer[..<safe])
                buffer.removeFirst(safe)
                return chunk
            }
            guard try await readMore() else { throw .malformed }
        }
    }

    private func skip(through needle: [UInt8]) async throws(FormBody.FormError) {
        while true {
            if let found = Self.find(needle, in: buffer) {
                buffer.removeFirst(found + needle.count)
                return
            }
            // The preamble is not kept: only a possible beginning of the delimiter.
            if buffer.count >= needle.count { buffer.removeFirst(buffer.count - (needle.count - 1)) }
            guard try await readMore() else { throw .malformed }
        }
    }

    private func index(of needle: [UInt8], within limit: Int) async throws(FormBody.FormError) -> Int {
        while true {
            if let found = Self.find(needle, in: buffer), found <= limit { return found }
            guard buffer.count <= limit + needle.count else { throw .malformed }
            guard try await readMore() else { throw .malformed }
        }
    }

    private func fill(atLeast count: Int) async throws(FormBody.FormError) {
        while buffer.count < count { guard try await readMore() else { throw .malformed } }
    }

    private func readMore() async throws(FormBody.FormError) -> Bool {
        guard !bodyEnded else { return false }
        let next: ByteBuffer?
        do { next = try await body.next() } catch { throw .unreadable }
        guard let next else {
            bodyEnded = true
            return false
        }
        buffer += Array(buffer: next)
        return true
    }

    /// The first `needle` in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
