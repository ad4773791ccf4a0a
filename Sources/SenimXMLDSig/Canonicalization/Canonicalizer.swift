import CLibXML2
import CShims
import Foundation

/// The nodes a reference or SignedInfo covers, as XML-DSig defines node-sets (§4.4.3.3): a subtree or the
/// whole document, minus excluded subtrees (the enveloped signature, later signatures), minus comments for
/// same-document URIs without xpointer.
struct NodeSelection {
    var root: XMLElement?
    var excluded: [XMLElement] = []
    var excludeComments: Bool
}

/// Canonical XML over libxml2's xmlC14NExecute, with the node-set given by a visibility function (in C).
enum Canonicalizer {
    static func canonicalize(_ document: XMLDocument, _ selection: NodeSelection, method: CanonicalizationMethod,
                             inclusivePrefixes: [String] = []) throws(XMLDSigError) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { throw .malformedXML("cannot allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        var excluded: [xmlNodePtr?] = selection.excluded.map(\.node)
        let result: Int32 = excluded.withUnsafeMutableBufferPointer { excludedBuffer in
            var native = senim_c14n_selection(root: selection.root?.node, excluded: excludedBuffer.baseAddress,
                                              excluded_count: Int32(excludedBuffer.count), exclude_comments: selection.excludeComments ? 1 : 0)
            return withPrefixList(method.isExclusive ? inclusivePrefixes : []) { prefixes in
                senim_c14n(document.pointer, &native, method.libxmlMode, prefixes, method.withComments ? 1 : 0, buffer)
            }
        }
        guard result >= 0 else { throw .malformedXML("canonicalisation failed") }
        return bytes(of: buffer)
    }

    /// Canonicalises the node-set an XPath expression selects. Internal: the validation never evaluates XPath;
    /// the test harness uses this for the W3C golden files, whose node-sets only XPath defines.
    static func canonicalize(_ document: XMLDocument, xpath: String, namespaces: [String: String], method: CanonicalizationMethod,
                             inclusivePrefixes: [String] = []) throws(XMLDSigError) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { throw .malformedXML("cannot allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        let pairs = namespaces.flatMap { [$0.key, $0.value] }
        let cStrings = pairs.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) } + [nil]
        let result = pointers.withUnsafeMutableBufferPointer { namespaceBuffer in
            withPrefixList(method.isExclusive ? inclusivePrefixes : []) { prefixes in
                senim_c14n_node_set(document.pointer, xpath, namespaceBuffer.baseAddress, method.libxmlMode, prefixes, method.withComments ? 1 : 0, buffer)
            }
        }
        guard result >= 0 else { throw .malformedXML("canonicalisation of \(xpath) failed") }
        return bytes(of: buffer)
    }

    private static func bytes(of buffer: xmlBufferPtr) -> [UInt8] {
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }

    /// A NULL-terminated `xmlChar **` for InclusiveNamespaces PrefixList (`#default` is the default namespace).
    private static func withPrefixList<Result>(_ prefixes: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<xmlChar>?>?) -> Result) -> Result {
        guard !prefixes.isEmpty else { return body(nil) }
        let copies = prefixes.map { xmlCharStrdup($0) }
        defer { copies.forEach { senim_xmlFree($0) } }
        var list: [UnsafeMutablePointer<xmlChar>?] = copies + [nil]
        return list.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }
}
