import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimCMS

/// The CMS negative list of docs/validation-model.md §1.1, each case its own test with the sub-indication.
@Suite("CMS negative cases")
struct NegativeCMSTests {
    static let content = Array("payload".utf8)
    static let time = CMSFixtures.date("2024-01-01T00:00:00Z")

    static func signer() throws -> CMSSigner { CMSSigner(identity: try CMSFixtures.testIdentity("signer_rsa"), signingTime: time) }

    static func validate(_ cms: SignedData, content: SignedContent? = nil, at: Date = time) async throws -> SignatureReport {
        let report = try await CMSFixtures.validator().validate(cms, content: content, at: at)
        return try #require(report.signatures.first)
    }

    /// Assembles a CMS around a hand-made SignerInfo.
    static func assemble(
        _ info: SignerInfo, content: [UInt8]? = content, contentType: ASN1ObjectIdentifier = .CMS.data,
        certificates: [Certificate]? = nil
    ) throws -> SignedData {
        try CMSBuilder.assemble(
            contentType: contentType, content: content, digestAlgorithms: [.sha256],
            certificates: certificates ?? [try CMSFixtures.certificate("generated/test-pki/signer_rsa.cert.pem")],
            revocationLists: [], ocspResponses: [], signerInfos: [info])
    }

    @Test func unalteredBaselineIsValid() async throws {
        let report = try await Self.validate(try CMSBuilder.sign(Self.content, signers: [try Self.signer()]))
        #expect(report.indication == .totalPassed, "\(report.messages)")
    }

    @Test func contentTypeAttributeDifferingFromEContentTypeFails() async throws {
        let info = try Self.signer().signerInfo(contentDigest: DigestAlgorithm.sha256.hash(Self.content), contentType: .CMS.tstInfo)
        let report = try await Self.validate(try Self.assemble(info, contentType: .CMS.data))
        #expect(report.subIndication == .formatFailure)
        #expect(report.reason?.contains("differs from eContentType") == true)
        #expect(report.cryptographicallyValid) // the signature itself is fine: the structure is not
    }

    @Test func missingContentTypeAttributeFails() async throws {
        let info = try Self.signer().signerInfo(contentDigest: DigestAlgorithm.sha256.hash(Self.content), contentType: nil)
        let report = try await Self.validate(try Self.assemble(info))
        #expect(report.subIndication == .formatFailure)
        #expect(report.reason?.contains("contentType signed attribute is missing") == true)
    }

    @Test func duplicateSignedAttributeFails() async throws {
        var signer = try Self.signer()
        signer.additionalSignedAttributes = [
            try CMSAttribute(type: .CMS.signingTime, values: [try DERWriter.encode(try ASN1Time.utcTime(Self.time))])
        ]
        let report = try await Self.validate(try CMSBuilder.sign(Self.content, signers: [signer]))
        #expect(report.subIndication == .formatFailure)
        #expect(report.reason?.contains("occurs more than once") == true)
    }

    @Test func messageDigestMismatchFails() async throws {
        let info = try Self.signer().signerInfo(contentDigest: DigestAlgorithm.sha256.hash(Self.content), contentType: .CMS.data)
        let report = try await Self.validate(try Self.assemble(info, content: Array("Payload".utf8)))
        #expect(report.subIndication == .hashFailure)
        #expect(report.indication == .totalFailed)
        #expect(!report.intact)
    }

    @Test func signingCertificateV2NamesAnotherCertificate() async throws {
        var signer = try Self.signer()
        signer.includeSigningCertificateV2 = false
        let other = try CMSFixtures.certificate("generated/test-pki/signer_ec.cert.pem")
        signer.additionalSignedAttributes = [
            try CMSAttribute(type: .CMS.signingCertificateV2, values: [SigningCertificateReference.signingCertificateV2Value(for: other)])
        ]
        let report = try await Self.validate(try CMSBuilder.sign(Self.content, signers: [signer]))
        // EN 319 102-1 §5.2.3: the reference names the signing certificate and none at hand is it: INDETERMINATE, not a
        // cryptographic failure (the signature value is not tried against another certificate).
        #expect(report.subIndication == .noSigningCertificateFound)
        #expect(report.indication == .indeterminate)
        #expect(report.reason?.contains("hash matches none of the certificates carried or given") == true)
    }

