import CShims
import Foundation

/// ZIP archives with stored (uncompressed) entries: what ASiC-E needs for `mimetype` (first, stored) and what
/// keeps an evidence package byte-for-byte inspectable with any unzip tool. Writing streams file contents in
/// 1 MiB chunks with a data descriptor, so a 100 MB document never sits in memory; reading goes through the
/// central directory and refuses anything it cannot account for.
public enum StoredZIPError: Error, Sendable, Equatable, CustomStringConvertible {
    case io(String)
    case malformed(String)
    case badEntryName(String)
    case checksumMismatch(String)

    public var description: String {
        switch self {
        case .io(let why): return "ZIP: \(why)"
        case .malformed(let why): return "malformed ZIP: \(why)"
        case .badEntryName(let name): return "ZIP entry name \"\(name)\" is not a plain relative path"
        case .checksumMismatch(let name): return "ZIP entry \(name) does not match its CRC-32"
        }
    }
}

/// Writes a stored ZIP to a file handle.
public final class StoredZIPWriter {
    private struct Entry { let name: [UInt8]; let offset: UInt32; let crc: UInt32; let size: UInt32 }
    private let handle: FileHandle?
    /// The archive when it is built in memory (``StoredZIP/canonical(_:)``).
    private(set) var memory: [UInt8] = []
    private var entries: [Entry] = []
    private var offset: UInt64 = 0

    public init(path: String) throws(StoredZIPError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .io("cannot create \(path)")
        }
        self.handle = handle
    }

    init() { handle = nil }

    public func add(_ name: String, bytes: [UInt8]) throws(StoredZIPError) {
        try add(name) { write in write(bytes) }
    }

    /// Adds a file's contents, read in chunks.
    public func add(_ name: String, contentsOfFile path: String) throws(StoredZIPError) {
        guard let input = FileHandle(forReadingAtPath: path) else { throw .io("cannot read \(path)") }
        defer { try? input.close() }
        try add(name) { write in
            while let chunk = try? input.read(upToCount: 1 << 20), !chunk.isEmpty { write(Array(chunk)) }
        }
    }

    private func add(_ name: String, produce: ((([UInt8]) -> Void)) -> Void) throws(StoredZIPError) {
        try StoredZIP.validate(name: name)
        let nameBytes = Array(name.utf8)
        let start = offset
        // Local header with the data-descriptor flag (bit 3) and UTF-8 names (bit 11); sizes follow the data.
        var header = StoredZIP.le32(0x0403_4B50) + StoredZIP.le16(20) + StoredZIP.le16(0x0808) + StoredZIP.le16(0)
        header += StoredZIP.le16(0) + StoredZIP.le16(0x21)  // time 00:00:00, date 1980-01-01: fixed, for reproducible packages
        header += StoredZIP.le32(0) + StoredZIP.le32(0) + StoredZIP.le32(0) + StoredZIP.le16(UInt16(nameBytes.count)) + StoredZIP.le16(0)
        try write(header + nameBytes)
        var crc: UInt32 = 0, size: UInt64 = 0
        var failure: StoredZIPError?
        produce { chunk in
            guard failure == nil else { return }
            crc = chunk.withUnsafeBufferPointer { senim_crc32(crc, $0.baseAddress, $0.count) }
            size += UInt64(chunk.count)
            do throws(StoredZIPError) { try self.write(chunk) } catch { failure = error }
        }
        if let failure { throw failure }
        guard size < UInt64(UInt32.max), offset < UInt64(UInt32.max) else { throw .io("entries over 4 GiB need ZIP64, which is not written") }
        try write(StoredZIP.le32(0x0807_4B50) + StoredZIP.le32(crc) + StoredZIP.le32(UInt32(size)) + StoredZIP.le32(UInt32(size)))
        entries.append(Entry(name: nameBytes, offset: UInt32(start), crc: crc, size: UInt32(size)))
    }

    private func write(_ bytes: [UInt8]) throws(StoredZIPError) {
        if let handle {
            do { try handle.write(contentsOf: bytes) } catch { throw .io("\(error)") }
        } else {
            memory += bytes
        }
        offset += UInt64(bytes.count)
    }

    /// Writes the central directory and closes the file.
    public func finish() throws(StoredZIPError) {
        let directoryStart = offset
        for entry in entries {
            var record = StoredZIP.le32(0x0201_4B50) + StoredZIP.le16(20) + StoredZIP.le16(20) + StoredZIP.le16(0x0808) + StoredZIP.le16(0)
            record += StoredZIP.le16(0) + StoredZIP.le16(0x21) + StoredZIP.le32(entry.crc) + StoredZIP.le32(entry.size) + StoredZIP.le32(entry.size)
            record += StoredZIP.le16(UInt16(entry.name.count)) + StoredZIP.le16(0) + StoredZIP.le16(0) + StoredZIP.le16(0) + StoredZIP.le16(0)
            record += StoredZIP.le32(0) + StoredZIP.le32(entry.offset)
            try write(record + entry.name)
        }
        let directorySize = offset - directoryStart
        var end = StoredZIP.le32(0x0605_4B50) + StoredZIP.le16(0) + StoredZIP.le16(0)
        end += StoredZIP.le16(UInt16(entries.count)) + StoredZIP.le16(UInt16(entries.count))
        end += StoredZIP.le32(UInt32(directorySize)) + StoredZIP.le32(UInt32(directoryStart)) + StoredZIP.le16(0)
        try write(end)
        do { try handle?.close() } catch { throw .io("\(error)") }
    }
}

