import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimXMLDSig

/// Signature-wrapping attacks built here (the signxml / DSS lesson): each must fail, or report a scope that
/// leaves out what was injected, so a caller reading only the signed data never sees it.
@Suite("XML signature wrapping")
struct SignatureWrappingTests {
    static let time = XMLFixtures.date("2026-05-10T00:00:00Z")

    static func identity() throws -> SigningIdentity {
        try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
    }

    /// A document whose Signature signs the element with Id="pay" only (URI="#pay"), built with our canonicaliser.
    static func signedByID(
        _ body: String = "<Payment Id=\"pay\"><Amount>100</Amount></Payment>",
        transform: String = "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
        uri: String = "#pay"
    ) throws -> String {
        let identity = try identity()
        let document = "<Envelope xmlns=\"urn:bank\">\(body)</Envelope>"
        let parsed = try XMLDocument(bytes: Array(document.utf8))
        let target = try XMLIDIndex(document: parsed, idAttributes: ["Id"]).element(for: "pay")
        let digest = DigestAlgorithm.streebog512.hash(
            try Canonicalizer.canonicalize(parsed, NodeSelection(root: target, excludeComments: true), method: .exclusive10))
        let signature = """
            <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>\
            <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <ds:SignatureMethod Algorithm="urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512"/>\
            <ds:Reference URI="\(uri)"><ds:Transforms>\(transform)</ds:Transforms>\
            <ds:DigestMethod Algorithm="urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512"/>\
            <ds:DigestValue>\(Data(digest).base64EncodedString())</ds:DigestValue></ds:Reference></ds:SignedInfo>\
            <ds:SignatureValue>VALUE</ds:SignatureValue><ds:KeyInfo><ds:X509Data>\
            <ds:X509Certificate>\(Data(identity.certificate.derEncoded).base64EncodedString())</ds:X509Certificate>\
            </ds:X509Data></ds:KeyInfo></ds:Signature>
            """
        let unsigned = "<Envelope xmlns=\"urn:bank\">\(body)\(signature)</Envelope>"
        let placed = try XMLDocument(bytes: Array(unsigned.utf8))
        let signedInfo = try #require(placed.root.child("Signature", XMLNamespace.dsig)?.child("SignedInfo", XMLNamespace.dsig))
        let canonical = try Canonicalizer.canonicalize(
            placed, NodeSelection(root: signedInfo, excludeComments: false), method: .exclusive10)
        let value = try identity.privateKey.signature(for: canonical, algorithm: identity.algorithm)
        return unsigned.replacingOccurrences(of: "VALUE", with: Data(value).base64EncodedString())
    }

    static func validate(_ xml: String, options: XMLValidationOptions = XMLValidationOptions()) async throws -> XMLValidationResult {
        try await XMLFixtures.validator(options: options).validate(xml: Array(xml.utf8), at: time)
    }

    @Test func baselineSignsOnlyThePayment() async throws {
        let result = try await Self.validate(try Self.signedByID())
        #expect(result.report.indication == .totalPassed, "\(result.report.signatures.map(\.messages))")
        #expect(result.report.signatures[0].signedDataScope[0].coverage == .partial)
        #expect(String(decoding: result.signedData[0][0].canonicalBytes, as: UTF8.self).contains("<Amount>100</Amount>"))
        var whole = XMLValidationOptions()
        whole.requireWholeDocument = true
        #expect(try await Self.validate(try Self.signedByID(), options: whole).report.signatures[0].subIndication == .sigConstraintsFailure)
        var count = XMLValidationOptions()
        count.expectedReferenceCount = 2
        #expect(try await Self.validate(try Self.signedByID(), options: count).report.signatures[0].subIndication == .sigConstraintsFailure)
    }

    /// The signed element is moved into a wrapper and a forged one takes its place with another Id: the
    /// reference still resolves to the signed original, and the scope names where it is now.
    @Test func signedElementMovedAndForgeryInserted() async throws {
        let signed = try Self.signedByID()
        let attacked = signed.replacingOccurrences(
            of: "<Payment Id=\"pay\"><Amount>100</Amount></Payment>",
            with:
                "<Payment Id=\"evil\"><Amount>999999</Amount></Payment>"
                + "<Wrapper><Payment Id=\"pay\"><Amount>100</Amount></Payment></Wrapper>"
        )
        let result = try await Self.validate(attacked)
        let signedBytes = String(decoding: result.signedData[0][0].canonicalBytes, as: UTF8.self)
        #expect(!signedBytes.contains("999999"))
        #expect(result.signedData[0][0].elementPath == "/Envelope/Wrapper/Payment[@Id='pay']")
    }

