import Foundation
import SenimPDF
import SenimPKI
import Testing

/// Every hand-made incremental-update attack of testvectors/pdf fails with its named reason, though the
/// signature's mathematics over its own revision holds.
@Suite("PDF attacks")
struct PDFAttackTests {
    static func first(_ name: String) async throws -> (PDFValidationReport.Signature, SignatureReport) {
        let result = try await PDFFixtures.validate(try PDFFixtures.vector(name))
        let signature = try #require(result.signatures.first)
        let report = try #require(result.report.signatures.first)
        #expect(result.indication == .totalFailed)
        return (signature, report)
    }

    @Test(arguments: [
        ("attack-content-replaced.pdf", ModificationReason.pageContentChanged),
        ("attack-page-added.pdf", .pageTreeChanged),
        ("attack-annotation-added-certified.pdf", .annotationAdded),
        ("annotation-added-approval.pdf", .annotationAdded),
        ("attack-second-signature-certified-p1.pdf", .signatureAdded),
        ("attack-signature-dictionary-altered.pdf", .signatureDictionaryAltered),
    ])
    func laterRevisionIsRefused(_ name: String, _ reason: ModificationReason) async throws {
        let (signature, report) = try await Self.first(name)
        #expect(signature.changesAfter.contains { $0.reason == reason }, "\(signature.changesAfter.map(\.reason))")
        #expect(report.indication == .totalFailed)
        if name == "attack-signature-dictionary-altered.pdf" {
            // The rewritten dictionary's /Contents is no longer where the ByteRange's hole is.
            #expect(signature.problems.first == .byteRangeHoleMismatch)
            #expect(report.subIndication == .formatFailure)
        } else {
            #expect(signature.problems == [.disallowedModification])
            #expect(report.subIndication == .sigConstraintsFailure)
            #expect(report.messages.first?.hasPrefix("DISALLOWED_MODIFICATION: ") == true)
            #expect(report.messages.first?.contains(reason.rawValue) == true)
            // The CMS over the signed revision is intact and verifies: only the later change fails it.
            #expect(report.intact)
            #expect(report.cryptographicallyValid)
        }
    }

    @Test func byteRangeLyingAboutTheHoleIsAFormatFailure() async throws {
        let (signature, report) = try await Self.first("attack-byterange-hole.pdf")
        #expect(signature.problems == [.byteRangeHoleMismatch])
        #expect(signature.coverage == .partial)
        #expect(report.subIndication == .formatFailure)
        #expect(report.messages.first?.hasPrefix("BYTERANGE_HOLE_MISMATCH: ") == true)
        // The CMS itself verifies over the bytes the lying ByteRange names.
        #expect(report.cryptographicallyValid)
    }

    @Test func secondSignatureOnAnApprovalSignedDocumentIsAllowed() async throws {
        let result = try await PDFFixtures.validate(try PDFFixtures.vector("two-signatures.pdf"))
        #expect(result.signatures.map(\.modificationLevel) == [.formFilling, .none])
        #expect(result.signatures.map(\.coverage) == [.entireRevision, .entireFile])
        #expect(result.indication == .totalPassed)
    }

    /// ByteRange rules on a good file with one number changed in place (same width, so offsets stay).
    @Test(arguments: [
        ("[0 ", "[1 ", PDFSignatureProblem.byteRangeNotFromStart)
    ])
    func byteRangeRules(_ from: String, _ to: String, _ problem: PDFSignatureProblem) async throws {
        var bytes = try PDFFixtures.vector("rsa-pades.pdf")
        let at = try #require(PDFFixtures.offset(of: "/ByteRange \(from)", in: bytes)) + "/ByteRange ".utf8.count
        bytes.replaceSubrange(at..<(at + from.utf8.count), with: Array(to.utf8))
        let result = try await PDFFixtures.validate(bytes)
        #expect(result.signatures.first?.problems.first == problem)
        #expect(result.indication == .totalFailed)
    }

    @Test func byteRangeNotEndingAtARevision() async throws {
        // Bytes appended after %%EOF without a new revision are covered by nothing.
        let bytes = try PDFFixtures.vector("rsa-pades.pdf") + Array("% appended\n".utf8)
        let result = try await PDFFixtures.validate(bytes)
        #expect(result.signatures.first?.problems == [.byteRangeNotAtRevisionEnd])
        #expect(result.signatures.first?.coverage == .partial)
        #expect(result.indication == .totalFailed)
    }

    /// adbe.pkcs7.sha1: the encapsulated SHA-1 matches the ByteRange, and the RSA-SHA1 signature falls under the
    /// policy's SHA-1 sunset (accepted until 2016-01-01); a changed signed byte is a SHA1_DIGEST_MISMATCH.
    @Test func adbeSHA1FallsUnderThePolicysSHA1Sunset() async throws {
        let bytes = try PDFFixtures.vector("rsa-adbe-pkcs7-sha1.pdf")
        let result = try await PDFFixtures.validate(bytes)
        let report = try #require(result.report.signatures.first)
        #expect(result.signatures.first?.subFilter == "adbe.pkcs7.sha1")
        #expect(result.signatures.first?.problems == [])
        #expect(result.signatures.first?.coverage == .entireFile)
        #expect(report.format == .pdf(subFilter: "adbe.pkcs7.sha1"))
        #expect(report.subIndication == .cryptoConstraintsFailureNoPOE)
        #expect(report.messages.first?.contains("rsa-pkcs1-sha1 is not accepted for signatures after 2016-01-01") == true)
        var tampered = bytes
        tampered[try #require(PDFFixtures.offset(of: "Senimkey test document", in: bytes))] = UInt8(ascii: "Z")
        let broken = try await PDFFixtures.validate(tampered)
        #expect(broken.signatures.first?.problems == [.sha1DigestMismatch])
        #expect(broken.report.signatures.first?.subIndication == .hashFailure)
        #expect(broken.report.signatures.first?.intact == false)
    }

    /// A ByteRange that stops at %%EOF while the file keeps its final end-of-line still covers the entire file;
    /// one more byte after that end-of-line does not.
    @Test func byteRangeEndingAtEOFBeforeTheFinalNewline() async throws {
        var sealer = PDFSealer(identity: try PDFFixtures.identity("signer_ec"), signingTime: PDFSealerTests.sealTime)
        sealer.coversFinalEndOfLine = false
        let sealed = try await sealer.seal(try PDFFixtures.vector("base.pdf"))
        let result = try await PDFFixtures.validate(sealed)
        #expect(result.signatures.first?.byteRange.last.map { $0 + (result.signatures.first?.byteRange[2] ?? 0) } == sealed.count - 1)
        #expect(result.signatures.first?.coverage == .entireFile)
        #expect(result.indication == .totalPassed)
        let extended = try await PDFFixtures.validate(sealed + [0x0A])
        #expect(extended.signatures.first?.coverage == .partial)
        #expect(extended.signatures.first?.problems == [.byteRangeNotAtRevisionEnd])
    }

    @Test func tamperedSignedBytesFailTheHash() async throws {
        var bytes = try PDFFixtures.vector("rsa-pades.pdf")
        bytes[try #require(PDFFixtures.offset(of: "Senimkey test document", in: bytes))] = UInt8(ascii: "Z")
        let result = try await PDFFixtures.validate(bytes)
        #expect(result.report.signatures.first?.indication == .totalFailed)
        #expect(result.report.signatures.first?.subIndication == .hashFailure)
        #expect(result.report.signatures.first?.intact == false)
    }
}