    /// RFC 5652 §11 concerns content-type, message-digest and signing-time; two signing-certificate-v2 attributes
    /// make the signature plain CMS (EN 319 122-1 wants exactly one), and it is still validated.
    @Test func duplicateSigningCertificateV2IsPlainCMS() async throws {
        var signer = try Self.signer()
        let own = try CMSFixtures.certificate("generated/test-pki/signer_rsa.cert.pem")
        signer.additionalSignedAttributes = [
            try CMSAttribute(type: .CMS.signingCertificateV2, values: [SigningCertificateReference.signingCertificateV2Value(for: own)])
        ]
        let report = try await Self.validate(try CMSBuilder.sign(Self.content, signers: [signer]))
        #expect(report.indication == .totalPassed, "\(report.messages)")
        #expect(report.format == .cms)
        #expect(report.messages.contains { $0.contains("occurs more than once: the signature is plain CMS") })
        // The same CMS with one reference is a CAdES baseline signature.
        let single = try await Self.validate(try CMSBuilder.sign(Self.content, signers: [try Self.signer()]))
        #expect(single.format == .cadesBaselineB)
    }

    /// EN 319 122-1 §5.2.2: SHA-1 references go in signing-certificate (v1); a v2 attribute with SHA-1 is plain CMS.
    @Test func sha1InSigningCertificateV2IsPlainCMS() async throws {
        var signer = try Self.signer()
        signer.includeSigningCertificateV2 = false
        let own = try CMSFixtures.certificate("generated/test-pki/signer_rsa.cert.pem")
        let sha1 = DERWriter.sequence([DERWriter.tlv(0x06, [0x2B, 0x0E, 0x03, 0x02, 0x1A])])
        let issuerSerial = DERWriter.sequence([
            DERWriter.sequence([DERWriter.tlv(0xA4, own.issuer.derEncoded)]), DERWriter.tlv(0x02, own.serialNumber),
        ])
        let essCertIDv2 = DERWriter.sequence([sha1, DERWriter.octetString(DigestAlgorithm.sha1.hash(own.derEncoded)), issuerSerial])
        signer.additionalSignedAttributes = [
            try CMSAttribute(type: .CMS.signingCertificateV2, values: [DERWriter.sequence([DERWriter.sequence([essCertIDv2])])])
        ]
        let report = try await Self.validate(try CMSBuilder.sign(Self.content, signers: [signer]))
        #expect(report.indication == .totalPassed, "\(report.messages)")
        #expect(report.format == .cms)
        #expect(report.messages.contains { $0.contains("uses SHA-1") })
    }

    @Test func missingSignerCertificateIsNoSigningCertificateFound() async throws {
        let info = try Self.signer().signerInfo(contentDigest: DigestAlgorithm.sha256.hash(Self.content), contentType: .CMS.data)
        let report = try await Self.validate(try Self.assemble(info, certificates: []))
        #expect(report.subIndication == .noSigningCertificateFound)
        #expect(report.indication == .indeterminate)
    }

    /// The signer bag holds another certificate first: identity comes from the SID, never from certs[0].
    @Test func signerFoundBySIDNotPosition() async throws {
        let info = try Self.signer().signerInfo(contentDigest: DigestAlgorithm.sha256.hash(Self.content), contentType: .CMS.data)
        let certificates = [
            try CMSFixtures.certificate("generated/test-pki/signer_ec.cert.pem"),
            try CMSFixtures.certificate("generated/test-pki/signer_rsa.cert.pem"),
        ]
        let report = try await Self.validate(try Self.assemble(info, certificates: certificates))
        #expect(report.indication == .totalPassed, "\(report.messages)")
        #expect(report.signer?.commonName == "Senimkey Test signer rsa")
    }

