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

    func process(_ reference: XMLReference) throws(XMLDSigError) -> SignedReference {
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

        var octets: [UInt8]?
        for transform in reference.transforms {
            guard octets == nil else { throw .refusedTransform("a transform after canonicalisation (octets cannot be filtered again)") }
            switch transform {
            case .envelopedSignature:
                selection.excluded.append(signature)
            case .excludeAllSignatures:
                selection.excluded += allSignatures
            case .canonicalization(let method, let prefixes):
                octets = try Canonicalizer.canonicalize(document, selection, method: method, inclusivePrefixes: prefixes)
            case .refused(let algorithm):
                throw .refusedTransform("the transform \(algorithm) is not allowed (only enveloped-signature and C14N; XSLT and XPath are refused)")
            }
        }
        // A node-set left at the end becomes octets by inclusive C14N 1.0 (§4.4.3.2).
        let bytes: [UInt8]
        if let octets { bytes = octets } else { bytes = try Canonicalizer.canonicalize(document, selection, method: .inclusive10) }
        let coverage: SignedDataScope.Coverage = target == nil ? .full : (target == document.root ? .full : .partial)
        return SignedReference(uri: uri, coverage: coverage, elementPath: target?.path, canonicalBytes: bytes)
    }
}

/// The elements carrying each ID value, built once per document from the declared ID attributes and xml:id.
struct XMLIDIndex {
    private var elements: [String: [XMLElement]] = [:]

    init(document: XMLDocument, idAttributes: [String]) {
        for element in document.root.descendantsAndSelf {
            var values = Set<String>()
            for name in idAttributes { if let value = element.attribute(name) { values.insert(value) } }
            if let value = element.attribute("id", namespace: "http://www.w3.org/XML/1998/namespace") { values.insert(value) }
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
