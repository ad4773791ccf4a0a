import Foundation
import SenimTestSupport
import Testing

@testable import SenimXMLDSig

/// The W3C Merlin golden files (merlin-c14n-three): each Reference's node-set, defined by its XPath filter,
/// canonicalised here must equal `c14n-N.txt` byte for byte; `c14n-27.txt` is the canonical SignedInfo.
@Suite("Canonical XML")
struct CanonicalizationTests {
    static let folder = "suites/xmlsec/merlin-c14n-three"
    static let namespaces = [
        "bar": "http://example.org/bar", "foo": "http://example.org/foo", "baz": "http://example.org/baz",
        "dsig": "http://www.w3.org/2000/09/xmldsig#",
    ]

    /// (XPath filter, method, prefix list) of each of the 27 References, read from signature.xml.
    static func references() throws -> [(String, CanonicalizationMethod, [String])] {
        let document = try XMLDocument(bytes: try TestVectors.bytes("\(folder)/signature.xml"))
        let signature = try #require(document.root.child("Signature", XMLNamespace.dsig))
        let signedInfo = try #require(signature.child("SignedInfo", XMLNamespace.dsig))
        return signedInfo.children("Reference", XMLNamespace.dsig).map { reference in
            let transforms = reference.child("Transforms", XMLNamespace.dsig)?.children("Transform", XMLNamespace.dsig) ?? []
            let xpath = transforms.compactMap { $0.child("XPath", XMLNamespace.dsig)?.text }.first ?? "true()"
            var method = CanonicalizationMethod.inclusive10
            var prefixes: [String] = []
            for transform in transforms {
                if case .canonicalization(let found, let list) = XMLTransform(transform) {
                    method = found
                    prefixes = list
                }
            }
            return (xpath, method, prefixes)
        }
    }

    @Test func merlinReferencesMatchTheGoldenFiles() throws {
        let bytes = try TestVectors.bytes("\(Self.folder)/signature.xml")
        let document = try XMLDocument(bytes: bytes)
        let references = try Self.references()
        #expect(references.count == 27)
        for (index, (filter, method, prefixes)) in references.enumerated() {
            // URI="" selects the document without comments; the XPath filter keeps the nodes it is true for.
            let xpath = "(//. | //@* | //namespace::*)[\(filter)]"
            let output = try Canonicalizer.canonicalize(
                document, xpath: xpath, namespaces: Self.namespaces, method: method, inclusivePrefixes: prefixes)
            let expected = try TestVectors.bytes("\(Self.folder)/c14n-\(index).txt")
            #expect(output == expected, "reference \(index): \(String(decoding: output, as: UTF8.self))")
        }
    }

    @Test func merlinSignedInfoCanonicalisesToTheGoldenFile() throws {
        let document = try XMLDocument(bytes: try TestVectors.bytes("\(Self.folder)/signature.xml"))
        let signedInfo = try #require(document.root.child("Signature", XMLNamespace.dsig)?.child("SignedInfo", XMLNamespace.dsig))
        let output = try Canonicalizer.canonicalize(document, NodeSelection(root: signedInfo, excludeComments: false), method: .inclusive10)
        #expect(output == (try TestVectors.bytes("\(Self.folder)/c14n-27.txt")))
    }

    /// C14N 1.0 carries xml:* attributes of omitted ancestors into a document subset; 1.1 keeps xml:lang and
    /// xml:space but not xml:id (C14N 1.1 §2.4); exclusive C14N carries none.
    @Test func subsetInheritanceDiffersBetweenVersions() throws {
        let document = try XMLDocument(bytes: Array("<a xmlns:p=\"urn:p\" xml:id=\"x\" xml:lang=\"en\"><b/></a>".utf8))
        let b = try #require(document.root.childElements.first)
        let selection = NodeSelection(root: b, excludeComments: true)
        #expect(
            String(decoding: try Canonicalizer.canonicalize(document, selection, method: .inclusive10), as: UTF8.self)
                == "<b xmlns:p=\"urn:p\" xml:id=\"x\" xml:lang=\"en\"></b>")
        #expect(
            String(decoding: try Canonicalizer.canonicalize(document, selection, method: .inclusive11), as: UTF8.self)
                == "<b xmlns:p=\"urn:p\" xml:lang=\"en\"></b>")
        #expect(String(decoding: try Canonicalizer.canonicalize(document, selection, method: .exclusive10), as: UTF8.self) == "<b></b>")
        #expect(
            String(
                decoding: try Canonicalizer.canonicalize(document, selection, method: .exclusive10, inclusivePrefixes: ["p"]), as: UTF8.self
            )
                == "<b xmlns:p=\"urn:p\"></b>")
    }

    @Test func commentsCRAndAttributeValuesAreNormalised() throws {
        let xml = "<?xml version=\"1.0\"?>\r\n<a b=\"x&#13;y\"   c='1'>\r\n<!-- note -->t&#13;\r\n<e/></a>"
        let document = try XMLDocument(bytes: Array(xml.utf8))
        let without = try Canonicalizer.canonicalize(document, NodeSelection(root: nil, excludeComments: false), method: .inclusive10)
        #expect(String(decoding: without, as: UTF8.self) == "<a b=\"x&#xD;y\" c=\"1\">\nt&#xD;\n<e></e></a>")
        let with = try Canonicalizer.canonicalize(
            document, NodeSelection(root: nil, excludeComments: false), method: .inclusive10WithComments)
        #expect(String(decoding: with, as: UTF8.self) == "<a b=\"x&#xD;y\" c=\"1\">\n<!-- note -->t&#xD;\n<e></e></a>")
        // A same-document URI drops comments even under #WithComments (XML-DSig §4.4.3.3).
        let uriEmpty = try Canonicalizer.canonicalize(
            document, NodeSelection(root: nil, excludeComments: true), method: .inclusive10WithComments)
        #expect(uriEmpty == without)
    }
}
