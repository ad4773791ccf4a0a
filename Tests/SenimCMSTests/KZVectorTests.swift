import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

/// The NCANode CMS vectors (MANIFEST §7) at pinned times.
@Suite("KZ CMS vectors")
struct KZVectorTests {
    static let crls = ["kz/crl/nca_gost2022_test.crl", "kz/crl/nca_rsa_test.crl"]
    static let signingDay = CMSFixtures.date("2022-10-01T00:00:00Z")

    @Test func twoSignersAttachedParseIntoTheirFields() throws {
        let cms = try SignedData(bytes: try TestVectors.bytes("kz/cms/signed_cms_two_signers_attached.cms"))
        #expect(cms.signerInfos.count == 2)
        #expect(cms.certificates.count == 2)
        #expect(cms.encapsulatedContent == Array("test123".utf8))
        #expect(!cms.isDetached)
        #expect(try cms.signerInfos[0].algorithm == .gost(.gost34102015_512))
        #expect(try cms.signerInfos[1].algorithm == .rsaPKCS1v15(.sha256))
        #expect(cms.signerInfos[0].signature.count == 128)
        // The exact received signed attributes, retagged as SET, are what the signature covers.
        #expect(cms.signerInfos[0].signedAttributesForSignature?.first == 0x31)
        #expect(cms.signerInfos[0].signedAttributesBytes?.first == 0xA0)
    }

    /// The GOST signer passes; the RSA signer claims a signingTime (2022-09-27) after its certificate expired
    /// (2022-01-18): NCANode accepts it only with a mocked date, here it is TOTAL_FAILED/EXPIRED.
    @Test func twoSignersAttachedPerSignerVerdicts() async throws {
        let report = try await CMSFixtures.validator(crls: Self.crls)
            .validate(cms: try TestVectors.bytes("kz/cms/signed_cms_two_signers_attached.cms"), at: Self.signingDay)
        #expect(report.signatures.count == 2)
        let gost = report.signatures[0]
        let rsa = report.signatures[1]
        #expect(gost.indication == .totalPassed, "\(gost.messages)")
        #expect(gost.intact && gost.cryptographicallyValid && gost.chainTrusted)
        #expect(gost.signer?.iin?.description == "123456789012")
        #expect(gost.signer?.commonName == "ТЕСТТОВ ТЕСТТ")
        #expect(gost.claimedSigningTime == CMSFixtures.date("2022-09-27T21:17:59Z"))
        #expect(gost.revocation?.status == .good)
        #expect(gost.revocation?.source == "CRL")
        #expect(gost.chain.count == 3)
        #expect(
            gost.signedDataScope.first?.digests["streebog512"]
                == "f0afdd66f832bb219c87cf0136baf552a0fb66306f4f2a173626f11e14a7ef25"
                + "52d4b2087fd8e94f6044fe5595dc681e02f92b34bf93fbd1590910e376b12990"
        )

        #expect(rsa.intact && rsa.cryptographicallyValid)
        #expect(rsa.indication == .totalFailed)
        #expect(rsa.subIndication == .expired)
        #expect(rsa.reason?.contains("after the signing certificate expired") == true)

        #expect(report.indication == .totalFailed)
        #expect(report.messages.first?.contains("1 of 2 signatures passed") == true)
    }

    @Test func detachedNeedsTheContent() async throws {
        let validator = try CMSFixtures.validator(crls: Self.crls)
        let cms = try TestVectors.bytes("kz/cms/signed_cms_two_signers_detached.cms")
        let withFile = await validator.validate(
            cms: cms, content: .file(path: TestVectors.url("kz/cms/signed_cms_two_signers_detached.data").path), at: Self.signingDay)
        #expect(withFile.signatures[0].indication == .totalPassed, "\(withFile.signatures[0].messages)")
        #expect(withFile.signatures[0].signedDataScope.first?.length == 7)
        #expect(withFile.signatures[1].subIndication == .expired)

        let withBytes = await validator.validate(cms: cms, content: .bytes(Array("test123".utf8)), at: Self.signingDay)
        #expect(withBytes.signatures[0].indication == .totalPassed)

        let stream = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(Array("test".utf8))
            continuation.yield(Array("123".utf8))
            continuation.finish()
        }
        let streamed = await validator.validate(cms: cms, content: .stream(stream), at: Self.signingDay)
        #expect(streamed.signatures[0].indication == .totalPassed)

        let digestOnly = await validator.validate(
            cms: cms, content: .digests([.streebog512: DigestAlgorithm.streebog512.hash(Array("test123".utf8))]), at: Self.signingDay)
        #expect(digestOnly.signatures[0].indication == .totalPassed)
        #expect(digestOnly.signatures[0].signedDataScope.first?.coverage == .digest)
        // No SHA-256 digest was given for the RSA signer; its EXPIRED claim (a proven failure) still decides.
        #expect(digestOnly.signatures[1].messages.contains { $0.contains("no sha256 digest of the content") })
        #expect(digestOnly.signatures[1].subIndication == .expired)

        let missing = await validator.validate(cms: cms, at: Self.signingDay)
        #expect(missing.signatures[0].subIndication == .signedDataNotFound)
        #expect(missing.signatures[0].indication == .indeterminate)
        #expect(missing.signatures[1].messages.contains { $0.contains("signed content was not supplied") })

        let wrong = await validator.validate(cms: cms, content: .bytes(Array("test124".utf8)), at: Self.signingDay)
        #expect(wrong.signatures[0].subIndication == .hashFailure)
        #expect(wrong.signatures[0].intact == false)
        #expect(wrong.indication == .totalFailed)
    }

    @Test func oneSignerRSAAttachedWithinValidity() async throws {
        // Validity of the RSA signer ends 2022-01-18, its signingTime is 2022-09-28: EXPIRED as well.
        let report = try await CMSFixtures.validator(crls: Self.crls)
            .validate(cms: try TestVectors.bytes("kz/cms/signed_cms_one_signer_rsa_attached.cms"), at: Self.signingDay)
        #expect(report.signatures.count == 1)
        #expect(report.signatures[0].cryptographicallyValid)
        #expect(report.signatures[0].subIndication == .expired)
    }

    @Test func pemAndBase64InputParseAlike() throws {
        let der = try TestVectors.bytes("kz/cms/signed_cms_two_signers_attached.cms")
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters])
        let pem = "-----BEGIN CMS-----\n\(base64)\n-----END CMS-----\n"
        for input in [Array(base64.utf8), Array(pem.utf8), Array(pem.replacingOccurrences(of: "CMS-----", with: "PKCS7-----").utf8)] {
            let parsed = try SignedData(bytes: input)
            #expect(parsed.derEncoded == der)
        }
        #expect(throws: CMSError.self) {
            try SignedData(bytes: Array("-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----".utf8))
        }
    }
}
