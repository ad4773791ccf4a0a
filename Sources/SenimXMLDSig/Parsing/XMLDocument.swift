import CLibXML2
import CShims
import Foundation

/// A parsed XML document that keeps its received bytes. Parsing is libxml2 with the safe options only: no
/// network, no DTD (a document with one is refused before libxml2 sees it), no entity substitution, the default
/// depth (256) and text-node limits, and errors captured instead of printed.
///
/// Not Sendable: a document lives inside one validation or signing call.
final class XMLDocument {
    let pointer: xmlDocPtr
    let bytes: [UInt8]
    /// The document element (init refuses a document without one).
    private let rootNode: xmlNodePtr

    /// Inputs larger than this are refused (the 20 MB benchmark documents fit with room to spare).
    static let maximumSize = 128 << 20

    init(bytes input: [UInt8]) throws(XMLDSigError) {
        // NCANode trims before parsing; Kalkan literals often start with a newline before the XML declaration.
        let start = input.firstIndex { !(($0 == 0x20) || ($0 == 0x09) || ($0 == 0x0A) || ($0 == 0x0D)) } ?? input.endIndex
        let bytes = start == input.startIndex ? input : Array(input[start...])
        guard !bytes.isEmpty else { throw .malformedXML("empty input") }
        guard bytes.count <= Self.maximumSize else {
            throw .malformedXML("document of \(bytes.count) bytes exceeds the \(Self.maximumSize)-byte limit")
        }
        if let construct = Self.forbiddenPrologConstruct(bytes) { throw .forbiddenConstruct(construct) }
        // COMPACT keeps short text inside the nodes: a 20 MB document of small elements needs far less memory.
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let context = xmlNewParserCtxt() else { throw .malformedXML("cannot create a parser") }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(buffer.count), "document.xml", nil, options)
                }
            } ?? nil
        }
        guard let document else {
            let message = xmlCtxtGetLastError(context).flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "not well-formed"
            throw .malformedXML(message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            xmlFreeDoc(document)
            throw .forbiddenConstruct("a document type declaration (DTDs are not accepted: entity expansion and external entities)")
        }
        guard let rootNode = xmlDocGetRootElement(document) else {
            xmlFreeDoc(document)
            throw .malformedXML("no root element")
        }
        self.rootNode = rootNode
        self.pointer = document
        self.bytes = bytes
    }

    deinit { xmlFreeDoc(pointer) }

    var root: XMLElement { XMLElement(rootNode) }

    /// Scans the prolog (before the root element) for `<!DOCTYPE`, which carries entity declarations: billion
    /// laughs and external entities are refused without being parsed at all.
    static func forbiddenPrologConstruct(_ bytes: [UInt8]) -> String? {
        var index = 0
        func has(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            return position + pattern.count <= bytes.count && Array(bytes[position..<(position + pattern.count)]) == pattern
        }
        while index < bytes.count {
            guard bytes[index] == 0x3C else {
                index += 1
                continue
            } // '<'
            if has("<!DOCTYPE", at: index) {
                return "a document type declaration (DTDs are not accepted: entity expansion and external entities)"
            }
            if has("<!--", at: index) {
                // Skip the comment.
                var end = index + 4
                while end + 2 < bytes.count && !(bytes[end] == 0x2D && bytes[end + 1] == 0x2D && bytes[end + 2] == 0x3E) { end += 1 }
                index = end + 3
                continue
            }
            if has("<?", at: index) {
                var end = index + 2
                while end + 1 < bytes.count && !(bytes[end] == 0x3F && bytes[end + 1] == 0x3E) { end += 1 }
                index = end + 2
                continue
            }
            return nil // the root element starts: the prolog is over
        }
        return nil
    }
}
