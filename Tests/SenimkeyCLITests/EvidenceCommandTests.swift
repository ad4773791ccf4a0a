import Foundation
import SenimCrypto
import SenimTestSupport
import Testing

@Suite("senimkey evidence verify")
struct EvidenceCommandTests {
    static let trust = [
        "--trust", "certs", "--trust", "testvectors/generated/test-pki/root.cert.pem", "--crl", "testvectors/generated/test-pki/root.crl",
    ]

    @Test func sampleBundlePassesAndATamperedOneFails() async throws {
        // The expert's policy by default: the sample holds no revocation data for the test NCA, so its EDS stay open.
        let strict = try await CLIProcess.run(["evidence", "verify", "testvectors/evidence/sample.asice"] + Self.trust)
        #expect(strict.status == 2, "\(strict.standardOutput)\(strict.standardError)")
        #expect(strict.standardOutput.contains("REVOCATION_OUT_OF_BOUNDS_NO_POE"))
        // The platform's own policy, carried in the package, accepts them.
        let good = try await CLIProcess.run(
            ["evidence", "verify", "testvectors/evidence/sample.asice", "--policy-from-package"] + Self.trust)
        #expect(good.status == 0, "\(good.standardOutput)\(good.standardError)")
        #expect(good.standardOutput.contains("10. checkpoint: ok"))
        // Without --at, each seal is judged when it was sealed and each EDS signature at its recorded time.
        #expect(good.standardOutput.contains("3. seal: ok — validated at 2026-08-29T10:40:00Z (the sealing time the seal claims"))
        #expect(good.standardOutput.contains("(the time its report at completion recorded)"))
        // --at overrides every time: in 2020 the NCA 2026 test certificates did not exist yet.
        let early = try await CLIProcess.run(
            ["evidence", "verify", "testvectors/evidence/sample.asice", "--at", "2020-01-01T00:00:00Z", "--policy-from-package"]
                + Self.trust)
        #expect(early.status != 0)
        #expect(early.standardOutput.contains("validated at 2020-01-01T00:00:00Z (the time asked for)"))
        #expect(
            try await CLIProcess.run(["evidence", "verify", "testvectors/evidence/sample.asice", "--at", "yesterday"] + Self.trust).status
                == 64)

        var bytes = try TestVectors.bytes("evidence/sample.asice")
        bytes[bytes.count / 3] ^= 0x01
        let tampered = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-tampered-\(UUID().uuidString).asice")
        try Data(bytes).write(to: tampered)
        let bad = try await CLIProcess.run(["evidence", "verify", tampered.path, "--format", "json"] + Self.trust)
        #expect(bad.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bad.standardOutput.utf8)) as? [String: Any])
        #expect(object["indication"] as? String == "TOTAL_FAILED")
        #expect(try await CLIProcess.run(["evidence", "verify", "/nonexistent.asice"]).status == 65)
    }

    /// `evidence report --format pdf`: a PDF with Chromium; without it exit 69 and a sentence in the report's language
    /// naming what to install, while `--format html` needs nothing.
    @Test func reportPrintsAPDFOrSaysWhatToInstall() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-cli-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["evidence", "report", "testvectors/evidence/sample.asice", "--policy-from-package"] + Self.trust
        let missing = try await ExternalTool.outcome(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["SENIMKEY_CHROMIUM=/nonexistent/chromium", CLIProcess.binary.path] + arguments + [
                "--lang", "kk", "--format", "pdf", "-o", directory.appendingPathComponent("r.pdf").path,
            ], in: CLIProcess.repositoryRoot)
        #expect(missing.status == 69, "\(missing.output)")
        #expect(missing.standardError.contains("«chromium» пен «fonts-dejavu-core» бумаларын орнатыңыз"), "\(missing.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("r.pdf").path))
        let html = try await CLIProcess.run(arguments + ["--lang", "kk", "-o", directory.appendingPathComponent("r.html").path])
        #expect(html.status == 0, "\(html.standardError)")
        let page = try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8)
        let sample = Hex.encode(DigestAlgorithm.sha256.hash(try TestVectors.bytes("evidence/sample.asice")))
        #expect(page.contains("<html lang=\"kk\">") && page.contains(sample) && page.contains("https://senimkey.kz/verify?sha256="))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            Issue.record("chromium is not installed (.ci/run installs the Debian package)")
            return
        }
        let pdf = try await CLIProcess.run(arguments + ["--format", "pdf", "-o", directory.appendingPathComponent("r.pdf").path])
        #expect(pdf.status == 0, "\(pdf.standardError)")
        #expect(try Data(contentsOf: directory.appendingPathComponent("r.pdf")).starts(with: Array("%PDF-".utf8)))
    }
}
