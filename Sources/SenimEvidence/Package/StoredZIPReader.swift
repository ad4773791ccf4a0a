import Foundation
import SenimCrypto

/// Reads a stored ZIP from memory or from a file without loading it: the central directory and headers are
/// read by offset, small entries are read whole, and a large one (a 100 MB document) is streamed in 1 MiB
/// chunks. Every entry's CRC-32 is checked as its bytes are read, and ``canonicalFramingProblem()`` tells
/// whether the archive is exactly what ``StoredZIPWriter`` writes for these entries.
public struct StoredZIPReader: Sendable {
    /// Where the archive's bytes are.
    public enum Source: Sendable {
        case bytes([UInt8])
        case file(path: String)
    }

    public struct Entry: Sendable, Hashable {
        public let name: String
        /// The entry's contents within the archive.
        public let range: Range<Int>
        public let crc: UInt32
        /// Where its local header starts.
        let localOffset: Int
    }

    public let source: Source
    /// The archive's length in bytes.
    public let size: Int
    /// In central-directory order.
    public let entries: [Entry]
    /// Where the central directory lies: everything before it is the entries, as written.
    let directoryRange: Range<Int>

    /// The central directory is read into memory; above this it is not a package the platform wrote.
    static let directoryLimit = 16 << 20
    static let chunkSize = 1 << 20

    public init(bytes: [UInt8]) throws(StoredZIPError) { try self.init(source: .bytes(bytes)) }