    @Test func duplicatedIDIsAFormatFailure() async throws {
        let signed = try Self.signedByID()
        let attacked = signed.replacingOccurrences(
            of: "<ds:Signature", with: "<Payment Id=\"pay\"><Amount>999999</Amount></Payment><ds:Signature")
        let result = try await Self.validate(attacked)
        #expect(result.report.signatures[0].subIndication == .formatFailure)
        #expect(result.report.signatures[0].messages[0].contains("more than one element"))
    }

    /// An attribute that is not declared as an ID cannot be the target.
    @Test func undeclaredIDAttributeIsNotAnID() async throws {
        let signed = try Self.signedByID().replacingOccurrences(of: "Payment Id=\"pay\"", with: "Payment Ref=\"pay\"")
        let result = try await Self.validate(signed)
        #expect(result.report.signatures[0].subIndication == .formatFailure)
        var options = XMLValidationOptions()
        options.idAttributes = ["Ref"]
        // Declared by the caller, it resolves; the digest was over the Id= form, so the hash now differs.
        #expect(try await Self.validate(signed, options: options).report.signatures[0].subIndication == .hashFailure)
    }

    @Test func fakeContentBesideTheSignedOneIsOutsideTheScope() async throws {
        let attacked = try Self.signedByID().replacingOccurrences(
            of: "</Envelope>", with: "<Payment><Amount>5</Amount></Payment></Envelope>")
        let result = try await Self.validate(attacked)
        #expect(result.report.indication == .totalPassed) // the signature is fine …
        #expect(result.report.signatures[0].signedDataScope[0].coverage == .partial) // … and says it covers one element
        #expect(!String(decoding: result.signedData[0][0].canonicalBytes, as: UTF8.self).contains("<Amount>5<"))
    }

    /// Comment injection: under C14N without comments a comment inside signed text changes nothing the
    /// signature covers, and the signed bytes handed back have no comment in them.
    @Test func injectedCommentChangesNothingSigned() async throws {
        let attacked = try Self.signedByID().replacingOccurrences(of: "<Amount>100</Amount>", with: "<Amount>10<!-- -->0</Amount>")
        let result = try await Self.validate(attacked)
        let bytes = String(decoding: result.signedData[0][0].canonicalBytes, as: UTF8.self)
        #expect(bytes.contains("<Amount>100</Amount>"))
        #expect(!bytes.contains("<!--"))
    }

    /// Redeclaring the default namespace on the signed element changes its canonical form: detected.
    @Test func redeclaredDefaultNamespaceIsDetected() async throws {
        let attacked = try Self.signedByID().replacingOccurrences(
            of: "<Payment Id=\"pay\">", with: "<Payment xmlns=\"urn:evil\" Id=\"pay\">")
        #expect(try await Self.validate(attacked).report.signatures[0].subIndication == .hashFailure)
    }

    @Test func tamperedSignedContentFails() async throws {
        let attacked = try Self.signedByID().replacingOccurrences(of: "<Amount>100</Amount>", with: "<Amount>101</Amount>")
        let report = try await Self.validate(attacked).report
        #expect(report.signatures[0].subIndication == .hashFailure)
        #expect(report.indication == .totalFailed)
    }

    /// A Reference to a second element with the same ID as the signed one: ambiguous, refused.
    @Test func referenceToASecondElementWithTheSameID() async throws {
        let attacked = try Self.signedByID().replacingOccurrences(of: "</Envelope>", with: "<Other ID=\"pay\"/></Envelope>")
        #expect(try await Self.validate(attacked).report.signatures[0].subIndication == .formatFailure)
    }

