import Foundation

/// Serialises objects for an incremental update (ISO 32000-2 §7.3): names with `#xx` escapes, strings as
/// literal strings with every delimiter escaped, reals without exponents.
enum PDFObjectWriter {
    static func write(_ object: PDFObject) -> [UInt8] {
        var out: [UInt8] = []
        write(object, into: &out)
        return out
    }

    static func write(_ object: PDFObject, into out: inout [UInt8]) {
        switch object {
        case .null: out += Array("null".utf8)
        case .boolean(let value): out += Array((value ? "true" : "false").utf8)
        case .integer(let value): out += Array(String(value).utf8)
        case .real(let value): out += Array(String(format: "%.6f", value).utf8)
        case .string(let bytes):
            out.append(0x28)
            for byte in bytes {
                switch byte {
                case 0x28, 0x29, 0x5C: out += [0x5C, byte]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                default: out.append(byte)
                }
            }
            out.append(0x29)
        case .name(let name): out += nameToken(name)
        case .array(let items):
            out.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(0x20) }
                write(item, into: &out)
            }
            out.append(0x5D)
        case .dictionary(let dictionary): write(dictionary, into: &out)
        case .reference(let reference): out += Array("\(reference.number) \(reference.generation) R".utf8)
        case .stream(let dictionary, _): write(dictionary, into: &out) // streams are never rewritten by the sealer
        }
    }

    static func write(_ dictionary: PDFDictionary, into out: inout [UInt8]) {
        out += Array("<<".utf8)
        for key in dictionary.keys.sorted() {
            guard let value = dictionary[key] else { continue }
            out.append(0x20)
            out += nameToken(key)
            out.append(0x20)
            write(value, into: &out)
        }
        out += Array(" >>".utf8)
    }

    static func nameToken(_ name: String) -> [UInt8] {
        var out: [UInt8] = [0x2F]
        for byte in name.utf8 {
            if byte < 0x21 || byte > 0x7E || byte == 0x23 || PDFParser.isDelimiter(byte) {
                out += Array(String(format: "#%02X", byte).utf8)
            } else {
                out.append(byte)
            }
        }
        return out
    }
}