    /// A signature claiming a time after its certificate expired, with no timestamp: not valid.
    @Test func signatureClaimedAfterExpiryIsNotValid() async throws {
        let identity = try CMSFixtures.gost2015()
        let late = identity.certificate.validity.notAfter.addingTimeInterval(86_400)
        let cms = try CMSBuilder.sign(Self.content, signers: [CMSSigner(identity: identity, signingTime: late)])
        let report = try await Self.validate(cms, at: late)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .expired)
        // Validated inside the validity, the claim alone still condemns it.
        let inside = try await Self.validate(cms, at: identity.certificate.validity.notAfter.addingTimeInterval(-86_400))
        #expect(inside.subIndication == .expired)
    }

    @Test func signingTimeBeforeTheCertificateExisted() async throws {
        let identity = try CMSFixtures.gost2015()
        let early = identity.certificate.validity.notBefore.addingTimeInterval(-86_400)
        let cms = try CMSBuilder.sign(Self.content, signers: [CMSSigner(identity: identity, signingTime: early)])
        let report = try await Self.validate(cms, at: identity.certificate.validity.notBefore.addingTimeInterval(3600))
        #expect(report.subIndication == .notYetValid)
    }

    /// The SDK "valid" employee key was revoked (superseded) on 2026-06-02 (MANIFEST §3a): without a
    /// timestamp, validated after that, REVOKED_NO_POE; with a signature timestamp from before the revocation,
    /// the timestamp is the proof of existence and the signature passes, with the later revocation recorded.
    @Test func timestampBeforeTheRevocationIsTheProofOfExistence() async throws {
        let identity = try CMSFixtures.identity("kz/keys/sdk-2026/legal/valid/employee.p12", password: "Qwerty12")
        let signed = CMSFixtures.date("2026-05-20T09:00:00Z")
        let later = CMSFixtures.date("2026-07-01T00:00:00Z")
        let cms = try CMSBuilder.sign(Self.content, detached: true, signers: [CMSSigner(identity: identity, signingTime: signed)])
        let validator = try CMSFixtures.validator(crls: ["kz/crl/nca_gost2022_test.2026-08-11.crl"])

        let plain = await validator.validate(cms, content: .bytes(Self.content), at: later).signatures[0]
        #expect(plain.indication == .indeterminate)
        #expect(plain.subIndication == .revokedNoPOE)
        #expect(plain.revocation?.status == .revoked)

        // KZ 2015 signatures carry GOST 34.311 imprints (docs/kazakh-eds.md §1.7): the imprint algorithm differs from the signer's.
        let stamped = try CMSFixtures.timestamped(cms, by: try CMSFixtures.tsa(at: "2026-05-20T09:01:00Z"), imprint: .gost34311)
        let report = await validator.validate(stamped, content: .bytes(Self.content), at: later).signatures[0]
        #expect(report.indication == .totalPassed, "\(report.messages)")
        #expect(report.format == .cadesBaselineT)
        #expect(report.bestSignatureTime == CMSFixtures.date("2026-05-20T09:01:00Z"))
        #expect(report.timestamps.first?.messageImprintAlgorithm == "gost34311")
        #expect(report.revocation?.status == .good)
        #expect(report.revocation?.revokedAt == CMSFixtures.date("2026-06-02T11:39:09Z"))
    }

    /// A timestamp whose imprint is over other bytes is no proof of existence.
    @Test func timestampOverOtherBytesIsNoProofOfExistence() async throws {
        let identity = try CMSFixtures.identity("kz/keys/sdk-2026/legal/valid/employee.p12", password: "Qwerty12")
        let cms = try CMSBuilder.sign(
            Self.content, signers: [CMSSigner(identity: identity, signingTime: CMSFixtures.date("2026-05-20T09:00:00Z"))])
        let stamped = try CMSFixtures.timestamped(
            cms, by: try CMSFixtures.tsa(at: "2026-05-20T09:01:00Z"), overrideImprintedValue: [1, 2, 3])
        let validator = try CMSFixtures.validator(crls: ["kz/crl/nca_gost2022_test.2026-08-11.crl"])
        let report = await validator.validate(stamped, at: CMSFixtures.date("2026-07-01T00:00:00Z")).signatures[0]
        #expect(report.timestamps.first?.subIndication == .hashFailure)
        #expect(report.bestSignatureTime == CMSFixtures.date("2026-07-01T00:00:00Z"))
        #expect(report.subIndication == .revokedNoPOE)
        #expect(report.format != .cadesBaselineT)
    }

    /// A timestamp token whose ESS signing-certificate reference names none of the certificates it carries: the TSA's
    /// certificate is not found (INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND), not a failed signature.
    @Test func timestampESSReferenceMatchesNoCertificate() async throws {
        let cms = try CMSBuilder.sign(Self.content, signers: [try Self.signer()])
        let info = cms.signerInfos[0]
        let request = TimeStampRequest(
            imprintAlgorithm: .sha256, messageImprint: DigestAlgorithm.sha256.hash(info.signature), nonce: [1, 2, 3])
        let genuine = try CMSFixtures.tsa(at: "2024-01-01T00:01:00Z").token(for: request, serialNumber: [0x01, 0x23])
        var tsaSigner = CMSSigner(identity: try CMSFixtures.testIdentity("tsa"), signingTime: CMSFixtures.date("2024-01-01T00:01:00Z"))
        tsaSigner.includeSigningCertificateV2 = false
        let other = try CMSFixtures.certificate("generated/test-pki/signer_ec.cert.pem")
        tsaSigner.additionalSignedAttributes = [
            try CMSAttribute(type: .CMS.signingCertificateV2, values: [SigningCertificateReference.signingCertificateV2Value(for: other)])
        ]
        let forged = try TimeStampToken(
            signedData: try CMSBuilder.sign(
                try #require(genuine.signedData.encapsulatedContent), contentType: .CMS.tstInfo, signers: [tsaSigner]))
        // The signature value is damaged too: the certificate the signer identifier names must not be tried in the
        // reference's place (that used to turn a missing certificate into TOTAL_FAILED / SIG_CRYPTO_FAILURE).
        var damaged = forged.derEncoded
        damaged[damaged.count - 1] ^= 0x01
        let attribute = try CMSAttribute(type: .CMS.signatureTimeStampToken, values: [damaged])
        let stamped = try cms.replacingSignerInfo(at: 0, with: try info.adding(unsignedAttribute: attribute))
        let report = try await Self.validate(stamped, at: CMSFixtures.date("2024-02-01T00:00:00Z"))
        let timestamp = try #require(report.timestamps.first)
        #expect(timestamp.subIndication == .noSigningCertificateFound)
        #expect(timestamp.indication == .indeterminate)
        #expect(timestamp.messages.first?.contains("matches none of the certificates") == true)
    }

    @Test func timestampFromATSAWithoutTheEKU() async throws {
        let cms = try CMSBuilder.sign(Self.content, signers: [try Self.signer()])
        let stamped = try CMSFixtures.timestamped(cms, by: try CMSFixtures.tsa(at: "2024-01-01T00:01:00Z", name: "tsa_no_eku"))
        let report = try await Self.validate(stamped, at: CMSFixtures.date("2024-02-01T00:00:00Z"))
        #expect(report.timestamps.first?.subIndication == .chainConstraintsFailure)
        #expect(report.timestamps.first?.proofOfExistence == nil)
        #expect(report.bestSignatureTime == CMSFixtures.date("2024-02-01T00:00:00Z"))
    }

    @Test func signingTimeClaimAfterTheTimestamp() async throws {
        var signer = try Self.signer()
        signer.signingTime = CMSFixtures.date("2024-01-02T00:00:00Z")
        let cms = try CMSBuilder.sign(Self.content, signers: [signer])
        let stamped = try CMSFixtures.timestamped(cms, by: try CMSFixtures.tsa(at: "2024-01-01T00:00:00Z"))
        let report = try await Self.validate(stamped, at: CMSFixtures.date("2024-02-01T00:00:00Z"))
        #expect(report.subIndication == .timestampOrderFailure)
    }

    /// A content timestamp (CAdES signed attribute): over the content's digest it is reported as passing; over
    /// other bytes it fails its imprint check, without making the signature itself fail.
    @Test func contentTimestampPassesOverTheContentAndFailsOverOtherBytes() async throws {
        let tsa = try CMSFixtures.tsa(at: "2023-12-31T23:00:00Z")
        for (imprinted, expected) in [(Self.content, SubIndication?.none), (Array("other".utf8), .hashFailure)] {
            let token = try tsa.token(
                for: TimeStampRequest(imprintAlgorithm: .sha512, messageImprint: DigestAlgorithm.sha512.hash(imprinted)), serialNumber: [9])
            var signer = try Self.signer()
            signer.additionalSignedAttributes = [try CMSAttribute(type: .CMS.contentTimeStamp, values: [token.derEncoded])]
            let report = try await Self.validate(try CMSBuilder.sign(Self.content, signers: [signer]))
            let timestamp = try #require(report.timestamps.first)
            #expect(timestamp.type == .content)
            #expect(timestamp.subIndication == expected, "\(timestamp.messages)")
            #expect(timestamp.messageImprintAlgorithm == "sha512")
            #expect(report.indication == .totalPassed, "\(report.messages)")
            #expect(report.bestSignatureTime == Self.time) // a content timestamp proves the content, not the signature
        }
    }

    @Test func detachedContentMissingOrWrong() async throws {
        let cms = try CMSBuilder.sign(Self.content, detached: true, signers: [try Self.signer()])
        #expect(try await Self.validate(cms).subIndication == .signedDataNotFound)
        #expect(try await Self.validate(cms, content: .bytes(Array("other".utf8))).subIndication == .hashFailure)
        #expect(try await Self.validate(cms, content: .file(path: "/nonexistent/senimkey")).subIndication == .signedDataNotFound)
        #expect(try await Self.validate(cms, content: .bytes(Self.content)).indication == .totalPassed)
    }

    @Test func notSignedDataAndGarbageAreFormatFailures() async throws {
        // id-data ContentInfo
        let data = DERWriter.sequence([
            try DERWriter.encode(ASN1ObjectIdentifier.CMS.data), DERWriter.contextConstructed(0, DERWriter.octetString([1])),
        ])
        #expect(throws: CMSError.notSignedData("1.2.840.113549.1.7.1")) { try SignedData(bytes: data) }
        let report = try await CMSFixtures.validator().validate(cms: Array("not a signature".utf8), at: Self.time)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .formatFailure)
        #expect(report.signatures.isEmpty)
    }
}
