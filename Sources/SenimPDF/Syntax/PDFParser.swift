/// A bounded parser of PDF objects (ISO 32000-2 §7.2 lexical conventions, §7.3 objects) over one window of
/// the file. It never reads past the window: when an object runs to the window's end it reports ``Outcome/needMore``
/// and the caller retries with a larger window, up to ``PDFLimits/maximumObjectBytes``.
struct PDFParser {
    enum Failure: Error {
        /// The object runs past the window (and the window is not the end of the file).
        case needMore
        case malformed(String)
        case limit(String)
    }

    let bytes: [UInt8]
    /// The absolute offset of `bytes[0]` in the file.
    let base: Int
    /// Whether the window ends where the file ends (then running out is malformed, not a request for more).
    let atEndOfFile: Bool
    let limits: PDFLimits
    var position = 0

    init(bytes: [UInt8], base: Int, atEndOfFile: Bool, limits: PDFLimits) {
        self.bytes = bytes
        self.base = base
        self.atEndOfFile = atEndOfFile
        self.limits = limits
    }

    var absolutePosition: Int { base + position }

    // MARK: Lexical

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }
    static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == 0x28 || byte == 0x29 || byte == 0x3C || byte == 0x3E || byte == 0x5B || byte == 0x5D || byte == 0x7B || byte == 0x7D
            || byte == 0x2F || byte == 0x25
    }
    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    func ranOut() -> Failure { atEndOfFile ? .malformed("unexpected end of file") : .needMore }

    mutating func peek() throws(Failure) -> UInt8 {
        guard position < bytes.count else { throw ranOut() }
        return bytes[position]
    }

    mutating func skipWhitespace() throws(Failure) {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == 0x25 { // comment to end of line
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
        throw ranOut()
    }

    /// A run of regular characters (a keyword or number).
    mutating func token() throws(Failure) -> [UInt8] {
        try skipWhitespace()
        let start = position
        while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
        if position == bytes.count && !atEndOfFile { throw .needMore }
        return Array(bytes[start..<position])
    }

    mutating func expectKeyword(_ keyword: String) throws(Failure) {
        let word = try token()
        guard word == Array(keyword.utf8) else { throw .malformed("expected \(keyword)") }
    }

    // MARK: Objects

    /// One direct object (a number followed by `g R` is read as a reference).
    mutating func object(depth: Int = 0) throws(Failure) -> PDFObject {
        guard depth <= limits.maximumNesting else { throw .limit("objects nested deeper than \(limits.maximumNesting)") }
        try skipWhitespace()
        let byte = bytes[position]
        switch byte {
        case 0x2F: return .name(try name())
        case 0x28: return .string(try literalString())
        case 0x3C:
            guard position + 1 < bytes.count else { throw ranOut() }
            if bytes[position + 1] == 0x3C { return .dictionary(try dictionary(depth: depth)) }
            return .string(try hexString())
        case 0x5B:
            position += 1
            var items: [PDFObject] = []
            while true {
                try skipWhitespace()
                if bytes[position] == 0x5D {
                    position += 1
                    return .array(items)
                }
                items.append(try object(depth: depth + 1))
                guard items.count <= limits.maximumArrayCount else {
                    throw .limit("an array of more than \(limits.maximumArrayCount) items")
                }
            }
        default:
            return try numberOrKeyword()
        }
    }

    mutating func dictionary(depth: Int) throws(Failure) -> PDFDictionary {
        position += 2
        var result = PDFDictionary()
        while true {
            try skipWhitespace()
            if bytes[position] == 0x3E {
                guard position + 1 < bytes.count else { throw ranOut() }
                guard bytes[position + 1] == 0x3E else { throw .malformed("a single > in a dictionary") }
                position += 2
                return result
            }
            guard bytes[position] == 0x2F else { throw .malformed("a dictionary key that is not a name") }
            let key = try name()
            try skipWhitespace()
            let start = absolutePosition
            let value = try object(depth: depth + 1)
            result.set(key, value, span: start..<absolutePosition)
            guard result.entries.count <= limits.maximumArrayCount else {
                throw .limit("a dictionary of more than \(limits.maximumArrayCount) entries")
            }
        }
    }

    mutating func name() throws(Failure) -> String {
        position += 1
        var raw: [UInt8] = []
        while position < bytes.count, Self.isRegular(bytes[position]) {
            let byte = bytes[position]
            if byte == 0x23, position + 2 < bytes.count, let high = Self.hexValue(bytes[position + 1]),
                let low = Self.hexValue(bytes[position + 2])
            {
                raw.append(high << 4 | low)
                position += 3
            } else {
                raw.append(byte)
                position += 1
            }
            guard raw.count <= 4096 else { throw .limit("a name longer than 4096 bytes") }
        }
        if position == bytes.count && !atEndOfFile { throw .needMore }
        return String(decoding: raw, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    mutating func hexString() throws(Failure) -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        result.reserveCapacity(64)
        var pending: UInt8?
        while true {
            guard position < bytes.count else { throw ranOut() }
            let byte = bytes[position]
            position += 1
            if byte == 0x3E { break }
            if Self.isWhitespace(byte) { continue }
            guard let value = Self.hexValue(byte) else { throw .malformed("a non-hex character in a hex string") }
            if let high = pending {
                result.append(high << 4 | value)
                pending = nil
            } else {
                pending = value
            }
        }
        if let high = pending { result.append(high << 4) }
        return result
    }

    mutating func literalString() throws(Failure) -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        var depth = 1
        while true {
            guard position < bytes.count else { throw ranOut() }
            let byte = bytes[position]
            position += 1
            switch byte {
            case 0x28:
                depth += 1
                result.append(byte)
            case 0x29:
                depth -= 1
                if depth == 0 { return result }
                result.append(byte)
            case 0x5C:
                guard position < bytes.count else { throw ranOut() }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case 0x6E: result.append(0x0A)
                case 0x72: result.append(0x0D)
                case 0x74: result.append(0x09)
                case 0x62: result.append(0x08)
                case 0x66: result.append(0x0C)
                case 0x0D:
                    if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                case 0x0A: break
                case 0x30...0x37:
                    var value = Int(escaped - 0x30)
                    for _ in 0..<2 where position < bytes.count && (0x30...0x37).contains(bytes[position]) {
                        value = value * 8 + Int(bytes[position] - 0x30)
                        position += 1
                    }
                    result.append(UInt8(truncatingIfNeeded: value))
                default: result.append(escaped)
                }
            default:
                result.append(byte)
            }
        }
    }

    mutating func numberOrKeyword() throws(Failure) -> PDFObject {
        let word = try token()
        guard !word.isEmpty else { throw .malformed("an unexpected delimiter") }
        switch word {
        case Array("true".utf8): return .boolean(true)
        case Array("false".utf8): return .boolean(false)
        case Array("null".utf8): return .null
        default: break
        }
        guard let number = Self.number(word) else { throw .malformed("an unexpected keyword") }
        guard case .integer(let first) = number, first >= 0 else { return number }
        // `n g R`: look ahead two tokens without consuming them unless they form a reference.
        let saved = position
        do {
            let second = try token()
            if let generation = Self.integer(second) {
                let third = try token()
                if third == [0x52] { return .reference(PDFReference(first, generation)) }
            }
        } catch .needMore {
            throw .needMore
        } catch {
            // at the end of the file the lookahead simply fails
        }
        position = saved
        return number
    }

    static func integer(_ word: [UInt8]) -> Int? {
        guard !word.isEmpty, word.count <= 18, word.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return word.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    static func number(_ word: [UInt8]) -> PDFObject? {
        var digits = word[...]
        var negative = false
        if let sign = digits.first, sign == 0x2B || sign == 0x2D {
            negative = sign == 0x2D
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 32 else { return nil }
        if let value = integer(Array(digits)) { return .integer(negative ? -value : value) }
        guard digits.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E }), digits.filter({ $0 == 0x2E }).count == 1,
            let value = Double(String(decoding: digits, as: UTF8.self))
        else { return nil }
        return .real(negative ? -value : value)
    }

    // MARK: Indirect objects

    /// `n g obj <object> [stream … endstream] endobj` at the window's start (§7.3.10, §7.3.8). A stream's length
    /// comes from `/Length`, resolved by `length` when it is a reference.
    mutating func indirectObject(
        fileSize: Int, length: (PDFReference) -> Int?
    ) throws(Failure)
        -> (reference: PDFReference, object: PDFObject)
    {
        let numberWord = try token()
        let generationWord = try token()
        guard let number = Self.integer(numberWord), let generation = Self.integer(generationWord) else {
            throw .malformed("no object header")
        }
        try expectKeyword("obj")
        let value = try object()
        let afterValue = position
        let word = try token()
        if word == Array("stream".utf8), let dictionary = value.dictionary {
            // §7.3.8.1: "stream" is followed by CRLF or LF (a lone CR is tolerated).
            guard position < bytes.count else { throw ranOut() }
            if bytes[position] == 0x0D { position += 1 }
            guard position < bytes.count else { throw ranOut() }
            if bytes[position] == 0x0A { position += 1 }
            let start = absolutePosition
            let count: Int
            switch dictionary["Length"] {
            case .integer(let value)?: count = value
            case .reference(let reference)?:
                guard let value = length(reference) else { throw .malformed("unresolvable stream /Length") }
                count = value
            default: throw .malformed("a stream without /Length")
            }
            guard count >= 0, count <= fileSize - start else { throw .malformed("a stream /Length past the end of the file") }
            return (PDFReference(number, generation), .stream(dictionary, data: start..<(start + count)))
        }
        // A missing endobj is tolerated as readers do; the object itself is complete.
        position = afterValue
        return (PDFReference(number, generation), value)
    }
}

/// The reader's bounds: everything input can make large is capped (issue 23: "huge objects, deep nesting").
public struct PDFLimits: Sendable {
    /// Bytes of one object outside its stream data.
    public var maximumObjectBytes = 4 << 20
    /// Decoded bytes of one stream the reader decodes (cross-reference, object streams, DSS entries).
    public var maximumDecodedStreamBytes = 32 << 20
    public var maximumNesting = 64
    public var maximumArrayCount = 1 << 20
    public var maximumRevisions = 4096
    public var maximumObjectNumber = 8 << 20
    public var maximumFields = 10_000
    public init() {}
}