    /// Validly signed, yet refused: the transform or URI could select data other than what a reader sees.
    @Test func transformsAndURIsThatCouldSelectOtherDataAreRefused() async throws {
        let xslt = try Self.signedByID(transform: "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>")
        let xsltReport = try await Self.validate(xslt).report.signatures[0]
        #expect(xsltReport.cryptographicallyValid)
        #expect(xsltReport.subIndication == .sigConstraintsFailure)
        #expect(xsltReport.messages[0].contains("not allowed"))
        let external = try Self.signedByID(uri: "file:///etc/passwd")
        #expect(try await Self.validate(external).report.signatures[0].subIndication == .sigConstraintsFailure)
        let xpath = try Self.signedByID(
            transform:
                "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath>//Amount</ds:XPath></ds:Transform>")
        #expect(try await Self.validate(xpath).report.signatures[0].subIndication == .sigConstraintsFailure)
        let filter2 = try Self.signedByID(transform: "<ds:Transform Algorithm=\"http://www.w3.org/2002/06/xmldsig-filter2\"/>")
        #expect(try await Self.validate(filter2).report.signatures[0].subIndication == .sigConstraintsFailure)
    }

    /// A signature placed inside the content it signs by ID (enveloped without the transform): the digest breaks.
    @Test func signatureInsideTheSignedContentWithoutEnvelopedTransform() async throws {
        let signed = try Self.signedByID()
        let signature = String(signed[signed.range(of: "<ds:Signature")!.lowerBound..<signed.range(of: "</ds:Signature>")!.upperBound])
        let moved = signed.replacingOccurrences(of: signature, with: "").replacingOccurrences(
            of: "</Amount>", with: "</Amount>\(signature)")
        #expect(try await Self.validate(moved).report.signatures[0].subIndication == .hashFailure)
    }
}

@Suite("Hostile XML")
struct HostileXMLTests {
    static func validate(_ xml: String) async throws -> SignatureValidationReport {
        try await XMLFixtures.validator().validate(xml: Array(xml.utf8), at: Date()).report
    }

    @Test func billionLaughsIsRefusedFast() async throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        xml += "]>\n<lolz>&lol9;</lolz>"
        let start = Date()
        let report = try await Self.validate(xml)
        #expect(report.subIndication == .formatFailure)
        #expect(report.messages.first?.contains("document type declaration") == true)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func externalEntityIsNeverRead() async throws {
        let xml = "<?xml version=\"1.0\"?><!-- x --><!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>&xxe;</a>"
        let report = try await Self.validate(xml)
        #expect(report.subIndication == .formatFailure)
        #expect(!report.messages.joined().contains("root:"))
        // Without a DTD, an undefined entity is simply not well-formed.
        #expect(try await Self.validate("<a>&xxe;</a>").subIndication == .formatFailure)
    }

    @Test func deepNestingIsAnError() async throws {
        let xml = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let report = try await Self.validate(xml)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .formatFailure)
    }

    @Test func noSignatureAndGarbageAreFormatFailures() async throws {
        #expect(try await Self.validate("<a/>").messages.contains("the document holds no ds:Signature"))
        #expect(try await Self.validate("not xml").subIndication == .formatFailure)
        #expect(try await Self.validate("").subIndication == .formatFailure)
    }

    /// 10,000 mutations of signed documents: typed results, never a crash.
    @Test func tenThousandMutatedSignedDocumentsGiveTypedResults() async throws {
        let seeds = try ["kz/xml/xml_signed_one_signer_rsa.xml", "kz/xml/xml_signed_two_signers_rsa_gost2015.xml"].map {
            try TestVectors.bytes($0)
        }
        var mutator = Mutator(seed: 0x0786_5E1C)
        let validator = try XMLFixtures.validator()
        var failed = 0
        var passed = 0
        for round in 0..<10_000 {
            var input = seeds[round % seeds.count]
            // Text-level mutations hit markup more often than the binary mutator alone.
            if round % 2 == 0 || input.isEmpty {
                input = mutator.mutate(input)
            } else {
                let at = mutator.below(input.count)
                let markup = Array("<>&\"'/=ds:#x".utf8)
                input[at] = markup[mutator.below(markup.count)]
            }
            let report = await validator.validate(xml: input, at: XMLFixtures.date("2021-06-01T00:00:00Z")).report
            if report.indication == .totalPassed { passed += 1 } else { failed += 1 }
        }
        print("mutated XML: \(failed) not passed, \(passed) passed")
        // The mutations are deterministic (fixed seed), so the counts are exact.
        #expect(failed + passed == 10_000)
        #expect(failed == 9_998 && passed == 2)
    }
}
