import Foundation
import SenimCrypto

/// ZIP archives with stored (uncompressed) entries: what ASiC-E needs for `mimetype` (first, stored) and what
/// keeps an evidence package byte-for-byte inspectable with any unzip tool. Writing streams file contents in
/// 1 MiB chunks with a data descriptor, so a 100 MB document never sits in memory; reading goes through the
/// central directory and refuses anything it cannot account for (``StoredZIPReader``).
public enum StoredZIPError: Error, Sendable, Equatable, CustomStringConvertible {
    case io(String)
    case malformed(String)
    case badEntryName(String)
    case checksumMismatch(String)
    case duplicateName(String)

    public var description: String {
        switch self {
        case .io(let why): return "ZIP: \(why)"
        case .malformed(let why): return "malformed ZIP: \(why)"
        case .badEntryName(let name): return "ZIP entry name \"\(name)\" is not a plain relative path"
        case .checksumMismatch(let name): return "ZIP entry \(name) does not match its CRC-32"
        case .duplicateName(let name): return "ZIP entry \(name) would occur twice"
        }
    }
}

/// Writes a stored ZIP to a file handle.
public final class StoredZIPWriter {
    private struct Entry {
        let name: [UInt8]
        let offset: UInt32
        let crc: UInt32
        let size: UInt32
    }
    private let handle: FileHandle?
    /// The archive when it is built in memory.
    private(set) var memory: [UInt8] = []
    private var entries: [Entry] = []
    private var names = Set<String>()
    private var offset: UInt64 = 0

    public init(path: String) throws(StoredZIPError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .io("cannot create \(path)")
        }
        self.handle = handle
    }

    init() { handle = nil }

    /// A writer that continues `archive` into a new file at `path`: every byte before its central directory (each
    /// entry's local header, contents and data descriptor) copied unchanged, so entries added after it extend the
    /// archive and only the central directory is written anew (the renewal of an evidence package).
    public convenience init(path: String, continuing archive: StoredZIPReader) throws(StoredZIPError) {
        try self.init(path: path)
        let prefix = 0..<archive.directoryRange.lowerBound
        var failure: StoredZIPError?
        try StoredZIPReader.forEachChunk(archive.source, prefix) { chunk in
            guard failure == nil else { return }
            do throws(StoredZIPError) { try write(Array(chunk)) } catch { failure = error }
        }
        if let failure { throw failure }
        for entry in archive.entries {
            names.insert(entry.name)
            entries.append(
                Entry(name: Array(entry.name.utf8), offset: UInt32(entry.localOffset), crc: entry.crc, size: UInt32(entry.range.count)))
        }
    }

    public func add(_ name: String, bytes: [UInt8]) throws(StoredZIPError) {
        try add(name) { write in write(bytes) }
    }

    /// Adds a file's contents, read in chunks.
    /// Adds a file's contents, read in 1 MiB chunks, and returns their SHA-256 (computed on the same pass, so a
    /// large document is read once).
    @discardableResult
    public func add(_ name: String, contentsOfFile path: String) throws(StoredZIPError) -> [UInt8] {
        guard let input = FileHandle(forReadingAtPath: path) else { throw .io("cannot read \(path)") }
        defer { try? input.close() }
        var hasher = DigestAlgorithm.sha256.makeHasher()
        try add(name) { write in
            while let chunk = try? input.read(upToCount: 1 << 20), !chunk.isEmpty {
                let bytes = Array(chunk)
                hasher.update(bytes: bytes)
                write(bytes)
            }
        }
        return hasher.finalize()
    }

    private func add(_ name: String, produce: ((([UInt8]) -> Void)) -> Void) throws(StoredZIPError) {
        try StoredZIP.validate(name: name)
        // A second entry of the same name would make the archive mean two things; readers refuse it.
        guard names.insert(name).inserted else { throw .duplicateName(name) }
        let nameBytes = Array(name.utf8)
        let start = offset
        try write(StoredZIP.localHeader(name: nameBytes))
        var crc = CRC32()
        var size: UInt64 = 0
        var failure: StoredZIPError?
        produce { chunk in
            guard failure == nil else { return }
            crc.update(chunk)
            size += UInt64(chunk.count)
            do throws(StoredZIPError) { try self.write(chunk) } catch { failure = error }
        }
        if let failure { throw failure }
        guard size < UInt64(UInt32.max), offset < UInt64(UInt32.max) else {
            throw .io("entries over 4 GiB need ZIP64, which is not written")
        }
        try write(StoredZIP.dataDescriptor(crc: crc.value, size: UInt32(size)))
        entries.append(Entry(name: nameBytes, offset: UInt32(start), crc: crc.value, size: UInt32(size)))
    }

    private func write(_ bytes: [UInt8]) throws(StoredZIPError) {
        if let handle {
            do { try handle.write(contentsOf: bytes) } catch { throw .io("\(DecodingErrorText.sentence(error))") }
        } else {
            memory += bytes
        }
        offset += UInt64(bytes.count)
    }

    /// Writes the central directory and closes the file.
    public func finish() throws(StoredZIPError) {
        let directoryStart = offset
        for entry in entries {
            try write(StoredZIP.centralRecord(name: entry.name, crc: entry.crc, size: entry.size, localOffset: entry.offset))
        }
        let end = StoredZIP.endRecord(
            count: entries.count, directorySize: UInt32(offset - directoryStart), directoryStart: UInt32(directoryStart))
        try write(end)
        do { try handle?.close() } catch { throw .io("\(DecodingErrorText.sentence(error))") }
    }
}

