import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimCMS

@Suite("CMS signing round trips")
struct SigningRoundTripTests {
    static let content = Array("Договор № 17 / Шарт № 17".utf8)

    /// Every NCA test key (GOST-2004, GOST-2015, RSA) signs attached and detached CMS that validates at a time
    /// inside its certificate's validity. The AUTH key is refused by the signing policy, as it should be.
    @Test(arguments: CMSFixtures.ncaKeys.map(\.path))
    func everyNCAKeySignsVerifiableCMS(path: String) async throws {
        let password = try #require(CMSFixtures.ncaKeys.first { $0.path == path }).password
        let identity = try CMSFixtures.identity(path, password: password)
        let time = identity.certificate.validity.notBefore.addingTimeInterval(3600)
        let validator = try CMSFixtures.validator()
        for detached in [false, true] {
            let cms = try CMSBuilder.sign(Self.content, detached: detached, signers: [CMSSigner(identity: identity, signingTime: time)])
            #expect(cms.isDetached == detached)
            let report = await validator.validate(
                cms: cms.derEncoded, content: detached ? .bytes(Self.content) : nil, at: time.addingTimeInterval(60))
            let signature = try #require(report.signatures.first)
            #expect(signature.intact && signature.cryptographicallyValid && signature.chainTrusted, "\(path): \(signature.messages)")
            #expect(signature.format == .cadesBaselineB)
            if path.contains("auth_revoked") {
                #expect(signature.subIndication == .chainConstraintsFailure, "\(signature.messages)")
            } else {
                #expect(signature.indication == .totalPassed, "\(path): \(signature.messages)")
            }
        }
    }

    /// NCALayer multi-signing: GOST-2015 and RSA in one CMS, both valid; with one signature value altered
    /// only that signer fails and the overall verdict says so.
    @Test func oneAlteredSignerOfTwoFailsAloneAndTheVerdictSaysSo() async throws {
        let gost = try CMSFixtures.gost2015()
        let rsa = try CMSFixtures.testIdentity("signer_rsa")
        let time = CMSFixtures.date("2022-08-01T00:00:00Z")
        let cms = try CMSBuilder.sign(
            Self.content, signers: [CMSSigner(identity: gost, signingTime: time), CMSSigner(identity: rsa, signingTime: time)])
        let validator = try CMSFixtures.validator()
        let good = await validator.validate(cms, at: time)
        #expect(good.indication == .totalPassed, "\(good.signatures.map(\.messages))")
        #expect(good.signatures.map(\.digestAlgorithm) == ["streebog512", "sha256"])

        var bytes = cms.derEncoded
        let signature = cms.signerInfos[1].signature
        let at = try #require(bytes.firstRange(of: signature)).lowerBound
        bytes[at + 10] ^= 0x40
        let bad = await validator.validate(cms: bytes, at: time)
        #expect(bad.signatures[0].indication == .totalPassed)
        #expect(bad.signatures[1].subIndication == .sigCryptoFailure)
        #expect(bad.indication == .totalFailed)
        #expect(bad.messages.first?.contains("1 of 2 signatures passed; S-2") == true)
    }

    /// Adding a signer keeps the first SignerInfo byte-identical (co-signing must not disturb earlier signatures).
    @Test func addSignerKeepsEarlierSignatures() async throws {
        let time = CMSFixtures.date("2022-08-01T00:00:00Z")
        let first = try CMSBuilder.sign(
            Self.content, detached: true, signers: [CMSSigner(identity: try CMSFixtures.gost2015(), signingTime: time)])
        let ec = CMSSigner(identity: try CMSFixtures.testIdentity("signer_ec"), signingTime: time)
        let both = try CMSBuilder.addSigner(ec, to: first, detachedContentDigest: DigestAlgorithm.sha256.hash(Self.content))
        #expect(both.signerInfos.count == 2)
        #expect(both.signerInfos[0].derEncoded == first.signerInfos[0].derEncoded)
        let report = try await CMSFixtures.validator().validate(both, content: .bytes(Self.content), at: time)
        #expect(report.indication == .totalPassed, "\(report.signatures.map(\.messages))")
        #expect(throws: CMSError.self) { try CMSBuilder.addSigner(ec, to: first) }
    }