/// Reads a stored ZIP held in memory (packages are read whole for verification; the document inside is
/// hashed from the archive bytes without a copy).
public struct StoredZIPReader: Sendable {
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let range: Range<Int>
        public let crc: UInt32
    }

    public let bytes: [UInt8]
    /// In central-directory order.
    public let entries: [Entry]

    public init(bytes: [UInt8]) throws(StoredZIPError) {
        self.bytes = bytes
        guard bytes.count >= 22 else { throw .malformed("too short") }
        // The end-of-central-directory record: searched back over at most a 64 KiB comment.
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest && StoredZIP.read32(bytes, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { throw .malformed("no end-of-central-directory record") }
        let count = Int(StoredZIP.read16(bytes, end + 10))
        let directorySize = Int(StoredZIP.read32(bytes, end + 12)), directoryStart = Int(StoredZIP.read32(bytes, end + 16))
        guard directoryStart + directorySize <= end else { throw .malformed("central directory out of range") }
        var entries: [Entry] = [], cursor = directoryStart, names = Set<String>()
        for _ in 0..<count {
            guard cursor + 46 <= end, StoredZIP.read32(bytes, cursor) == 0x0201_4B50 else { throw .malformed("bad central-directory record") }
            let method = StoredZIP.read16(bytes, cursor + 10)
            let crc = StoredZIP.read32(bytes, cursor + 16)
            let compressed = Int(StoredZIP.read32(bytes, cursor + 20)), size = Int(StoredZIP.read32(bytes, cursor + 24))
            let nameLength = Int(StoredZIP.read16(bytes, cursor + 28))
            let extra = Int(StoredZIP.read16(bytes, cursor + 30)), comment = Int(StoredZIP.read16(bytes, cursor + 32))
            let local = Int(StoredZIP.read32(bytes, cursor + 42))
            guard cursor + 46 + nameLength <= end else { throw .malformed("name out of range") }
            guard let name = String(validating: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self) else { throw .malformed("name is not UTF-8") }
            try StoredZIP.validate(name: name)
            guard method == 0, compressed == size else { throw .malformed("\(name) is compressed; evidence packages store entries") }
            guard names.insert(name).inserted else { throw .malformed("\(name) occurs twice") }
            guard local + 30 <= bytes.count, StoredZIP.read32(bytes, local) == 0x0403_4B50 else { throw .malformed("bad local header for \(name)") }
            let dataStart = local + 30 + Int(StoredZIP.read16(bytes, local + 26)) + Int(StoredZIP.read16(bytes, local + 28))
            guard dataStart + size <= directoryStart else { throw .malformed("\(name) extends past the data area") }
            let range = dataStart..<(dataStart + size)
            let actual = bytes.withUnsafeBufferPointer { senim_crc32(0, $0.baseAddress.map { $0 + range.lowerBound }, range.count) }
            guard actual == crc else { throw .checksumMismatch(name) }
            entries.append(Entry(name: name, range: range, crc: crc))
            cursor += 46 + nameLength + extra + comment
        }
        self.entries = entries
    }

    public func data(_ name: String) -> ArraySlice<UInt8>? {
        entries.first { $0.name == name }.map { bytes[$0.range] }
    }
}

enum StoredZIP {
    /// The archive this writer produces for these entries. A package equal to it has no byte outside the
    /// entries' names and contents that could have been altered (headers, flags, times, extra fields).
    static func canonical(_ reader: StoredZIPReader) throws(StoredZIPError) -> [UInt8] {
        let writer = StoredZIPWriter()
        for entry in reader.entries { try writer.add(entry.name, bytes: Array(reader.bytes[entry.range])) }
        try writer.finish()
        return writer.memory
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 { at + 2 <= bytes.count ? UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 : 0 }
    static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
    }

    /// Relative paths without `..`, absolute roots, backslashes or control characters (zip-slip).
    static func validate(name: String) throws(StoredZIPError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }),
              !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw .badEntryName(name)
        }
    }
}
