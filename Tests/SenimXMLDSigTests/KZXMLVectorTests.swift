import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimXMLDSig

/// NCANode's signed XML (MANIFEST §7) at pinned times.
@Suite("KZ XML vectors")
struct KZXMLVectorTests {
    @Test(arguments: ["kz/xml/xml_signed_one_signer_rsa.xml", "kz/xml/xml_signed_one_signer_rsa.literal.xml"])
    func oneRSASignerVerifiesAtItsPinnedTime(path: String) async throws {
        let result = try await XMLFixtures.validator(crls: ["kz/crl/nca_rsa_test.crl"])
            .validate(xml: try TestVectors.bytes(path), at: XMLFixtures.date("2021-06-01T00:00:00Z"))
        let signature = try #require(result.report.signatures.first)
        #expect(result.report.signatures.count == 1)
        #expect(signature.intact && signature.cryptographicallyValid && signature.chainTrusted, "\(signature.messages)")
        #expect(signature.indication == .totalPassed, "\(signature.messages)")
        #expect(signature.signer?.iin?.description == "123456789011")
        #expect(signature.signedDataScope.first?.coverage == .full)
        // MANIFEST §7: SHA-256 of the canonical `<a><b>test</b></a>`.
        #expect(signature.signedDataScope.first?.digests["sha256"] == "f4aa49ade14c03a2bdf2672eda1c5d01efef3f37e5d2ec9b62ead3e434ff6d35")
        #expect(String(decoding: try #require(result.signedData.first?.first).canonicalBytes, as: UTF8.self) == "<a><b>test</b></a>")
    }

    /// Two signers (RSA, then GOST-2015 over the RSA-signed document): valid only in the Kalkan order.
    @Test func twoSignersAreValidOnlyInTheKalkanOrder() async throws {
        let bytes = try TestVectors.bytes("kz/xml/xml_signed_two_signers_rsa_gost2015.xml")
        let validator = try XMLFixtures.validator(crls: ["kz/crl/nca_rsa_test.crl", "kz/crl/nca_gost2022_test.crl"])
        // Inside both certificates' validity: RSA 2021-01-18 → 2022-01-18 and GOST 2022-07-28 → 2023-07-28 do not
        // overlap, so each signer is checked at its own time.
        let early = await validator.validate(xml: bytes, at: XMLFixtures.date("2021-06-01T00:00:00Z")).report
        #expect(early.signatures.count == 2)
        #expect(early.signatures[0].intact && early.signatures[0].cryptographicallyValid, "\(early.signatures[0].messages)")
        #expect(early.signatures[0].indication == .totalPassed, "\(early.signatures[0].messages)")
        let late = await validator.validate(xml: bytes, at: XMLFixtures.date("2022-09-01T00:00:00Z")).report
        #expect(late.signatures[1].intact && late.signatures[1].cryptographicallyValid, "\(late.signatures[1].messages)")
        #expect(late.signatures[1].indication == .totalPassed, "\(late.signatures[1].messages)")
        #expect(late.signatures[1].signatureAlgorithm?.contains("2015") == true)

        var options = XMLValidationOptions()
        options.multipleSignatureOrder = .independent
        let strict = try await XMLFixtures.validator(options: options).validate(xml: bytes, at: XMLFixtures.date("2021-06-01T00:00:00Z"))
            .report
        #expect(strict.signatures[0].subIndication == .hashFailure) // plain XML-DSig processing fails the first signature
    }
}
