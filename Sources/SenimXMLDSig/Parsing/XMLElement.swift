import CLibXML2
import CShims
import Foundation

/// An element of an ``XMLDocument``: name, namespace, attributes, children, text. A thin view over libxml2's
/// node; valid only while its document lives.
struct XMLElement: Hashable {
    let node: xmlNodePtr

    init(_ node: xmlNodePtr) { self.node = node }

    var localName: String { node.pointee.name.map { String(cString: $0) } ?? "" }
    var namespaceURI: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    func `is`(_ localName: String, _ namespace: String) -> Bool { self.localName == localName && namespaceURI == namespace }

    /// An attribute without a namespace (`Algorithm`, `URI`, `Id`).
    func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { senim_xmlFree(value) }
        return String(cString: value)
    }

    func attribute(_ name: String, namespace: String) -> String? {
        guard let value = xmlGetNsProp(node, name, namespace) else { return nil }
        defer { senim_xmlFree(value) }
        return String(cString: value)
    }

    var childElements: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(current)) }
            child = current.pointee.next
        }
        return result
    }

    func children(_ localName: String, _ namespace: String) -> [XMLElement] { childElements.filter { $0.is(localName, namespace) } }

    func child(_ localName: String, _ namespace: String) -> XMLElement? { children(localName, namespace).first }

    var parent: XMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(parent)
    }

    /// The concatenated text content (character references already resolved: `&#13;` is a CR here).
    var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { senim_xmlFree(content) }
        return String(cString: content)
    }

    /// Visits this element and every element below it in document order, without building arrays or
    /// recursing (a 20 MB document has hundreds of thousands of elements).
    func forEachElement(_ body: (XMLElement) -> Void) {
        var current: xmlNodePtr? = node
        while let visiting = current {
            if visiting.pointee.type == XML_ELEMENT_NODE { body(XMLElement(visiting)) }
            // Next in document order: first child, else next sibling, else an ancestor's next sibling.
            if visiting.pointee.type == XML_ELEMENT_NODE, let child = visiting.pointee.children {
                current = child
                continue
            }
            var climbing: xmlNodePtr? = visiting
            current = nil
            while let step = climbing, step != node {
                if let sibling = step.pointee.next {
                    current = sibling
                    break
                }
                climbing = step.pointee.parent
            }
        }
    }

    /// Visits the attributes as (local name, namespace URI, value reader): the value is read only when asked.
    func forEachAttribute(_ body: (String, String?, () -> String?) -> Void) {
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            let namespace = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            body(name, namespace) {
                guard let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) else {
                    return nil
                }
                defer { senim_xmlFree(value) }
                return String(cString: value)
            }
            attribute = current.pointee.next
        }
    }

    /// Whether `other` is this element or inside it.
    func contains(_ other: XMLElement) -> Bool {
        var cursor: xmlNodePtr? = other.node
        while let current = cursor {
            if current == node { return true }
            cursor = current.pointee.parent
        }
        return false
    }

    /// A short path for reports: `/Envelope/Data[@Id='x']`.
    var path: String {
        var parts: [String] = []
        var cursor: XMLElement? = self
        while let element = cursor {
            var part = element.localName
            if let id = element.attribute("Id") ?? element.attribute("ID") ?? element.attribute("id") { part += "[@Id='\(id)']" }
            parts.insert(part, at: 0)
            cursor = element.parent
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Base64 text content (SignatureValue, DigestValue, X509Certificate), whitespace and CRs ignored.
    var base64Bytes: [UInt8]? { XMLBase64.decode(text) }
}

/// Base64 in XML-DSig: line breaks, spaces and `&#13;` (CR) may appear anywhere in the text.
enum XMLBase64 {
    static func decode(_ text: String) -> [UInt8]? {
        let compact = text.unicodeScalars.filter { !$0.properties.isWhitespace }
        return Data(base64Encoded: String(String.UnicodeScalarView(compact))).map { Array($0) }
    }
}