    @Test func subjectKeyIdentifierSIDMakesVersion3AndValidates() async throws {
        var signer = CMSSigner(identity: try CMSFixtures.testIdentity("signer_ec"), signingTime: CMSFixtures.date("2024-01-01T00:00:00Z"))
        signer.useSubjectKeyIdentifier = true
        let cms = try CMSBuilder.sign(Self.content, signers: [signer])
        #expect(cms.version == 3)
        guard case .subjectKeyIdentifier = cms.signerInfos[0].signerIdentifier else {
            Issue.record("expected an SKI SID")
            return
        }
        let report = try await CMSFixtures.validator().validate(cms, at: CMSFixtures.date("2024-01-01T00:00:00Z"))
        #expect(report.indication == .totalPassed, "\(report.signatures.map(\.messages))")
    }

    /// A countersignature over the first signer's signature value (RFC 5652 §11.4) is validated and reported
    /// under that signer.
    @Test func countersignatureIsValidatedUnderItsSigner() async throws {
        let time = CMSFixtures.date("2024-01-01T00:00:00Z")
        let counterSigner = CMSSigner(identity: try CMSFixtures.testIdentity("signer_ec"), signingTime: time)
        let cms = try CMSBuilder.sign(
            Self.content, signers: [CMSSigner(identity: try CMSFixtures.testIdentity("signer_rsa"), signingTime: time)],
            certificates: [counterSigner.identity.certificate])
        let counter = try counterSigner.signerInfo(
            contentDigest: DigestAlgorithm.sha256.hash(cms.signerInfos[0].signature), contentType: nil)
        let attribute = try CMSAttribute(type: .CMS.counterSignature, values: [counter.derEncoded])
        let countersigned = try cms.replacingSignerInfo(at: 0, with: try cms.signerInfos[0].adding(unsignedAttribute: attribute))
        // The signed part of the first SignerInfo is untouched.
        #expect(countersigned.signerInfos[0].signedAttributesBytes == cms.signerInfos[0].signedAttributesBytes)
        let report = try await CMSFixtures.validator().validate(countersigned, at: time)
        #expect(report.indication == .totalPassed)
        #expect(report.signatures[0].counterSignatures.count == 1)
        #expect(
            report.signatures[0].counterSignatures[0].indication == .totalPassed, "\(report.signatures[0].counterSignatures[0].messages)")
        #expect(report.signatures[0].counterSignatures[0].id == "S-1.1")
    }

    /// Our RSA and ECDSA CMS verify with `openssl cms -verify` (attached and detached, CAdES ESS check on).
    @Test(arguments: ["signer_rsa", "signer_ec"])
    func opensslAcceptsOurCMS(name: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-cms-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let contentURL = directory.appendingPathComponent("content.txt")
        try Data(Self.content).write(to: contentURL)
        for detached in [false, true] {
            let cms = try CMSBuilder.sign(
                Self.content, detached: detached, signers: [CMSSigner(identity: try CMSFixtures.testIdentity(name))])
            let cmsURL = directory.appendingPathComponent("signature-\(detached).p7s")
            try Data(cms.derEncoded).write(to: cmsURL)
            var arguments = [
                "cms", "-verify", "-cades", "-binary", "-inform", "DER", "-in", cmsURL.path,
                "-CAfile", TestVectors.url(CMSFixtures.testRoot).path, "-out", "/dev/null",
            ]
            if detached { arguments += ["-content", contentURL.path] }
            let openssl = try await ExternalTool.outcome("/usr/bin/openssl", arguments)
            #expect(openssl.status == 0, "openssl: \(openssl.output)")
            #expect(openssl.standardError == "CAdES Verification successful\n")
        }
    }
}
