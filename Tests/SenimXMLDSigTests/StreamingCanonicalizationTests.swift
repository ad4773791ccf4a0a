import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimXMLDSig

/// The streaming path (no tree, for large documents) must agree with the tree path on every digest and
/// verdict; documents it cannot handle fall back to the tree.
@Suite("Streaming enveloped signatures")
struct StreamingCanonicalizationTests {
    static func both(_ bytes: [UInt8], at time: Date) async throws -> (
        tree: SignatureValidationReport, stream: SignatureValidationReport, streamed: Bool
    ) {
        let tree = try await XMLFixtures.validator().validate(xml: bytes, at: time).report
        var options = XMLValidationOptions()
        options.retainSignedData = false
        let stream = try await XMLFixtures.validator(options: options).validate(xml: bytes, at: time).report
        let streamed = (try? StreamingEnvelopedSignatures(bytes: bytes, options: options)) != nil
        return (tree, stream, streamed)
    }

    static func expectSame(_ tree: SignatureValidationReport, _ stream: SignatureValidationReport) {
        #expect(tree.signatures.count == stream.signatures.count)
        for (a, b) in zip(tree.signatures, stream.signatures) {
            #expect(a.indication == b.indication && a.subIndication == b.subIndication, "\(a.messages) vs \(b.messages)")
            #expect(a.intact == b.intact && a.cryptographicallyValid == b.cryptographicallyValid)
            #expect(a.signedDataScope.map(\.digests) == b.signedDataScope.map(\.digests))
            #expect(a.signedDataScope.map(\.length) == b.signedDataScope.map(\.length))
        }
    }

    @Test(arguments: ["kz/xml/xml_signed_one_signer_rsa.xml", "kz/xml/xml_signed_two_signers_rsa_gost2015.xml"])
    func streamingCanonicalisationOfTheKZVectorsEqualsTheTree(path: String) async throws {
        let (tree, stream, streamed) = try await Self.both(try TestVectors.bytes(path), at: XMLFixtures.date("2021-06-01T00:00:00Z"))
        #expect(streamed)
        Self.expectSame(tree, stream)
        #expect(stream.signatures.allSatisfy { $0.intact })
    }

    /// Documents with what canonical XML must get right: namespace declarations (default, redundant,
    /// undeclaring), attribute order and escaping, CR and TAB in values, CDATA, comments, PIs around the root,
    /// xml:lang inherited into the captured signature, character references and non-ASCII text.
    @Test func trickyDocumentsAgreeAndVerify() async throws {
        let identity = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
        let documents = [
            "<?xml version=\"1.0\"?>\n<?pi before?><!-- c --><r xmlns=\"urn:a\" xmlns:x=\"urn:x\" xml:lang=\"kk\" b=\"2\" a=\"1\" "
                + "x:z=\"&lt;&amp;&quot;&#9;&#10;&#13;\"><e xmlns=\"urn:a\" xmlns:y=\"urn:y\"><y:f/><g xmlns=\"\">"
                + "t&amp;&lt;&gt;&#13;<![CDATA[<raw>&]]></g></e><!-- inside --><h x:k=\"v\">Қазақ тілі ✓</h></r>\n<?pi after?>",
            "<root><a>1</a>\n  <b attr=\"  spaced  \">two\r\nlines</b></root>",
            "<p:root xmlns:p=\"urn:p\" xmlns:q=\"urn:q\"><q:c p:a=\"1\" q:a=\"2\" a=\"3\"/></p:root>",
        ]
        for (index, text) in documents.enumerated() {
            var signed = try XMLSigner(identity: identity).signEnveloped(Array(text.utf8))
            if index == 0 { signed = try XMLSigner(identity: identity).signEnveloped(signed) } // co-signed
            let (tree, stream, streamed) = try await Self.both(signed, at: XMLFixtures.date("2026-05-10T00:00:00Z"))
            #expect(streamed, "document \(index)")
            Self.expectSame(tree, stream)
            #expect(stream.indication == .totalPassed, "document \(index): \(stream.signatures.map(\.messages))")
            // A tampered byte is caught on the streaming path too.
            let tampered = Array(
                String(decoding: signed, as: UTF8.self).replacingOccurrences(of: "</root>", with: "<x/></root>")
                    .replacingOccurrences(of: "Қазақ", with: "Казак").replacingOccurrences(of: "a=\"3\"", with: "a=\"4\"").utf8)
            let (treeTampered, streamTampered, _) = try await Self.both(tampered, at: XMLFixtures.date("2026-05-10T00:00:00Z"))
            Self.expectSame(treeTampered, streamTampered)
            #expect(streamTampered.signatures.contains { $0.subIndication == .hashFailure }, "document \(index)")
        }
    }

    @Test func otherShapesFallBackToTheTree() async throws {
        var options = XMLValidationOptions()
        options.retainSignedData = false
        let byID = try SignatureWrappingTests.signedByID()
        let byIDStream = try StreamingEnvelopedSignatures(bytes: Array(byID.utf8), options: options)
        #expect(byIDStream == nil)
        let report = try await XMLFixtures.validator(options: options).validate(xml: Array(byID.utf8), at: SignatureWrappingTests.time)
            .report
        #expect(report.indication == .totalPassed)
        let unsigned = try StreamingEnvelopedSignatures(bytes: Array("<a/>".utf8), options: options)
        #expect(unsigned == nil)
        #expect(throws: XMLDSigError.self) { try StreamingEnvelopedSignatures(bytes: Array("<!DOCTYPE a []><a/>".utf8), options: options) }
    }
}
