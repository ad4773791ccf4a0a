/// An indirect reference `n g R` (ISO 32000-2 §7.3.10).
public struct PDFReference: Sendable, Hashable, CustomStringConvertible {
    public let number: Int
    public let generation: Int
    public init(_ number: Int, _ generation: Int = 0) {
        self.number = number
        self.generation = generation
    }
    public var description: String { "\(number) \(generation) R" }
}

/// A PDF object (ISO 32000-2 §7.3). Streams keep only where their data is, not the data: the reader decodes
/// the few it needs (cross-reference and object streams, DSS entries) and hashes nothing through them.
public indirect enum PDFObject: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int)
    case real(Double)
    /// Literal or hexadecimal string, decoded to its bytes.
    case string([UInt8])
    case name(String)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)
    /// The stream dictionary and the absolute byte range of its (still encoded) data.
    case stream(PDFDictionary, data: Range<Int>)

    public var dictionary: PDFDictionary? {
        switch self {
        case .dictionary(let dictionary), .stream(let dictionary, _): return dictionary
        default: return nil
        }
    }
    public var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    public var name: String? { if case .name(let value) = self { value } else { nil } }
    public var array: [PDFObject]? { if case .array(let value) = self { value } else { nil } }
    public var string: [UInt8]? { if case .string(let value) = self { value } else { nil } }
    public var reference: PDFReference? { if case .reference(let value) = self { value } else { nil } }
    public var number: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }
}

/// A dictionary (§7.3.7) that also remembers where each value was in the file, so the validator can check that a
/// ByteRange leaves out exactly the `/Contents` string (ISO 32000-2 §12.8.1).
public struct PDFDictionary: Sendable, Hashable {
    public private(set) var entries: [String: PDFObject]
    /// Absolute byte range of each value's token(s), when the dictionary was parsed from the file.
    public private(set) var spans: [String: Range<Int>]

    public init(_ entries: [String: PDFObject] = [:], spans: [String: Range<Int>] = [:]) {
        self.entries = entries
        self.spans = spans
    }

    public subscript(key: String) -> PDFObject? { entries[key] }
    public var keys: Dictionary<String, PDFObject>.Keys { entries.keys }
    public var type: String? { entries["Type"]?.name }

    public mutating func set(_ key: String, _ value: PDFObject?, span: Range<Int>? = nil) {
        entries[key] = value
        spans[key] = span
    }

    /// Equality of content only (the same dictionary written at another offset is the same dictionary).
    public static func == (lhs: PDFDictionary, rhs: PDFDictionary) -> Bool { lhs.entries == rhs.entries }
    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}
