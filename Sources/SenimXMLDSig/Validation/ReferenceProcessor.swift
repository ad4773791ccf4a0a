import Foundation
import SenimCrypto
import SenimPKI

/// Dereferences a Reference URI inside the document and applies its transforms (W3C XML-DSig §4.4.3),
/// allowing only what cannot select unsigned look-alikes: same-document URIs, enveloped-signature, the C14N
/// family and the "no signatures" XPath filter. XSLT, general XPath, XPath-Filter 2 and external resources
/// are refused.
struct ReferenceProcessor {
    let document: XMLDocument
    let signature: XMLElement
    /// Signatures removed before this one is checked (the later ones, in the Kalkan order).
    let laterSignatures: [XMLElement]
    let allSignatures: [XMLElement]
    let idIndex: XMLIDIndex

    /// Dereferences and transforms, then digests the result; the canonical octets are kept only when `retain`.
    func process(_ reference: XMLReference, digest algorithm: DigestAlgorithm, retain: Bool) throws(XMLDSigError) -> (
        SignedReference, digest: [UInt8]
    ) {
        var selection: NodeSelection
        var target: XMLElement?
        let uri = reference.uri
        switch uri {
        case nil:
            throw .refusedTransform("a Reference without URI (the application would have to supply the data)")
        case "":
            selection = NodeSelection(root: nil, excludeComments: true)
        case "#xpointer(/)":
            selection = NodeSelection(root: nil, excludeComments: false)
        case let value? where value.hasPrefix("#xpointer(id(") && value.hasSuffix("))"):
            let inner = value.dropFirst("#xpointer(id(".count).dropLast(2)
            let id = inner.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            target = try idIndex.element(for: id)
            selection = NodeSelection(root: target, excludeComments: false)
        case let value? where value.hasPrefix("#") && !value.contains("("):
            target = try idIndex.element(for: String(value.dropFirst()))
            selection = NodeSelection(root: target, excludeComments: true)
        case let value?:
            throw .refusedTransform("the Reference URI \"\(value)\" is not a same-document reference; external data is not fetched")
        }
        selection.excluded = laterSignatures

        // The last transform may canonicalise; nothing may follow it (octets cannot be filtered again). Without
        // one, the node-set becomes octets by inclusive C14N 1.0 (§4.4.3.2).
        var method = CanonicalizationMethod.inclusive10
        var prefixes: [String] = []
        var canonicalised = false
        for transform in reference.transforms {
            guard !canonicalised else { throw .refusedTransform("a transform after canonicalisation (octets cannot be filtered again)") }
            switch transform {
            case .envelopedSignature:
                selection.excluded.append(signature)
            case .excludeAllSignatures:
                selection.excluded += allSignatures
            case .canonicalization(let chosen, let list):
                (method, prefixes, canonicalised) = (chosen, list, true)
            case .refused(let algorithm):
                throw .refusedTransform(
                    "the transform \(algorithm) is not allowed (only enveloped-signature and C14N; XSLT and XPath are refused)")
            }
        }
        let coverage: SignedDataScope.Coverage = target == nil || target == document.root ? .full : .partial
        if retain {
            let bytes = try Canonicalizer.canonicalize(document, selection, method: method, inclusivePrefixes: prefixes)
            return (
                SignedReference(uri: uri, coverage: coverage, elementPath: target?.path, canonicalBytes: bytes, length: bytes.count),
                algorithm.hash(bytes)
            )
        }
        let (digest, length) = try Canonicalizer.digest(
            document, selection, method: method, inclusivePrefixes: prefixes, algorithm: algorithm)
        return (SignedReference(uri: uri, coverage: coverage, elementPath: target?.path, canonicalBytes: [], length: length), digest)
    }
}

/// The elements carrying each ID value, built once per document from the declared ID attributes and xml:id.
struct XMLIDIndex {
    private var elements: [String: [XMLElement]] = [:]

    init(document: XMLDocument, idAttributes: [String]) {
        let names = Set(idAttributes)
        document.root.forEachElement { element in
            // One pass over the attribute list: most elements have none of the ID attributes.
            var values: [String] = []
            element.forEachAttribute { name, namespace, value in
                let isID = namespace == nil ? names.contains(name) : (namespace == "http://www.w3.org/XML/1998/namespace" && name == "id")
                if isID, let text = value(), !values.contains(text) { values.append(text) }
            }
            for value in values { elements[value, default: []].append(element) }
        }
    }

    func element(for id: String) throws(XMLDSigError) -> XMLElement {
        guard let found = elements[id], !found.isEmpty else { throw .malformedSignature("no element has the ID \"\(id)\"") }
        guard found.count == 1 else { throw .duplicateID(id) }
        return found[0]
    }

    var duplicated: [String] { elements.filter { $0.value.count > 1 }.map(\.key).sorted() }
}
