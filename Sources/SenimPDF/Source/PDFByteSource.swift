import Foundation

/// Random access to a PDF's bytes without holding them all: the reader only ever asks for windows (the tail,
/// a cross-reference section, one object), and hashing a ByteRange reads it in chunks. A 100 MB PDF is never
/// in memory at once (issue 23: peak RSS < 64 MB).
public protocol PDFByteSource: Sendable {
    var count: Int { get }
    /// The bytes in `range` clamped to the file; fewer than asked at the end of the file.
    func read(_ range: Range<Int>) throws(PDFError) -> [UInt8]
}

/// A PDF already in memory (uploads, tests).
public struct PDFMemorySource: PDFByteSource {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var count: Int { bytes.count }
    public func read(_ range: Range<Int>) throws(PDFError) -> [UInt8] {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return Array(bytes[lower..<upper])
    }
}

/// A PDF on disk, read with `pread` so concurrent reads need no shared position.
public final class PDFFileSource: PDFByteSource, @unchecked Sendable {
    private let descriptor: Int32
    public let count: Int

    public init(path: String) throws(PDFError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable("cannot open \(path)") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw .unreadable("cannot stat \(path)")
        }
        self.descriptor = descriptor
        self.count = Int(info.st_size)
    }

    deinit { close(descriptor) }

    public func read(_ range: Range<Int>) throws(PDFError) -> [UInt8] {
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        var buffer = [UInt8](repeating: 0, count: upper - lower)
        var done = 0
        while done < buffer.count {
            let got = buffer.withUnsafeMutableBytes { pointer -> Int in
                guard let base = pointer.baseAddress else { return -1 }
                return pread(descriptor, base + done, pointer.count - done, off_t(lower + done))
            }
            guard got > 0 else {
                if got < 0 && errno == EINTR { continue }
                throw .unreadable("read failed at byte \(lower + done)")
            }
            done += got
        }
        return buffer
    }
}

extension PDFByteSource {
    /// Feeds `ranges` to `body` in chunks of at most `chunk` bytes (hashing a ByteRange).
    public func forEachChunk(of ranges: [Range<Int>], chunk: Int = 1 << 20, _ body: ([UInt8]) -> Void) throws(PDFError) {
        for range in ranges {
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + chunk)
                body(try read(start..<end))
                start = end
            }
        }
    }
}
