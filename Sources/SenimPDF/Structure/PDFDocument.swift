import Foundation

/// A PDF opened for signature validation: its revision chain read from the last `startxref` back through every
/// `/Prev` (ISO 32000-2 §7.5.6), with objects resolved as of any revision. Only the tail, the cross-reference
/// sections and the objects asked for are read; the file is never parsed whole.
public final class PDFDocument {
    public let source: any PDFByteSource
    public let limits: PDFLimits
    /// Oldest first.
    public private(set) var revisions: [PDFRevision] = []
    private var objectCache: [Int: PDFObject] = [:]
    private var objectStreamCache: [Int: (bytes: [UInt8], offsets: [Int: Int], first: Int)] = [:]
    private var resolving: Set<Int> = []

    public init(source: any PDFByteSource, limits: PDFLimits = PDFLimits()) throws(PDFError) {
        self.source = source
        self.limits = limits
        guard try source.read(0..<5) == Array("%PDF-".utf8) else { throw .notPDF }
        try readRevisions()
        if revisions.last?.trailer["Encrypt"] != nil { throw .encrypted }
    }

    public var count: Int { source.count }
    public var lastRevision: PDFRevision? { revisions.last }

    // MARK: Revision chain

    private func readRevisions() throws(PDFError) {
        let tailStart = max(0, source.count - 1024)
        let tail = try source.read(tailStart..<source.count)
        guard let keyword = Self.lastIndex(of: Array("startxref".utf8), in: tail) else { throw .missingStartXRef }
        var parser = PDFParser(bytes: tail, base: tailStart, atEndOfFile: true, limits: limits)
        parser.position = keyword + 9
        guard let word = try? parser.token(), let offset = PDFParser.integer(word) else { throw .missingStartXRef }

        var chain: [PDFRevision] = []
        var visited: Set<Int> = []
        var next: Int? = offset
        while let current = next {
            guard visited.insert(current).inserted else { throw .crossReferenceLoop(offset: current) }
            guard chain.count < limits.maximumRevisions else { throw .limitExceeded("more than \(limits.maximumRevisions) revisions") }
            let section = try readSection(at: current, visited: &visited)
            chain.append(section)
            next = section.trailer["Prev"]?.integer
        }
        // The chain runs newest to oldest; each update is appended after the previous revision's %%EOF. A section
        // that lies before the one it points back to is not an update but part of the same revision: the
        // first-page section of a linearized file (ISO 32000-2 Annex F.3.4), whose /Prev is the main section.
        chain.reverse()
        var ordered: [PDFRevision] = []
        for revision in chain {
            if let previous = ordered.last, revision.crossReferenceOffset < previous.endOffset {
                ordered[ordered.count - 1] = PDFRevision(
                    index: previous.index, crossReferenceOffset: revision.crossReferenceOffset, kind: previous.kind,
                    trailer: revision.trailer, entries: previous.entries.merging(revision.entries) { _, newer in newer },
                    endOffset: max(previous.endOffset, revision.endOffset),
                    endOfLineLength: previous.endOffset >= revision.endOffset ? previous.endOfLineLength : revision.endOfLineLength)
                continue
            }
            ordered.append(
                PDFRevision(
                    index: ordered.count, crossReferenceOffset: revision.crossReferenceOffset, kind: revision.kind,
                    trailer: revision.trailer, entries: revision.entries, endOffset: revision.endOffset,
                    endOfLineLength: revision.endOfLineLength))
        }
        revisions = ordered
    }

    /// Reads the window at `offset`, growing it until the parse fits or the bound is reached.
    func parse<T>(
        at offset: Int, initial: Int = 16 << 10, maximum: Int? = nil,
        _ body: (inout PDFParser) throws(PDFParser.Failure) -> T
    ) throws(PDFError) -> T {
        guard offset >= 0, offset < source.count else { throw .brokenCrossReference(offset: offset, "offset outside the file") }
        let cap = maximum ?? limits.maximumObjectBytes
        var window = min(initial, cap)
        while true {
            let end = min(source.count, offset + window)
            var parser = PDFParser(bytes: try source.read(offset..<end), base: offset, atEndOfFile: end == source.count, limits: limits)
            do {
                return try body(&parser)
            } catch {
                switch error {
                case .needMore:
                    guard window < cap else { throw .limitExceeded("an object larger than \(cap) bytes") }
                    window = min(cap, window * 4)
                case .malformed(let why):
                    throw .malformedObject(-1, "\(why) at byte \(offset)")
                case .limit(let why):
                    throw .limitExceeded(why)
                }
            }
        }
    }

