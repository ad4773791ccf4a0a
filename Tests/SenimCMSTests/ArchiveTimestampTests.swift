import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

/// CAdES-LTA as others make it: EU DSS's test signatures (testvectors/dss, README there), each archive timestamp
/// read, its imprint recomputed (EN 319 122-1 §5.5.3), validated and reported with type `archive`.
@Suite("CAdES archive timestamps (EN 319 122-1 §5.5.3)")
struct ArchiveTimestampTests {
    static let validationTime = CMSFixtures.date("2026-12-01T00:00:00Z")

    /// DSS's test roots travel inside the files (in the CMS or in its timestamp tokens); a verifier that trusts
    /// them is what DSS's own tests do.
    static func validator(for signedData: SignedData) throws -> CMSSignatureValidator {
        var certificates = signedData.certificates
        for info in signedData.signerInfos {
            for attribute in info.unsignedAttributes.attributes {
                for value in attribute.values {
                    if let token = try? TimeStampToken(bytes: value) { certificates += token.signedData.certificates }
                }
            }
        }
        let roots = certificates.filter { $0.subject == $0.issuer }
        // DSS's test keys carry no nonRepudiation, and its files hold no revocation data fresh enough for our default
        // freshness rule at the TSA's genTime: revocation is checked where the data allows (soft-fail), as the NCA
        // vectors' tests do (CMSFixtures.policy); what is under test here is the archive timestamps.
        var policy = CMSFixtures.policy
        policy.requireNonRepudiation = false
        return CMSSignatureValidator(trustStore: TrustStore(roots: roots, intermediates: []), policy: policy)
    }

    static func validate(_ file: String, bytes: [UInt8]? = nil) async throws -> SignatureReport {
        let signedData = try SignedData(bytes: try bytes ?? TestVectors.bytes("dss/\(file)"))
        let validator = try Self.validator(for: signedData)
        let result = await validator.validate(signedData, at: validationTime)
        return try #require(result.signatures.first)
    }

    @Test func anEN319122ArchiveTimestampWithHashIndexV3IsReadAndHolds() async throws {
        let report = try await Self.validate("cades-extended-a.pkcs7")
        #expect(report.timestamps.map(\.type) == [.signature, .archive])
        let archive = try #require(report.timestamps.last)
        #expect(archive.imprintMatches, "\(archive.messages)")
        #expect(archive.indication == .totalPassed, "\(archive.subIndication?.rawValue ?? "") \(archive.messages)")
        #expect(archive.genTime == CMSFixtures.date("2022-01-07T08:05:16Z"))
        #expect(archive.messages.contains("archive-time-stamp-v3 with ats-hash-index-v3 (sha256)"))
        #expect(report.format == .cadesBaselineLTA, "\(report.messages)")
        #expect(report.indication == .totalPassed, "\(report.messages)")
        #expect(report.bestSignatureTime == CMSFixtures.date("2022-01-07T08:05:16Z"))
    }

    @Test func twoArchiveTimestampsAreBothReported() async throws {
        let report = try await Self.validate("CAdESDoubleLTA.p7m")
        #expect(report.timestamps.map(\.type) == [.signature, .archive, .archive])
        #expect(report.timestamps.filter { $0.type == .archive }.allSatisfy { $0.imprintMatches })
        #expect(report.timestamps.compactMap(\.genTime).last == CMSFixtures.date("2019-05-28T15:23:53Z"))
        #expect(report.timestamps.filter { $0.type == .archive }.allSatisfy { $0.indication == .totalPassed }, "\(report.messages)")
        #expect(report.format == .cadesBaselineLTA, "\(report.messages)")
    }

    /// DSS-1220: one byte of the stamped data changed after archiving.
    @Test func aChangedArchiveImprintInputIsRefused() async throws {
        let report = try await Self.validate("CAdES-BpLTA_modified_ats_hash_element.p7m")
        let archive = try #require(report.timestamps.first { $0.type == .archive })
        #expect(!archive.imprintMatches)
        #expect(archive.subIndication == .hashFailure)
        #expect(archive.proofOfExistence == nil)
        #expect(report.format != .cadesBaselineLTA)
    }

    /// DSS-2011: a detached LTA signature verified without its content; the archive imprint needs the content's hash.
    @Test func aDetachedArchiveTimestampWithoutTheContentIsSignedDataNotFound() async throws {
        let report = try await Self.validate("cades-lta-detached.pkcs7")
        let archive = try #require(report.timestamps.first { $0.type == .archive })
        #expect(archive.subIndication == .signedDataNotFound)
        #expect(report.subIndication == .signedDataNotFound)
    }

    /// The attack: validation data under an archive timestamp swapped afterwards (one bit of the CRL's signature,
    /// so it still parses). The ats-hash-index no longer finds it.
    @Test func revocationDataSwappedAfterArchivingIsCaught() async throws {
        let original = try TestVectors.bytes("dss/cades-extended-a.pkcs7")
        let signedData = try SignedData(bytes: original)
        let crl = try #require(signedData.revocationInfoChoicesEncodings.first { $0.first == 0x30 })
        let start = try #require(Self.offset(of: crl, in: original))
        var tampered = original
        tampered[start + crl.count - 1] ^= 0x01
        let report = try await Self.validate("tampered", bytes: tampered)
        let archive = try #require(report.timestamps.first { $0.type == .archive })
        #expect(archive.subIndication == .hashFailure)
        #expect(archive.reason?.contains("1 of the 2 entries of crlsHashIndex") == true, "\(archive.messages)")
        #expect(report.format != .cadesBaselineLTA)
    }

    /// The index's value is what the imprint covers: rewriting it (dropping the entry of a CRL one would remove)
    /// changes the imprint input, so the token no longer matches.
    @Test func theImprintInputIsTheStandardsConcatenation() throws {
        let signedData = try SignedData(bytes: try TestVectors.bytes("dss/cades-extended-a.pkcs7"))
        let info = signedData.signerInfos[0]
        let value = try #require(info.unsignedAttributes[.CMS.archiveTimeStampV3]?.values.first)
        let token = try TimeStampToken(bytes: value)
        let index = try #require(try ATSHashIndex(in: token))
        #expect(index.version == .v3)
        #expect(index.certificates.count == 5)
        #expect(index.revocationData.count == 2)
        #expect(index.unmatchedEntries(in: signedData, signer: info).isEmpty)
        let content = try #require(signedData.encapsulatedContent)
        let input = try ArchiveTimeStampImprint.input(
            signedData: signedData, signer: info, signedDataDigest: DigestAlgorithm.sha256.hash(content), hashIndex: index)
        #expect(DigestAlgorithm.sha256.hash(input) == token.info.messageImprint)
        #expect(DigestAlgorithm.sha256.hash(input + [0]) != token.info.messageImprint)
    }

    static func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
