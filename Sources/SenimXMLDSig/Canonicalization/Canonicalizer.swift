import CLibXML2
import CShims
import Foundation
import SenimCrypto

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
    static func canonicalize(
        _ document: XMLDocument, _ selection: NodeSelection, method: CanonicalizationMethod,
        inclusivePrefixes: [String] = []
    ) throws(XMLDSigError) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { throw .malformedXML("cannot allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        let result = withNative(selection, method: method, inclusivePrefixes: inclusivePrefixes) { native, prefixes in
            senim_c14n(document.pointer, native, method.libxmlMode, prefixes, method.withComments ? 1 : 0, buffer)
        }
        guard result >= 0 else { throw .malformedXML("canonicalisation failed") }
        return bytes(of: buffer)
    }

    /// The digest of the canonical form, computed as libxml2 writes it: no copy of the canonical octets.
    static func digest(
        _ document: XMLDocument, _ selection: NodeSelection, method: CanonicalizationMethod, inclusivePrefixes: [String] = [],
        algorithm: DigestAlgorithm
    ) throws(XMLDSigError) -> (digest: [UInt8], length: Int) {
        let sink = DigestSink(algorithm.makeHasher())
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let result = withNative(selection, method: method, inclusivePrefixes: inclusivePrefixes) { native, prefixes in
            senim_c14n_stream(
                document.pointer, native, method.libxmlMode, prefixes, method.withComments ? 1 : 0,
                { context, bytes, length in
                    guard let context, let bytes, length >= 0 else { return -1 }
                    Unmanaged<DigestSink>.fromOpaque(context).takeUnretainedValue().update(
                        UnsafeRawBufferPointer(start: bytes, count: Int(length)))
                    return length
                }, context)
        }
        guard result >= 0 else { throw .malformedXML("canonicalisation failed") }
        return withExtendedLifetime(sink) { (sink.hasher.finalize(), sink.length) }
    }

    private static func withNative<Result>(
        _ selection: NodeSelection, method: CanonicalizationMethod, inclusivePrefixes: [String],
        _ body: (UnsafeMutablePointer<senim_c14n_selection>, UnsafeMutablePointer<UnsafeMutablePointer<xmlChar>?>?) -> Result
    ) -> Result {
        var excluded: [xmlNodePtr?] = selection.excluded.map(\.node)
        return excluded.withUnsafeMutableBufferPointer { excludedBuffer in
            var native = senim_c14n_selection(
                root: selection.root?.node, excluded: excludedBuffer.baseAddress,
                excluded_count: Int32(excludedBuffer.count), exclude_comments: selection.excludeComments ? 1 : 0)
            return withPrefixList(method.isExclusive ? inclusivePrefixes : []) { prefixes in body(&native, prefixes) }
        }
    }

    /// Canonicalises the node-set an XPath expression selects. Internal: the validation never evaluates XPath;
    /// the test harness uses this for the W3C golden files, whose node-sets only XPath defines.
    static func canonicalize(
        _ document: XMLDocument, xpath: String, namespaces: [String: String], method: CanonicalizationMethod,
        inclusivePrefixes: [String] = []
    ) throws(XMLDSigError) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { throw .malformedXML("cannot allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        let pairs = namespaces.flatMap { [$0.key, $0.value] }
        let cStrings = pairs.map { strdup($0) }
        defer { for copy in cStrings { free(copy) } }
        var pointers: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) } + [nil]
        let result = pointers.withUnsafeMutableBufferPointer { namespaceBuffer in
            withPrefixList(method.isExclusive ? inclusivePrefixes : []) { prefixes in
                senim_c14n_node_set(
                    document.pointer, xpath, namespaceBuffer.baseAddress, method.libxmlMode, prefixes, method.withComments ? 1 : 0, buffer)
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
    private static func withPrefixList<Result>(
        _ prefixes: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<xmlChar>?>?) -> Result
    ) -> Result {
        guard !prefixes.isEmpty else { return body(nil) }
        let copies = prefixes.map { xmlCharStrdup($0) }
        defer { for copy in copies { senim_xmlFree(copy) } }
        var list: [UnsafeMutablePointer<xmlChar>?] = copies + [nil]
        return list.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }
}

/// Receives canonical octets from libxml2 and hashes them.
private final class DigestSink {
    var hasher: DigestHasher
    var length = 0
    init(_ hasher: DigestHasher) { self.hasher = hasher }
    func update(_ bytes: UnsafeRawBufferPointer) {
        length += bytes.count
        hasher.update(bufferPointer: bytes)
    }
}
