import Foundation
import SenimCMS
import SenimPDF
import SenimPKI
import SenimTestSupport
import Testing

/// The platform's own seal: a PAdES-B-B incremental update by SenimCMS. What this toolkit seals, this verifier
/// and pyHanko both validate as intact and valid.
@Suite("PDF sealing")
struct PDFSealerTests {
    static let sealTime = ISO8601DateFormatter().date(from: "2029-06-01T10:00:00Z") ?? .distantPast

    /// Inside the NCA SDK 2026 test certificates' validity (2026-05-08 → 2027-05-08).
    static let gostTime = ISO8601DateFormatter().date(from: "2026-11-01T00:00:00Z") ?? .distantPast

    static func seal(_ name: String, with identity: SigningIdentity, at time: Date = sealTime) async throws -> [UInt8] {
        var sealer = PDFSealer(identity: identity, signingTime: time)
        sealer.reason = "Senimkey arbitration report"
        return try await sealer.seal(try PDFFixtures.vector(name))
    }

    @Test(arguments: ["base.pdf", "base-xrefstream.pdf"])
    func sealedVerifiesHere(_ name: String) async throws {
        let original = try PDFFixtures.vector(name)
        let sealed = try await Self.seal(name, with: try PDFFixtures.identity("signer_ec"))
        #expect(Array(sealed.prefix(original.count)) == original, "an incremental update keeps the original bytes")
        let result = try await PDFFixtures.validate(sealed)
        #expect(result.indication == .totalPassed, "\(result.report.messages) \(result.report.signatures.first?.messages ?? [])")
        #expect(result.signatures.map(\.coverage) == [.entireFile])
        #expect(result.signatures.first?.subFilter == "ETSI.CAdES.detached")
        #expect(result.report.signatures.first?.format == .padesBaselineB)
        #expect(result.revisions.count == 2)
        #expect(result.revisions[1].crossReference == (name == "base.pdf" ? .table : .stream))
        // PAdES-B-B: no signingTime attribute; the claimed time is /M.
        #expect(result.report.signatures.first?.claimedSigningTime == nil)
    }

    @Test func sealingKeepsEarlierSignaturesValid() async throws {
        let sealed = try await Self.seal("rsa-pades.pdf", with: try PDFFixtures.identity("signer_rsa"))
        let result = try await PDFFixtures.validate(sealed)
        #expect(result.signatures.map(\.modificationLevel) == [.formFilling, .none])
        #expect(result.signatures.map(\.coverage) == [.entireRevision, .entireFile])
        #expect(result.indication == .totalPassed)
    }

    @Test func sealedVerifiesInPyHanko() async throws {
        guard let python = PDFFixtures.python else {
            Issue.record("pyHanko is not installed (.ci/run installs it with pip install pyhanko pyhanko-cli)")
            return
        }
        for (name, key) in [("base.pdf", "signer_rsa"), ("base-xrefstream.pdf", "signer_ec"), ("rsa-pades.pdf", "signer_ec")] {
            let sealed = try await Self.seal(name, with: try PDFFixtures.identity(key))
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-sealed-\(UUID().uuidString).pdf")
            try Data(sealed).write(to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let run = try await ExternalTool.outcome(python, [TestVectors.url("pdf/pyhanko_validate.py").path, path.path])
            #expect(run.status == 0, "\(run.output)")
            let line = run.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
            let verdicts = try JSONDecoder().decode([PDFInteropTests.Recorded].self, from: Data(line.utf8))
            let seal = try #require(verdicts.last)
            #expect(seal.field == "SenimkeySeal")
            #expect(seal.intact == true, "\(name): \(line)")
            #expect(seal.valid == true, "\(name): \(line)")
            #expect(seal.coverage == "ENTIRE_FILE")
            #expect(seal.bottomLine == true, "\(name): \(line)")
            if name == "rsa-pades.pdf" {
                #expect(verdicts.first?.modificationLevel == "FORM_FILLING", "pyHanko accepts the seal as a later signature: \(line)")
                #expect(verdicts.first?.bottomLine == true)
            }
        }
    }

    /// The NCA test GOST root (2022) as the anchor with its issuing CA; no revocation data, so the verdict is INDETERMINATE at best.
    static func gostContext() throws -> ValidationContext {
        ValidationContext(
            trustStore: TrustStore(
                roots: [try PDFFixtures.certificate("kz/ca/root_test_gost_2022.cer")],
                intermediates: [try PDFFixtures.certificate("kz/ca/nca_gost2015_test.cer")]))
    }

    /// The committed GOST seal (written by gost2015SealReadsBack with SENIMKEY_REGENERATE_PDF=1) still reads back:
    /// a fixed GOST-2015 PAdES file for other verifiers (NCANode 3.4+, Kalkan) to try.
    @Test func committedGOSTSealStillReadsBack() async throws {
        let bytes = try PDFFixtures.vector("gost2015-seal.pdf")
        let result = await PDFSignatureValidator(context: try Self.gostContext()).validate(bytes: bytes, at: Self.gostTime)
        let report = try #require(result.report.signatures.first)
        #expect(report.intact)
        #expect(report.cryptographicallyValid)
        #expect(
            report.signatureAlgorithm?.contains("34.10-2015") == true || report.signatureAlgorithm?.lowercased().contains("gost") == true,
            "\(report.signatureAlgorithm ?? "")")
        #expect(result.signatures.map(\.field) == ["SenimkeySeal"])
        #expect(result.signatures.first?.coverage == .entireFile)
        #expect(result.revisions.count == 2)
        #expect(report.chainTrusted, "\(report.messages)")
    }

    /// GOST 34.10-2015 (512) PAdES by this toolkit's own CMS signer with an NCA test key, checked by re-reading.
    @Test func gost2015SealReadsBack() async throws {
        let identity = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
        let sealed = try await Self.seal("base.pdf", with: identity, at: Self.gostTime)
        let result = await PDFSignatureValidator(context: try Self.gostContext()).validate(bytes: sealed, at: Self.gostTime)
        let report = try #require(result.report.signatures.first)
        #expect(report.intact)
        #expect(report.cryptographicallyValid)
        #expect(
            report.digestAlgorithm?.lowercased().contains("streebog") == true || report.digestAlgorithm?.contains("34.11") == true,
            "\(report.digestAlgorithm ?? "")")
        #expect(result.signatures.first?.coverage == .entireFile)
        if ProcessInfo.processInfo.environment["SENIMKEY_REGENERATE_PDF"] == "1" {
            try Data(sealed).write(to: TestVectors.url("pdf/gost2015-seal.pdf"))
        }
        // Tamper one signed byte: the GOST signature no longer matches.
        var tampered = sealed
        tampered[try #require(PDFFixtures.offset(of: "Senimkey test document", in: sealed))] = UInt8(ascii: "Z")
        let broken = await PDFSignatureValidator(context: try Self.gostContext()).validate(bytes: tampered, at: Self.gostTime)
        #expect(broken.report.signatures.first?.intact == false)
    }
}