    private func readSection(at offset: Int, visited: inout Set<Int>) throws(PDFError) -> PDFRevision {
        guard offset >= 0, offset < source.count else { throw .brokenCrossReference(offset: offset, "the offset is outside the file") }
        let head = try source.read(offset..<min(source.count, offset + 4))
        if head == Array("xref".utf8) {
            var (entries, trailer, end) = try readTable(at: offset)
            var kind = CrossReferenceKind.table
            if let streamOffset = trailer["XRefStm"]?.integer {
                guard visited.insert(streamOffset).inserted else { throw .crossReferenceLoop(offset: streamOffset) }
                let hybrid = try readStream(at: streamOffset)
                for (number, entry) in hybrid.entries where entries[number] == nil { entries[number] = entry }
                kind = .hybrid
            }
            let (eof, eol) = try endOfRevision(after: end)
            return PDFRevision(
                index: 0, crossReferenceOffset: offset, kind: kind, trailer: trailer, entries: entries, endOffset: eof, endOfLineLength: eol
            )
        }
        let stream = try readStream(at: offset)
        let (eof, eol) = try endOfRevision(after: stream.end)
        return PDFRevision(
            index: 0, crossReferenceOffset: offset, kind: .stream, trailer: stream.trailer, entries: stream.entries,
            endOffset: eof, endOfLineLength: eol)
    }

    /// The classic table (§7.5.4) and its trailer (§7.5.5).
    private func readTable(at offset: Int) throws(PDFError) -> (entries: [Int: CrossReferenceEntry], trailer: PDFDictionary, end: Int) {
        let limit = limits.maximumObjectNumber
        do {
            return try parse(at: offset, initial: 64 << 10, maximum: max(limits.maximumObjectBytes, 21 * limit)) {
                (parser: inout PDFParser) throws(PDFParser.Failure) in
                try parser.expectKeyword("xref")
                var entries: [Int: CrossReferenceEntry] = [:]
                while true {
                    let word = try parser.token()
                    if word == Array("trailer".utf8) { break }
                    guard let start = PDFParser.integer(word), let count = PDFParser.integer(try parser.token()) else {
                        throw .malformed("a subsection header that is not two numbers")
                    }
                    guard start + count <= limit else { throw .limit("object numbers above \(limit)") }
                    for number in start..<(start + count) {
                        guard let field1 = PDFParser.integer(try parser.token()), let field2 = PDFParser.integer(try parser.token()) else {
                            throw .malformed("an entry that is not two numbers")
                        }
                        let type = try parser.token()
                        if type == [0x6E] {
                            entries[number] = .inUse(offset: field1, generation: field2)
                        } else if type == [0x66] {
                            entries[number] = .free
                        } else {
                            throw .malformed("an entry type other than n or f")
                        }
                    }
                }
                guard case .dictionary(let trailer) = try parser.object() else { throw .malformed("a trailer that is not a dictionary") }
                return (entries, trailer, parser.absolutePosition)
            }
        } catch .malformedObject(_, let why) {
            throw .brokenCrossReference(offset: offset, why)
        }
    }

