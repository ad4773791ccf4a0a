import Foundation
import SenimPDF
import SenimPKI
import SenimTestSupport
import Testing

/// What pyHanko signs, this verifier reads with the same coverage and modification verdicts: every vector of
/// testvectors/pdf against pyHanko 0.38's own verdicts recorded by make_vectors.py (pyhanko-verdicts.json).
@Suite("PDF interop with pyHanko (pyHanko signs, SenimPDF verifies)")
struct PDFInteropTests {
    struct Recorded: Decodable {
        let field: String
        let coverage: String?
        let modificationLevel: String?
        let docmdpOk: Bool?
        let intact: Bool?
        let valid: Bool?
        let bottomLine: Bool?
    }

    static let recorded: [String: [Recorded]] = {
        guard let data = try? Data(contentsOf: TestVectors.url("pdf/pyhanko-verdicts.json")),
            let decoded = try? JSONDecoder().decode([String: [Recorded]].self, from: data)
        else { return [:] }
        return decoded
    }()

    /// pyHanko's five coverage levels folded into this verifier's three.
    static func coverage(_ pyHanko: String?) -> SignatureCoverage {
        switch pyHanko {
        case "ENTIRE_FILE": return .entireFile
        case "ENTIRE_REVISION": return .entireRevision
        default: return .partial
        }
    }

    /// Where this verifier names a change more precisely than pyHanko 0.38's default diff policy: an added
    /// non-widget annotation is ANNOTATIONS here, OTHER (an "unexplained xref") there. Both fail the document.
    static let deviations: [String: ModificationLevel] = [
        "annotation-added-approval.pdf": .annotations,
        "attack-annotation-added-certified.pdf": .annotations,
    ]

    @Test func everyPDFVectorHasAPyHankoVerdict() {
        #expect(Self.recorded.count == 20)
        // pyHanko 0.38 does not list adbe.pkcs7.sha1 signatures at all ("not a recognized SubFilter type").
        #expect(Self.recorded["rsa-adbe-pkcs7-sha1.pdf"]?.isEmpty == true)
    }

    @Test(arguments: [
        "rsa-pades.pdf", "ecdsa-pades-xrefstream.pdf", "rsa-adbe-pkcs7.pdf", "certified-p2.pdf", "certified-p1.pdf", "two-signatures.pdf",
        "pades-t-doc-timestamp.pdf", "pades-lt-dss.pdf", "pades-lta-ecdsa.pdf", "attack-content-replaced.pdf", "attack-page-added.pdf",
        "annotation-added-approval.pdf", "attack-annotation-added-certified.pdf", "attack-second-signature-certified-p1.pdf",
        "attack-signature-dictionary-altered.pdf", "attack-byterange-hole.pdf",
    ])
    func sameVerdictsAsPyHanko(_ name: String) async throws {
        let expected = try #require(Self.recorded[name])
        let result = try await PDFFixtures.validate(try PDFFixtures.vector(name))
        #expect(result.refusal == nil)
        #expect(result.signatures.count == expected.count)
        for (ours, theirs) in zip(result.signatures, expected) {
            #expect(ours.field == theirs.field)
            if theirs.coverage != nil { #expect(ours.coverage == Self.coverage(theirs.coverage), "\(name) \(ours.id) coverage") }
            if let level = theirs.modificationLevel {
                let wanted = Self.deviations[name] ?? ModificationLevel(rawValue: level)
                #expect(ours.modificationLevel == wanted, "\(name) \(ours.id) modification level")
            }
            let report = try #require(result.report.signatures.first { $0.id == ours.id })
            // pyHanko's bottom line (intact, valid, trusted, DocMDP ok) is this verifier's TOTAL_PASSED.
            let pyHankoPasses = theirs.bottomLine ?? (theirs.intact == true && theirs.valid == true)
            #expect(
                (report.indication == .totalPassed) == pyHankoPasses,
                "\(name) \(ours.id): \(report.indication.rawValue) \(report.messages.first ?? "")")
            if theirs.intact == true && ours.coverage != .partial { #expect(report.intact) }
        }
    }

    @Test func revisionsNameTheirCrossReferenceKindSignerAndModifications() async throws {
        let classic = try await PDFFixtures.validate(try PDFFixtures.vector("two-signatures.pdf"))
        #expect(classic.revisions.map(\.crossReference) == [.table, .table, .table])
        #expect(classic.revisions.map(\.signedBy) == [[], ["S-1"], ["S-2"]])
        #expect(classic.revisions.map(\.modificationLevel) == [.none, .formFilling, .formFilling])
        let streams = try await PDFFixtures.validate(try PDFFixtures.vector("ecdsa-pades-xrefstream.pdf"))
        #expect(streams.revisions.map(\.crossReference) == [.stream, .stream])
        #expect(
            streams.report.signatures.first?.signatureAlgorithm?.lowercased().contains("ecdsa") == true,
            "\(streams.report.signatures.first?.signatureAlgorithm ?? "")")
    }

