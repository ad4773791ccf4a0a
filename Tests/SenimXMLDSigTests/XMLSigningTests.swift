import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimXMLDSig

@Suite("XML signing round trips")
struct XMLSigningTests {
    static let document = Array(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<contract xmlns=\"urn:senimkey:test\" Id=\"c1\">"
            + "<party iin=\"123456789011\">Тестов</party><!-- not signed --><sum>1000</sum></contract>")
            .utf8)

    static var ncaKeys: [(String, String)] { TestVectors.ncaKeys.map { ($0.path, $0.password) } }

    /// Every kind of NCA key (RSA, GOST-2004, GOST-2015) signs in the Kalkan shape and the result verifies.
    @Test(arguments: ncaKeys.map(\.0))
    func ncaKeysSignVerifiableXML(path: String) async throws {
        let password = try #require(Self.ncaKeys.first { $0.0 == path }).1
        let identity = try SigningIdentity(pkcs12: try TestVectors.bytes(path), password: password)
        let signed = try XMLSigner(identity: identity).signEnveloped(Self.document)
        let text = String(decoding: signed, as: UTF8.self)
        #expect(text.contains("<ds:Reference URI=\"\">"))
        #expect(text.contains("&#13;\n"))
        if case .gost(.gost34102015_512) = identity.algorithm {
            #expect(text.contains("urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512"))
        }
        let time = identity.certificate.validity.notBefore.addingTimeInterval(3600)
        let result = try await XMLFixtures.validator().validate(xml: signed, at: time)
        let signature = try #require(result.report.signatures.first)
        #expect(signature.intact && signature.cryptographicallyValid && signature.chainTrusted, "\(path): \(signature.messages)")
        if path.contains("auth_revoked") {
            #expect(signature.subIndication == .chainConstraintsFailure) // an AUTH key is not a signing key
        } else {
            #expect(signature.indication == .totalPassed, "\(path): \(signature.messages)")
        }
        #expect(signature.signedDataScope.first?.coverage == .full)
        // The comment is outside what URI="" signs (XML-DSig §4.4.3.3), and the signed bytes say so.
        let signedText = String(decoding: try #require(result.signedData.first?.first).canonicalBytes, as: UTF8.self)
        #expect(!signedText.contains("not signed"))
        #expect(signedText.contains("<sum>1000</sum>"))
    }

    /// Kalkan co-signing: a second signer signs the signed document; both verify in the Kalkan order.
    @Test func coSignedDocumentVerifiesInTheKalkanOrder() async throws {
        let first = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
        let second = try SigningIdentity(
            pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/individual/valid/individual_valid.p12"), password: "Qwerty12")
        let once = try XMLSigner(identity: first).signEnveloped(Self.document)
        let twice = try XMLSigner(identity: second).signEnveloped(once)
        let result = try await XMLFixtures.validator().validate(xml: twice, at: XMLFixtures.date("2026-05-10T00:00:00Z"))
        #expect(result.report.signatures.count == 2)
        #expect(result.report.indication == .totalPassed, "\(result.report.signatures.map(\.messages))")
        #expect(result.report.signatures[0].signer?.bin?.description == "123456789021")
    }

    /// xmlsec1 (the C reference implementation) accepts our RSA signature, and we accept xmlsec1's.
    @Test func xmlsec1AcceptsOurSignatureAndWeAcceptItsOwn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-xmlsec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = TestVectors.url("generated/test-pki/signer_rsa.key.pem").path
        let cert = TestVectors.url("generated/test-pki/signer_rsa.cert.pem").path
        let root = TestVectors.url("generated/test-pki/root.cert.pem").path
        let identity = try SigningIdentity(
            privateKey: try PrivateKey(pemEncoded: try TestVectors.text("generated/test-pki/signer_rsa.key.pem")),
            certificate: try Certificate(bytes: try TestVectors.bytes("generated/test-pki/signer_rsa.cert.pem")))
        let ours = directory.appendingPathComponent("ours.xml")
        try Data(try XMLSigner(identity: identity).signEnveloped(Self.document)).write(to: ours)
        let verify = try await ExternalTool.outcome(
            "/usr/bin/xmlsec1", ["--verify", "--trusted-pem", root, "--enabled-key-data", "x509", ours.path])
        #expect(verify.status == 0, "xmlsec1: \(verify.output)")
        #expect(verify.standardError.contains("OK"))

        let template = directory.appendingPathComponent("template.xml")
        try Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <doc xmlns="urn:test"><item>xmlsec1 signed this</item><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>\
            <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
            <Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>\
            <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue></DigestValue></Reference></SignedInfo>\
            <SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature></doc>
            """.utf8
        ).write(to: template)
        let theirs = directory.appendingPathComponent("theirs.xml")
        let sign = try await ExternalTool.outcome(
            "/usr/bin/xmlsec1", ["--sign", "--privkey-pem", "\(key),\(cert)", "--output", theirs.path, template.path])
        #expect(sign.status == 0, "xmlsec1: \(sign.output)")
        let result = try await XMLFixtures.validator().validate(xml: Array(try Data(contentsOf: theirs)), at: Date())
        #expect(result.report.indication == .totalPassed, "\(result.report.signatures.map(\.messages))")
    }
}