    /// A cross-reference stream (§7.5.8): `/W` field widths, `/Index` subsections, `/Size`.
    private func readStream(at offset: Int) throws(PDFError) -> (entries: [Int: CrossReferenceEntry], trailer: PDFDictionary, end: Int) {
        let parsed: (PDFObject, Int)
        do {
            parsed = try parse(at: offset) { (parser: inout PDFParser) throws(PDFParser.Failure) in
                let (_, object) = try parser.indirectObject(fileSize: source.count) { _ in nil }
                return (object, parser.absolutePosition)
            }
        } catch .malformedObject(_, let why) {
            throw .brokenCrossReference(offset: offset, why)
        }
        guard case .stream(let dictionary, let range) = parsed.0, dictionary.type == "XRef" else {
            throw .brokenCrossReference(offset: offset, "neither a table nor a cross-reference stream")
        }
        let data = try StreamDecoder.decode(try source.read(range), dictionary: dictionary, limit: limits.maximumDecodedStreamBytes)
        guard let widths = dictionary["W"]?.array?.compactMap(\.integer), widths.count == 3, widths.allSatisfy({ (0...8).contains($0) }),
            let size = dictionary["Size"]?.integer, size >= 0, size <= limits.maximumObjectNumber
        else {
            throw .brokenCrossReference(offset: offset, "unusable /W or /Size")
        }
        var subsections: [(Int, Int)] = []
        if let index = dictionary["Index"]?.array {
            let numbers = index.compactMap(\.integer)
            guard numbers.count == index.count, numbers.count % 2 == 0 else {
                throw .brokenCrossReference(offset: offset, "unusable /Index")
            }
            for pair in stride(from: 0, to: numbers.count, by: 2) { subsections.append((numbers[pair], numbers[pair + 1])) }
        } else {
            subsections = [(0, size)]
        }
        let rowWidth = widths.reduce(0, +)
        guard rowWidth > 0 else { throw .brokenCrossReference(offset: offset, "zero-width rows") }
        var entries: [Int: CrossReferenceEntry] = [:]
        var row = 0
        for (start, count) in subsections {
            guard start >= 0, count >= 0, start + count <= limits.maximumObjectNumber else {
                throw .limitExceeded("object numbers above \(limits.maximumObjectNumber)")
            }
            for number in start..<(start + count) {
                let at = row * rowWidth
                guard at + rowWidth <= data.count else {
                    throw .brokenCrossReference(offset: offset, "the stream has fewer rows than /Index declares")
                }
                var fields = [0, 0, 0]
                var position = at
                for field in 0..<3 {
                    for _ in 0..<widths[field] {
                        fields[field] = fields[field] << 8 | Int(data[position])
                        position += 1
                    }
                }
                let type = widths[0] == 0 ? 1 : fields[0]
                switch type {
                case 0: entries[number] = .free
                case 1: entries[number] = .inUse(offset: fields[1], generation: fields[2])
                case 2: entries[number] = .compressed(stream: fields[1], index: fields[2])
                default: break // §7.5.8.3: unknown types are references to the null object
                }
                row += 1
            }
        }
        return (entries, dictionary, range.upperBound)
    }

    /// The `%%EOF` that closes the revision whose cross-reference section ends at `offset`, and the end-of-line after it.
    private func endOfRevision(after offset: Int) throws(PDFError) -> (Int, Int) {
        let window = try source.read(offset..<min(source.count, offset + 4096))
        guard let marker = Self.firstIndex(of: Array("%%EOF".utf8), in: window) else {
            throw .brokenCrossReference(offset: offset, "no %%EOF after the cross-reference section")
        }
        let end = offset + marker + 5
        var eol = 0
        if marker + 5 < window.count {
            if window[marker + 5] == 0x0D {
                eol = marker + 6 < window.count && window[marker + 6] == 0x0A ? 2 : 1
            } else if window[marker + 5] == 0x0A {
                eol = 1
            }
        }
        return (end, eol)
    }

    // MARK: Objects

    /// The entry for object `number` as of revision `revision` (the newest section at or before it that lists it).
    public func entry(_ number: Int, at revision: Int) -> (entry: CrossReferenceEntry, revision: Int)? {
        var index = min(revision, revisions.count - 1)
        while index >= 0 {
            if let entry = revisions[index].entries[number] { return (entry, index) }
            index -= 1
        }
        return nil
    }

    /// Object `reference` as the document stood at revision `revision` (the latest by default); nil when free or absent.
    public func object(_ reference: PDFReference, at revision: Int? = nil) throws(PDFError) -> PDFObject? {
        guard let (entry, _) = entry(reference.number, at: revision ?? revisions.count - 1) else { return nil }
        switch entry {
        case .free: return nil
        case .inUse(let offset, _): return try object(atOffset: offset, number: reference.number)
        case .compressed(let stream, let index):
            return try compressedObject(stream: stream, index: index, number: reference.number, revision: revision)
        }
    }

    /// Resolves a value that may be a reference.
    public func resolve(_ value: PDFObject?, at revision: Int? = nil) throws(PDFError) -> PDFObject? {
        guard let value else { return nil }
        if case .reference(let reference) = value { return try object(reference, at: revision) }
        return value
    }

