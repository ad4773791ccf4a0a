import Foundation
import SenimCrypto
import SenimPKI

/// A JSON value restricted to what evidence needs: no floating-point numbers, so RFC 8785 (JCS)
/// canonicalisation reduces to sorted keys, the ECMAScript string escapes and integer literals, and any
/// language reproduces the bytes (and their hashes) exactly.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

public enum CanonicalJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case floatingPoint(String)
    case tooDeep

    public var description: String {
        switch self {
        case .malformed(let why): return "malformed JSON: \(why)"
        case .floatingPoint(let literal): return "the number \(literal) is not an integer; evidence JSON carries integers only"
        case .tooDeep: return "JSON nested more than 64 levels"
        }
    }
}

/// RFC 8785 JSON Canonicalization Scheme for ``JSONValue``s, and the bridge from `Codable`.
public enum CanonicalJSON {
    /// The canonical bytes of any Encodable (dates as ISO 8601 UTC with milliseconds).
    public static func encode<Value: Encodable>(_ value: Value) throws(CanonicalJSONError) -> [UInt8] {
        serialize(try JSONValueEncoder.encode(value))
    }

    /// The same bytes through Foundation's JSONEncoder and the strict parser: the reference the direct
    /// encoder (``JSONValueEncoder``) is tested against.
    static func encodeThroughFoundation<Value: Encodable>(_ value: Value) throws(CanonicalJSONError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.timestamp(date))
        }
        let data: Data
        do { data = try encoder.encode(value) } catch { throw .malformed("\(DecodingErrorText.sentence(error))") }
        return serialize(try parse(Array(data)))
    }

    /// `2026-12-01T10:15:30.123Z`: UTC, to the nearest millisecond (so a time read back from its own text
    /// encodes to the same text), the form every event time takes.
    public static func timestamp(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let whole = Date(timeIntervalSince1970: (milliseconds / 1000).rounded(.down))
        let fraction = Int(milliseconds.truncatingRemainder(dividingBy: 1000) + 1000) % 1000
        return String(whole.iso8601.dropLast()) + "." + Date.zeroPadded(fraction, width: 3) + "Z"
    }

    /// A decoder for what ``encode(_:)`` wrote (dates as ``timestamp(_:)`` text).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a timestamp: \(text)"))
            }
            return date
        }
        return decoder
    }

    public static func serialize(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += [0x6E, 0x75, 0x6C, 0x6C]
        case .bool(let flag): out += flag ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65]
        case .integer(let number): out += String(number).utf8
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(0x2C) }
                write(item, into: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            // RFC 8785 §3.2.3: keys ordered by their UTF-16 code units.
            for (index, key) in members.keys.sorted(by: { $0.utf16.lexicographicallyPrecedes($1.utf16) }).enumerated() {
                if index > 0 { out.append(0x2C) }
                writeString(key, into: &out)
                out.append(0x3A)
                write(members[key] ?? .null, into: &out)
            }
            out.append(0x7D)
        }
    }

    /// ECMAScript JSON.stringify escaping (RFC 8785 §3.2.2.2): `"`, `\`, the short escapes, other controls as \u00xx.
    /// Only ASCII bytes are ever escaped, and every byte of a multi-byte UTF-8 sequence is ≥ 0x80, so the UTF-8
    /// bytes are copied through as they are.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, 0x62]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0C: out += [0x5C, 0x66]
            case 0x0D: out += [0x5C, 0x72]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10 }

    // MARK: Parsing

    public static func parse(_ bytes: [UInt8]) throws(CanonicalJSONError) -> JSONValue {
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw .malformed("trailing bytes at \(parser.index)") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ literal: String) throws(CanonicalJSONError) {
            let pattern = Array(literal.utf8)
            guard index + pattern.count <= bytes.count, Array(bytes[index..<(index + pattern.count)]) == pattern else {
                throw .malformed("expected \(literal) at \(index)")
            }
            index += pattern.count
        }

        mutating func value(depth: Int) throws(CanonicalJSONError) -> JSONValue {
            guard depth < 64 else { throw .tooDeep }
            skipWhitespace()
            guard index < bytes.count else { throw .malformed("unexpected end") }
            switch bytes[index] {
            case 0x7B:
                index += 1
                var members: [String: JSONValue] = [:]
                skipWhitespace()
                if index < bytes.count, bytes[index] == 0x7D {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipWhitespace()
                    let key = try string()
                    skipWhitespace()
                    try expect(":")
                    guard members[key] == nil else { throw .malformed("duplicate key \"\(key)\"") }
                    members[key] = try value(depth: depth + 1)
                    skipWhitespace()
                    guard index < bytes.count else { throw .malformed("unterminated object") }
                    if bytes[index] == 0x2C {
                        index += 1
                        continue
                    }
                    try expect("}")
                    return .object(members)
                }
            case 0x5B:
                index += 1
                var items: [JSONValue] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == 0x5D {
                    index += 1
                    return .array(items)
                }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard index < bytes.count else { throw .malformed("unterminated array") }
                    if bytes[index] == 0x2C {
                        index += 1
                        continue
                    }
                    try expect("]")
                    return .array(items)
                }
            case 0x22: return .string(try string())
            case 0x74:
                try expect("true")
                return .bool(true)
            case 0x66:
                try expect("false")
                return .bool(false)
            case 0x6E:
                try expect("null")
                return .null
            default: return try number()
            }
        }

        mutating func number() throws(CanonicalJSONError) -> JSONValue {
            let start = index
            if index < bytes.count, bytes[index] == 0x2D { index += 1 }
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            var isFloat = false
            while index < bytes.count,
                [0x2E, 0x65, 0x45, 0x2B, 0x2D].contains(bytes[index]) || (isFloat && (0x30...0x39).contains(bytes[index]))
            {
                isFloat = true
                index += 1
            }
            let literal = String(decoding: bytes[start..<index], as: UTF8.self)
            if isFloat { throw .floatingPoint(literal) }
            guard let number = Int64(literal) else { throw .malformed("not a number: \(literal)") }
            return .integer(number)
        }

        mutating func string() throws(CanonicalJSONError) -> String {
            try expect("\"")
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flushRaw() throws(CanonicalJSONError) {
                guard !raw.isEmpty else { return }
                guard let text = String(validating: raw, as: UTF8.self) else { throw .malformed("invalid UTF-8") }
                scalars.append(contentsOf: text.unicodeScalars)
                raw.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x22:
                    try flushRaw()
                    return String(scalars)
                case 0x5C:
                    try flushRaw()
                    guard index < bytes.count else { throw .malformed("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case 0x22: scalars.append("\"")
                    case 0x5C: scalars.append("\\")
                    case 0x2F: scalars.append("/")
                    case 0x62: scalars.append("\u{8}")
                    case 0x66: scalars.append("\u{C}")
                    case 0x6E: scalars.append("\n")
                    case 0x72: scalars.append("\r")
                    case 0x74: scalars.append("\t")
                    case 0x75:
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code) {
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw .malformed("unpaired surrogate") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw .malformed("invalid \\u escape") }
                        scalars.append(scalar)
                    default: throw .malformed("unknown escape")
                    }
                case 0..<0x20: throw .malformed("control character in a string")
                default: raw.append(byte)
                }
            }
            throw .malformed("unterminated string")
        }

        mutating func hex4() throws(CanonicalJSONError) -> UInt32 {
            guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
            else {
                throw .malformed("bad \\u escape")
            }
            index += 4
            return value
        }
    }
}
