import Foundation
import SenimTestSupport
import Testing

/// The message rule: no user-facing text names a Swift error type, a source path or a line number. Every
/// malformed corpus at hand (deterministic mutations of real CMS, timestamp, XML, certificate and CRL files,
/// and trailing data) goes through the CLI, and neither standard output nor standard error may match
/// `Error\.|\.swift:|SwiftASN1`.
@Suite("CLI message rule")
struct MessageRuleTests {
    static let forbidden = try? NSRegularExpression(pattern: #"Error\.|\.swift:|SwiftASN1"#)

    static func violations(_ text: String) -> [String] {
        guard let forbidden else { return ["no pattern"] }
        return forbidden.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range, in: text).map {
                String(
                    text[
                        text.index(
                            $0.lowerBound, offsetBy: -min(60, text.distance(from: text.startIndex, to: $0.lowerBound)))..<$0.upperBound])
            }
        }
    }

    static func temporary(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-message-rule-\(name)")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func malformedInputsNeverShowInternalNames() async throws {
        let root = CLIProcess.repositoryRoot.appendingPathComponent("testvectors")
        let at = ["--at", "2022-08-01T00:00:00Z"]
        let sources: [(String, [String], [String])] = [
            ("kz/cms/signed_cms_one_signer_rsa_attached.cms", ["verify"], at),
            ("kz/cms/signed_cms_two_signers_attached.cms", ["verify"], at),
            ("kz/tsp/tsp_response.bin", ["verify"], at),
            ("kz/tsp/tsp_token.bin", ["verify"], at),
            ("kz/xml/xml_signed_one_signer_rsa.xml", ["verify"], at),
            ("kz/ca/nca_gost2015_test.cer", ["cert", "show"], []),
            ("kz/keys/ceo_revoked_2015.cer", ["cert", "verify"], ["--trust", "testvectors/kz/ca/root_test_gost_2022.cer"] + at),
        ]
        var mutator = Mutator(seed: 17)
        var runs = 0
        var problems: [String] = []
        for (path, command, options) in sources {
            let original = Array(try Data(contentsOf: root.appendingPathComponent(path)))
            var corpus: [[UInt8]] = [
                original + [0x30, 0x03, 0x02, 0x01, 0x01], Array(original.prefix(original.count / 2)),
                Array(original.prefix(40)), [0x30, 0x80] + Array(original.dropFirst(2)),
            ]
            for _ in 0..<6 { corpus.append(mutator.mutate(original)) }
            for (index, bytes) in corpus.enumerated() {
                let file = try Self.temporary(bytes, "\(runs)-\(index)")
                let result = try await CLIProcess.run(command + [file] + options)
                runs += 1
                problems += Self.violations(result.standardOutput + result.standardError).map { "\(path) #\(index): …\($0)" }
            }
        }
        // A mutated CRL given to `cert verify`.
        let crl = Array(try Data(contentsOf: root.appendingPathComponent("kz/crl/nca_gost2022_test.crl")))
        for index in 0..<6 {
            let file = try Self.temporary(index == 0 ? crl + [1, 2, 3] : mutator.mutate(crl), "crl-\(index)")
            let result = try await CLIProcess.run([
                "cert", "verify", "testvectors/kz/keys/ceo_revoked_2015.cer", "--intermediate",
                "testvectors/kz/ca/nca_gost2015_test.cer", "--trust", "testvectors/kz/ca/root_test_gost_2022.cer",
                "--crl", file, "--at", "2022-08-01T00:00:00Z",
            ])
            runs += 1
            problems += Self.violations(result.standardOutput + result.standardError).map { "crl #\(index): …\($0)" }
        }
        #expect(runs == 76)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Zero padding after the DER (some tools pad to a block size) is tolerated with a warning; other trailing
    /// data stays a format failure, named as such.
    @Test func trailingZeroPaddingIsAWarning() async throws {
        let root = CLIProcess.repositoryRoot.appendingPathComponent("testvectors")
        let original = Array(try Data(contentsOf: root.appendingPathComponent("kz/cms/signed_cms_one_signer_rsa_attached.cms")))
        let padded = try Self.temporary(original + [UInt8](repeating: 0, count: 4096), "padded.cms")
        let result = try await CLIProcess.run(["verify", padded, "--at", "2022-08-01T00:00:00Z", "--format", "json"])
        #expect(result.standardOutput.contains("4096 zero bytes of padding follow the CMS structure"))
        #expect(!result.standardOutput.contains("FORMAT_FAILURE"))
        let baseline = try await CLIProcess.run([
            "verify", "testvectors/kz/cms/signed_cms_one_signer_rsa_attached.cms", "--at", "2022-08-01T00:00:00Z",
        ])
        #expect(result.status == baseline.status)
        let garbage = try Self.temporary(original + [0x05, 0x00], "garbage.cms")
        let refused = try await CLIProcess.run(["verify", garbage, "--at", "2022-08-01T00:00:00Z", "--format", "json"])
        #expect(refused.standardOutput.contains("FORMAT_FAILURE"))
        #expect(Self.violations(refused.standardOutput + refused.standardError).isEmpty)
    }

    /// `verify` on an evidence package runs the package verification; a PDF goes to the PDF verifier, which names
    /// what is wrong with a broken one (a format failure, exit 1).
    @Test func verifyDetectsEvidencePackagesAndPDF() async throws {
        let options = [
            "--trust", "certs", "--trust", "testvectors/generated/test-pki/root.cert.pem", "--crl",
            "testvectors/generated/test-pki/root.crl",
        ]
        let package = try await CLIProcess.run(["verify", "testvectors/evidence/sample.asice"] + options)
        let direct = try await CLIProcess.run(["evidence", "verify", "testvectors/evidence/sample.asice"] + options)
        #expect(package.standardOutput.contains("is an evidence package: verifying the package"))
        #expect(package.standardOutput.contains("1. container: ok — 16 entries, every CRC-32 correct, mimetype first"))
        // The same verification as `evidence verify`: the same steps and the same exit status.
        #expect(package.standardOutput.hasSuffix(direct.standardOutput))
        #expect(package.status == direct.status)
        let pdf = try Self.temporary(Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".utf8), "doc.pdf")
        let refused = try await CLIProcess.run(["verify", pdf])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("PDF: TOTAL_FAILED / FORMAT_FAILURE — 0 signatures"))
        #expect(refused.standardOutput.contains("NO_STARTXREF: the PDF has no startxref at its end"))
        #expect(Self.violations(refused.standardOutput + refused.standardError).isEmpty)
    }
}