    public func dictionary(_ value: PDFObject?, at revision: Int? = nil) throws(PDFError) -> PDFDictionary? {
        try resolve(value, at: revision)?.dictionary
    }

    /// The object written at `offset` (cached: the same bytes are the same object in every revision).
    func object(atOffset offset: Int, number: Int) throws(PDFError) -> PDFObject {
        if let cached = objectCache[offset] { return cached }
        guard resolving.insert(offset).inserted else { throw .malformedObject(number, "its /Length refers back to itself") }
        defer { resolving.remove(offset) }
        let parsed: (PDFReference, PDFObject)
        do {
            parsed = try parse(at: offset, initial: 4096) { (parser: inout PDFParser) throws(PDFParser.Failure) in
                try parser.indirectObject(fileSize: source.count) { reference in
                    (try? self.object(reference))?.flatMap(\.integer)
                }
            }
        } catch .malformedObject(_, let why) {
            throw .malformedObject(number, why)
        }
        guard parsed.0.number == number else { throw .malformedObject(number, "the cross-reference points at object \(parsed.0.number)") }
        objectCache[offset] = parsed.1
        return parsed.1
    }

    /// Where object `reference`'s uncompressed copy as of `revision` is written, if it is (signature dictionaries
    /// must be, for their `/Contents` offsets to mean anything).
    public func offset(of reference: PDFReference, at revision: Int? = nil) -> Int? {
        guard let (entry, _) = entry(reference.number, at: revision ?? revisions.count - 1), case .inUse(let offset, _) = entry else {
            return nil
        }
        return offset
    }

    private func compressedObject(stream number: Int, index: Int, number wanted: Int, revision: Int?) throws(PDFError) -> PDFObject? {
        guard let (entry, _) = entry(number, at: revision ?? revisions.count - 1), case .inUse(let offset, _) = entry else {
            throw .missingObject(number)
        }
        if objectStreamCache[offset] == nil {
            guard case .stream(let dictionary, let range) = try object(atOffset: offset, number: number), dictionary.type == "ObjStm",
                let count = dictionary["N"]?.integer, let first = dictionary["First"]?.integer, count >= 0, first >= 0
            else {
                throw .malformedObject(number, "not an object stream")
            }
            let bytes = try StreamDecoder.decode(try source.read(range), dictionary: dictionary, limit: limits.maximumDecodedStreamBytes)
            var parser = PDFParser(bytes: Array(bytes.prefix(first)), base: 0, atEndOfFile: true, limits: limits)
            var offsets: [Int: Int] = [:]
            for slot in 0..<min(count, limits.maximumArrayCount) {
                guard let objectNumber = try? parser.token(), PDFParser.integer(objectNumber) != nil,
                    let offsetWord = try? parser.token(), let at = PDFParser.integer(offsetWord)
                else { break }
                offsets[slot] = at
            }
            objectStreamCache[offset] = (bytes, offsets, first)
        }
        guard let cached = objectStreamCache[offset], let relative = cached.offsets[index] else { throw .missingObject(wanted) }
        let start = cached.first + relative
        guard start < cached.bytes.count else { throw .malformedObject(wanted, "outside its object stream") }
        var parser = PDFParser(bytes: Array(cached.bytes[start...]), base: 0, atEndOfFile: true, limits: limits)
        do {
            return try parser.object()
        } catch .limit(let why) {
            throw .limitExceeded(why)
        } catch {
            throw .malformedObject(wanted, "unreadable inside its object stream")
        }
    }

    /// The decoded data of a stream object (DSS entries, metadata), bounded.
    public func streamData(_ object: PDFObject) throws(PDFError) -> [UInt8]? {
        guard case .stream(let dictionary, let range) = object else { return nil }
        return try StreamDecoder.decode(try source.read(range), dictionary: dictionary, limit: limits.maximumDecodedStreamBytes)
    }

    /// The raw (encoded) bytes of a stream, for comparing two versions of it.
    public func rawStreamData(_ object: PDFObject) throws(PDFError) -> [UInt8]? {
        guard case .stream(_, let range) = object else { return nil }
        guard range.count <= limits.maximumDecodedStreamBytes else { return nil }
        return try source.read(range)
    }

    // MARK: Byte search

    static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index] == needle[0] && Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index -= 1
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