    @Test func documentTimestampAndSecurityStoreAreReadAndPass() async throws {
        let stamped = try await PDFFixtures.validate(try PDFFixtures.vector("pades-t-doc-timestamp.pdf"))
        #expect(stamped.signatures.map(\.subFilter) == ["ETSI.CAdES.detached", "ETSI.RFC3161"])
        #expect(stamped.report.signatures.map(\.format) == [.padesBaselineT, .padesDocumentTimestamp])
        #expect(stamped.signatures[0].changesAfter.map(\.reason).contains(.documentTimestampAdded))
        #expect(stamped.report.indication == .totalPassed)
        let lt = try await PDFFixtures.validate(try PDFFixtures.vector("pades-lt-dss.pdf"))
        let store = try #require(lt.securityStore)
        #expect(store == ["certificates": 3, "crls": 1, "ocspResponses": 0, "vri": 1])
        #expect(lt.signatures[0].changesAfter.map(\.reason).contains(.securityStoreUpdated))
        #expect(lt.report.indication == .totalPassed)
    }

    /// PAdES-LTA: with ecdsa-sha256 sunset at 2027-06-01 by the policy, the ECDSA signature alone is INDETERMINATE at
    /// 2030; the document timestamp over it (RSA, made when the recipe ran, before the sunset) proves it existed
    /// earlier, and it is validated at that time.
    @Test func documentTimestampIsAProofOfExistence() async throws {
        var policy = ValidationPolicy.kazakhstanDefault
        let sunset = ISO8601DateFormatter().date(from: "2027-06-01T00:00:00Z")
        policy.algorithms = policy.algorithms.map {
            $0.algorithm == "ecdsa-sha256" ? .init(algorithm: "ecdsa-sha256", acceptedUntil: sunset) : $0
        }
        let base = try PDFFixtures.context()
        let context = ValidationContext(trustStore: base.trustStore, policy: policy, revocationSources: base.revocationSources)
        let bytes = try PDFFixtures.vector("pades-lta-ecdsa.pdf")
        let result = await PDFSignatureValidator(context: context).validate(bytes: bytes, at: PDFFixtures.validationTime)
        let stamp = try #require(result.report.signatures.last)
        #expect(stamp.format == .padesDocumentTimestamp)
        #expect(stamp.indication == .totalPassed)
        let signature = try #require(result.report.signatures.first)
        #expect(signature.indication == .totalPassed, "\(signature.messages)")
        #expect(signature.messages.first?.contains("the time document timestamp S-2 proves it existed (PAdES-LTA)") == true)
        #expect(signature.messages.first?.contains("ecdsa-sha256") == true)
        #expect(signature.bestSignatureTime == stamp.bestSignatureTime)
        // Without the document timestamp's proof (the same file cut back to its signed revision) the sunset decides.
        let revision = try #require(result.signatures.first?.byteRange).suffix(2).reduce(0, +)
        let alone = await PDFSignatureValidator(context: context).validate(
            bytes: Array(bytes.prefix(revision)), at: PDFFixtures.validationTime)
        #expect(alone.report.signatures.first?.indication == .indeterminate)
        #expect(alone.report.signatures.first?.subIndication == .cryptoConstraintsFailureNoPOE)
    }

    @Test func certificationPermissionsSetTheAllowedModifications() async throws {
        let p1 = try await PDFFixtures.validate(try PDFFixtures.vector("certified-p1.pdf"))
        #expect(p1.signatures[0].docMDP == .noChanges)
        #expect(p1.signatures[0].allowedModificationLevel == .ltaUpdates)
        let p2 = try await PDFFixtures.validate(try PDFFixtures.vector("certified-p2.pdf"))
        #expect(p2.signatures[0].docMDP == .fillForms)
        #expect(p2.signatures[0].certification)
        let approval = try await PDFFixtures.validate(try PDFFixtures.vector("rsa-pades.pdf"))
        #expect(approval.signatures[0].docMDP == nil)
        #expect(approval.signatures[0].coverage == .entireFile)
        #expect(approval.signatures[0].modificationLevel == ModificationLevel.none)
    }

    @Test func unsignedPDFSaysSo() async throws {
        let result = try await PDFFixtures.validate(try PDFFixtures.vector("base.pdf"))
        #expect(result.signatures.isEmpty)
        #expect(result.indication == .totalFailed)
        #expect(result.report.messages.contains("the PDF has no signature"))
        #expect(result.revisions.count == 1)
    }
}