    public init(source: Source) throws(StoredZIPError) {
        self.source = source
        switch source {
        case .bytes(let bytes): size = bytes.count
        case .file(let path):
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let length = attributes[.size] as? Int else {
                throw .io("cannot read \(path)")
            }
            size = length
        }
        guard size >= 22 else { throw .malformed("too short") }

        // The end-of-central-directory record: searched back over at most a 64 KiB comment.
        let tailStart = max(0, size - 22 - 65_535)
        let tail = try Self.read(source, tailStart..<size)
        var end = tail.count - 22
        while end >= 0 && StoredZIP.read32(tail, end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0 else { throw .malformed("no end-of-central-directory record") }
        let count = Int(StoredZIP.read16(tail, end + 10))
        let directorySize = Int(StoredZIP.read32(tail, end + 12))
        let directoryStart = Int(StoredZIP.read32(tail, end + 16))
        let endOffset = tailStart + end
        guard directorySize <= Self.directoryLimit, directoryStart + directorySize <= endOffset else {
            throw .malformed("central directory out of range")
        }
        directoryRange = directoryStart..<(directoryStart + directorySize)
        let directory = try Self.read(source, directoryRange)

        var entries: [Entry] = []
        var cursor = 0
        var names = Set<String>()
        for _ in 0..<count {
            guard cursor + 46 <= directory.count, StoredZIP.read32(directory, cursor) == 0x0201_4B50 else {
                throw .malformed("bad central-directory record")
            }
            let method = StoredZIP.read16(directory, cursor + 10)
            let crc = StoredZIP.read32(directory, cursor + 16)
            let compressed = Int(StoredZIP.read32(directory, cursor + 20))
            let length = Int(StoredZIP.read32(directory, cursor + 24))
            let nameLength = Int(StoredZIP.read16(directory, cursor + 28))
            let extra = Int(StoredZIP.read16(directory, cursor + 30))
            let comment = Int(StoredZIP.read16(directory, cursor + 32))
            let local = Int(StoredZIP.read32(directory, cursor + 42))
            guard cursor + 46 + nameLength <= directory.count else { throw .malformed("name out of range") }
            guard let name = String(validating: directory[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self) else {
                throw .malformed("name is not UTF-8")
            }
            try StoredZIP.validate(name: name)
            guard method == 0, compressed == length else { throw .malformed("\(name) is compressed; evidence packages store entries") }
            guard names.insert(name).inserted else { throw .malformed("\(name) occurs twice") }
            guard local + 30 <= directoryStart else { throw .malformed("bad local header for \(name)") }
            let header = try Self.read(source, local..<(local + 30))
            guard StoredZIP.read32(header, 0) == 0x0403_4B50 else { throw .malformed("bad local header for \(name)") }
            let dataStart = local + 30 + Int(StoredZIP.read16(header, 26)) + Int(StoredZIP.read16(header, 28))
            guard dataStart + length <= directoryStart else { throw .malformed("\(name) extends past the data area") }
            entries.append(Entry(name: name, range: dataStart..<(dataStart + length), crc: crc, localOffset: local))
            cursor += 46 + nameLength + extra + comment
        }
        self.entries = entries
    }

    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// An entry's contents, checked against its CRC-32.
    public func contents(of entry: Entry) throws(StoredZIPError) -> [UInt8] {
        let bytes = try Self.read(source, entry.range)
        guard CRC32.checksum(bytes) == entry.crc else { throw .checksumMismatch(entry.name) }
        return bytes
    }

    public func data(_ name: String) throws(StoredZIPError) -> [UInt8]? {
        guard let entry = entry(name) else { return nil }
        return try contents(of: entry)
    }

    /// Streams an entry through `body` in 1 MiB chunks, then checks its CRC-32 (so `body`'s result is only
    /// to be trusted when this returns).
    public func stream(_ entry: Entry, _ body: (UnsafeRawBufferPointer) -> Void) throws(StoredZIPError) {
        var crc = CRC32()
        try Self.forEachChunk(source, entry.range) { chunk in
            crc.update(chunk)
            body(chunk)
        }
        guard crc.value == entry.crc else { throw .checksumMismatch(entry.name) }
    }

    /// Nil when the archive is byte for byte what ``StoredZIPWriter`` writes for these entries in this order, in
    /// one of the framings the platform has written (``StoredZIP/Framing``: Unix now, MS-DOS before): the first
    /// local header at 0, each entry's header, contents and data descriptor back to back, the central directory
    /// right after, and the end record last with no comment. Otherwise what differs from the current framing.
    public func canonicalFramingProblem() throws(StoredZIPError) -> StoredZIPFramingProblem? {
        var first: StoredZIPFramingProblem?
        for framing in StoredZIP.Framing.allCases {
            guard let problem = try framingProblem(framing) else { return nil }
            first = first ?? problem
        }
        return first
    }

    private func framingProblem(_ framing: StoredZIP.Framing) throws(StoredZIPError) -> StoredZIPFramingProblem? {
        var expectedOffset = 0
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            guard entry.localOffset == expectedOffset else { return .notContiguous(entry: entry.name) }
            let header = StoredZIP.localHeader(name: name)
            guard try Self.read(source, entry.localOffset..<(entry.localOffset + header.count)) == header,
                entry.range.lowerBound == entry.localOffset + header.count
            else { return .localHeader(entry: entry.name) }
            let descriptor = StoredZIP.dataDescriptor(crc: entry.crc, size: UInt32(entry.range.count))
            guard entry.range.upperBound + descriptor.count <= size,
                try Self.read(source, entry.range.upperBound..<(entry.range.upperBound + descriptor.count)) == descriptor
            else {
                return .dataDescriptor(entry: entry.name)
            }
            expectedOffset = entry.range.upperBound + descriptor.count
            directory += StoredZIP.centralRecord(
                name: name, crc: entry.crc, size: UInt32(entry.range.count), localOffset: UInt32(entry.localOffset), framing: framing)
        }
        guard directoryRange.lowerBound == expectedOffset, try Self.read(source, directoryRange) == directory else {
            return .centralDirectory
        }
        let end = StoredZIP.endRecord(
            count: entries.count, directorySize: UInt32(directory.count), directoryStart: UInt32(directoryRange.lowerBound))
        guard directoryRange.upperBound + end.count == size, try Self.read(source, directoryRange.upperBound..<size) == end else {
            return .endRecord
        }
        return nil
    }

    // MARK: Reading by offset

    static func read(_ source: Source, _ range: Range<Int>) throws(StoredZIPError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        try forEachChunk(source, range) { bytes.append(contentsOf: $0) }
        return bytes
    }

    static func forEachChunk(_ source: Source, _ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Void) throws(StoredZIPError) {
        switch source {
        case .bytes(let bytes):
            guard range.lowerBound >= 0, range.upperBound <= bytes.count else { throw .malformed("offset out of range") }
            bytes.withUnsafeBytes { whole in
                var offset = range.lowerBound
                while offset < range.upperBound {
                    let next = min(offset + chunkSize, range.upperBound)
                    body(UnsafeRawBufferPointer(rebasing: whole[offset..<next]))
                    offset = next
                }
            }
        case .file(let path):
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw .io("cannot read \(path): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: min(chunkSize, max(range.count, 1)), alignment: 16)
            defer { buffer.deallocate() }
            var offset = range.lowerBound
            while offset < range.upperBound {
                let count = pread(descriptor, buffer.baseAddress, min(buffer.count, range.upperBound - offset), off_t(offset))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    throw .io(count == 0 ? "\(path) is shorter than its directory says" : String(cString: strerror(errno)))
                }
                body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                offset += count
            }
        }
    }
}

/// Where an archive differs from the framing the platform writes (``StoredZIPReader/canonicalFramingProblem()``),
/// as a value: the CLI prints ``description``, the arbitration report its own sentence.
public enum StoredZIPFramingProblem: Sendable, Hashable, CustomStringConvertible {
    case notContiguous(entry: String)
    case localHeader(entry: String)
    case dataDescriptor(entry: String)
    case centralDirectory
    case endRecord

    public var description: String { text(in: .en) }

    func text(in language: Language) -> String {
        let words = ReportWords(language)
        switch self {
        case .notContiguous(let entry): return words.format(.framingNotContiguous, entry)
        case .localHeader(let entry): return words.format(.framingLocalHeader, entry)
        case .dataDescriptor(let entry): return words.format(.framingDataDescriptor, entry)
        case .centralDirectory: return words.text(.framingCentralDirectory)
        case .endRecord: return words.text(.framingEndRecord)
        }
    }
}
