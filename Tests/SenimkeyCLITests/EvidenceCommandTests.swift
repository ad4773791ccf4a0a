import Foundation
import SenimTestSupport
import Testing

@Suite("senimkey evidence verify")
struct EvidenceCommandTests {
    static let trust = ["--trust", "certs", "--trust", "testvectors/generated/test-pki/root.cert.pem", "--crl", "testvectors/generated/test-pki/root.crl"]

    @Test func sampleBundlePassesAndATamperedOneFails() throws {
        let good = try CLIProcess.run(["evidence", "verify", "testvectors/evidence/sample.asice"] + Self.trust)
        #expect(good.status == 0, "\(good.standardOutput)\(good.standardError)")
        #expect(good.standardOutput.contains("10. checkpoint: ok"))

        var bytes = try TestVectors.bytes("evidence/sample.asice")
        bytes[bytes.count / 3] ^= 0x01
        let tampered = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-tampered-\(UUID().uuidString).asice")
        try Data(bytes).write(to: tampered)
        let bad = try CLIProcess.run(["evidence", "verify", tampered.path, "--format", "json"] + Self.trust)
        #expect(bad.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bad.standardOutput.utf8)) as? [String: Any])
        #expect(object["indication"] as? String == "TOTAL_FAILED")
        #expect(try CLIProcess.run(["evidence", "verify", "/nonexistent.asice"]).status == 65)
    }
}
