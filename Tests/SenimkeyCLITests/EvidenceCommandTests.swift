import Foundation
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
}