enum StoredZIP {
    // The framing this writer produces, byte for byte; the reader compares a package against it so that no
    // byte outside the entries' names and contents (headers, flags, times, extra fields) can be altered unseen.

    /// Local header with the data-descriptor flag (bit 3) and UTF-8 names (bit 11); sizes follow the data.
    /// Time 00:00:00, date 1980-01-01: fixed, for reproducible packages.
    static func localHeader(name: [UInt8]) -> [UInt8] {
        var header = le32(0x0403_4B50) + le16(20) + le16(0x0808) + le16(0) + le16(0) + le16(0x21)
        header += le32(0) + le32(0) + le32(0) + le16(UInt16(name.count)) + le16(0)
        return header + name
    }

    static func dataDescriptor(crc: UInt32, size: UInt32) -> [UInt8] {
        le32(0x0807_4B50) + le32(crc) + le32(size) + le32(size)
    }

    /// The two central-directory framings a platform package may have. The local headers, data descriptors and end
    /// record are the same in both; they differ only in "version made by" and the external attributes.
    enum Framing: CaseIterable {
        /// Made on Unix (APPNOTE 4.4.2: host 3, spec 2.0) with the external attributes of a regular file, mode 0644.
        /// Info-ZIP's `unzip` then reads the names as the UTF-8 they are flagged to be (bit 11); it converts the
        /// names of an archive "made on MS-DOS" from an OEM code page despite the flag, so `document/Договор.pdf`
        /// listed as `document/���������.pdf`. What the writer produces.
        case unix
        /// Made on MS-DOS (version 20, no attributes): every package issued before the Unix framing. Still
        /// canonical, so that every package already issued verifies.
        case msdos

        var versionMadeBy: UInt16 { self == .unix ? 0x0314 : 20 }
        var externalAttributes: UInt32 { self == .unix ? 0o100644 << 16 : 0 }
    }

    static func centralRecord(name: [UInt8], crc: UInt32, size: UInt32, localOffset: UInt32, framing: Framing = .unix) -> [UInt8] {
        var record = le32(0x0201_4B50) + le16(framing.versionMadeBy) + le16(20) + le16(0x0808) + le16(0) + le16(0) + le16(0x21)
        record += le32(crc) + le32(size) + le32(size) + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
        record += le32(framing.externalAttributes) + le32(localOffset)
        return record + name
    }

    static func endRecord(count: Int, directorySize: UInt32, directoryStart: UInt32) -> [UInt8] {
        le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count)) + le32(directorySize) + le32(directoryStart)
            + le16(0)
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func read16<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ at: Int) -> UInt16
    where Bytes.Index == Int, Bytes.Element == UInt8 {
        guard at >= bytes.startIndex, at + 2 <= bytes.endIndex else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }
    static func read32<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ at: Int) -> UInt32
    where Bytes.Index == Int, Bytes.Element == UInt8 {
        guard at >= bytes.startIndex, at + 4 <= bytes.endIndex else { return 0 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
    }

    /// Relative paths without `..`, absolute roots, backslashes or control characters (zip-slip).
    static func validate(name: String) throws(StoredZIPError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 })
        else {
            throw .badEntryName(name)
        }
    }
}
