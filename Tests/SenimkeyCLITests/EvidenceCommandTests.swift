import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
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

@Suite("senimkey evidence renew and verify --at")
struct EvidenceRenewCommandTests {
    static let trust = [
        "--trust", "testvectors/generated/tsa-2056/root.cert.pem", "--crl", "testvectors/generated/tsa-2056/root.crl",
    ]

    /// The committed long-term sample verifies in 2040, when only its archive timestamps still stand; renewing it again
    /// through a loopback TSA keeps every byte before its central directory and still verifies.
    @Test func theLTASampleVerifiesIn2040AndRenewsAgain() async throws {
        let later = try await CLIProcess.run(
            ["evidence", "verify", "testvectors/evidence/sample-lta.asice", "--at", "2040-06-01T00:00:00Z"] + Self.trust)
        #expect(later.status == 0, "\(later.standardOutput)\(later.standardError)")
        #expect(later.standardOutput.contains("archive timestamp META-INF/archive-timestamp-002.tst: ok"))
        #expect(later.standardOutput.contains("archive timestamp META-INF/archive-timestamp-001.tst proves the signature existed then"))

        let key = try PrivateKey(pemEncoded: try TestVectors.text("generated/tsa-2056/tsa-2056.key.pem"))
        let certificate = try Certificate(bytes: try TestVectors.bytes("generated/tsa-2056/tsa-2056.cert.pem"))
        let genTime = Date()
        let authority = TimeStampAuthority(
            identity: try SigningIdentity(privateKey: key, certificate: certificate), policy: [1, 2, 3, 4], clock: { genTime })
        let tsa = try LoopbackTSA(faults: [.serverError]) { authority.respond(to: $0, serialNumber: [0x42]) }
        defer { tsa.shutdown() }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-renewed-\(UUID().uuidString).asice")
        defer { try? FileManager.default.removeItem(at: output) }
        let renewed = try await CLIProcess.run(
            ["evidence", "renew", "testvectors/evidence/sample-lta.asice", "--tsa", tsa.url, "-o", output.path])
        #expect(renewed.status == 0, "\(renewed.standardOutput)\(renewed.standardError)")
        #expect(renewed.standardOutput.contains("+ META-INF/archive-timestamp-003.tst"))
        #expect(tsa.requestCount == 2)
        let original = try TestVectors.bytes("evidence/sample-lta.asice")
        let copy = Array(try Data(contentsOf: output))
        let directoryStart = original.count - 22 - Int(original[original.count - 10]) - Int(original[original.count - 9]) << 8
        #expect(Array(copy.prefix(directoryStart)) == Array(original.prefix(directoryStart)))
        let verified = try await CLIProcess.run(["evidence", "verify", output.path] + Self.trust)
        #expect(verified.status == 0, "\(verified.standardOutput)")

        let down = try LoopbackTSA(faults: [.serverError, .serverError, .serverError]) { authority.respond(to: $0, serialNumber: [1]) }
        defer { down.shutdown() }
        let failed = try await CLIProcess.run(
            ["evidence", "renew", "testvectors/evidence/sample-lta.asice", "--tsa", down.url, "-o", output.path + ".2"])
        #expect(failed.status == 69)
        #expect(failed.standardError.contains("the time-stamping authority did not answer"))
        #expect(try await CLIProcess.run(["evidence", "renew", "/nonexistent.asice", "--tsa", down.url, "-o", output.path]).status == 65)
    }
}
