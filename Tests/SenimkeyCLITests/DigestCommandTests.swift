import Foundation
import Testing

@Suite("senimkey digest")
struct DigestCommandTests {
    @Test(arguments: [
        ("sha256", "ecd71870d1963316a97e3ac3408c9835ad8cf0f3c1bc703527c30265534f75ae"),
        (
            "streebog512",
            "f0afdd66f832bb219c87cf0136baf552a0fb66306f4f2a173626f11e14a7ef25"
                + "52d4b2087fd8e94f6044fe5595dc681e02f92b34bf93fbd1590910e376b12990"
        ),
    ])
    func knownAnswersOnAVectorFile(algorithm: String, expected: String) async throws {
        // testvectors/kz/cms/signed_cms_two_signers_detached.data holds "test123".
        let path = "testvectors/kz/cms/signed_cms_two_signers_detached.data"
        let result = try await CLIProcess.run(["digest", "--alg", algorithm, path])
        #expect(result.status == 0)
        #expect(result.standardOutput == "\(expected)  \(path)\n")
    }

    @Test func gostDigestsOfStandardInputAreTheKnownAnswers() async throws {
        let input = Data("This is message, length=32 bytes".utf8)
        let gost = try await CLIProcess.run(["digest", "--alg", "gost34311", "-"], standardInput: input)
        #expect(gost.standardOutput == "b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa  -\n")
        let streebog = try await CLIProcess.run(
            ["digest", "--alg", "streebog256", "-"],
            standardInput: Data("012345678901234567890123456789012345678901234567890123456789012".utf8))
        #expect(streebog.standardOutput == "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500  -\n")
    }

    @Test func unreadableFileExits65AndKeepsGoing() async throws {
        let result = try await CLIProcess.run(["digest", "/nonexistent/file", "testvectors/kz/cms/signed_cms_two_signers_detached.data"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("/nonexistent/file"))
        #expect(result.standardOutput.contains("ecd71870d1963316"))
    }

    @Test func unknownAlgorithmIsAUsageError() async throws {
        let result = try await CLIProcess.run(["digest", "--alg", "md5", "README.md"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("unknown algorithm"))
    }

    /// Several algorithms in one read: one line each, prefixed by the name, in the order asked for; the
    /// values equal the single-algorithm runs.
    @Test func severalAlgorithmsInOneRead() async throws {
        let path = "testvectors/kz/cms/signed_cms_two_signers_detached.data"
        let result = try await CLIProcess.run(["digest", "--alg", "streebog512,sha256,gost34311,sha256", path])
        #expect(result.status == 0)
        let gost = try await CLIProcess.run(["digest", "--alg", "gost34311", path]).standardOutput
        let streebog =
            "f0afdd66f832bb219c87cf0136baf552a0fb66306f4f2a173626f11e14a7ef25"
            + "52d4b2087fd8e94f6044fe5595dc681e02f92b34bf93fbd1590910e376b12990"
        #expect(
            result.standardOutput == """
                streebog512 \(streebog)  \(path)
                sha256 ecd71870d1963316a97e3ac3408c9835ad8cf0f3c1bc703527c30265534f75ae  \(path)
                gost34311 \(gost)
                """)
    }

    /// A large file through the read-ahead path, from a file and from standard input, against single runs.
    @Test func largeFileAndStandardInputAgree() async throws {
        let bytes = Data((0..<(3 << 20) + 77).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-digest-\(UInt64.random(in: 0...UInt64.max))")
        try bytes.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let both = try await CLIProcess.run(["digest", "--alg", "sha256,streebog256", url.path])
        let piped = try await CLIProcess.run(["digest", "--alg", "sha256,streebog256", "-"], standardInput: bytes)
        let sha = try await CLIProcess.run(["digest", "--alg", "sha256", url.path]).standardOutput
        let streebog = try await CLIProcess.run(["digest", "--alg", "streebog256", url.path]).standardOutput
        #expect(both.standardOutput == "sha256 \(sha)streebog256 \(streebog)")
        #expect(piped.standardOutput == both.standardOutput.replacingOccurrences(of: url.path, with: "-"))
    }

    @Test func unknownAlgorithmInAListIsAUsageError() async throws {
        for list in ["sha256,md5", "sha256,", ","] {
            let result = try await CLIProcess.run(["digest", "--alg", list, "README.md"])
            #expect(result.status == 64, "\(list)")
            #expect(result.standardError.contains("unknown algorithm"), "\(list)")
            #expect(result.standardOutput.isEmpty, "\(list)")
        }
    }

    /// The plain command lines run without the argument parser (DigestFastPath); each must print exactly what the
    /// parser's path prints for the same request, which `--` (a form only the parser reads) forces.
    @Test(arguments: [
        ["digest", "--alg", "sha256,gost34311"], ["digest", "-a", " sha256 , gost34311 "], ["digest", "--alg=sha256,gost34311"],
    ])
    func theFastPathPrintsWhatTheParserPrints(options: [String]) async throws {
        let path = "testvectors/kz/cms/signed_cms_two_signers_detached.data"
        let fast = try await CLIProcess.run(options + [path, "/nonexistent/file"])
        let parsed = try await CLIProcess.run(options + ["--", path, "/nonexistent/file"])
        #expect(fast.status == 65)
        #expect(parsed.status == 65)
        #expect(fast.standardOutput == parsed.standardOutput)
        #expect(fast.standardError == parsed.standardError)
        #expect(fast.standardOutput.hasPrefix("sha256 ecd71870d1963316a97e3ac3408c9835ad8cf0f3c1bc703527c30265534f75ae  \(path)\n"))
    }

    /// What the fast path does not read goes to the parser: help, a repeated option, no file.
    @Test func formsTheFastPathDoesNotReadGetTheParsersAnswers() async throws {
        let help = try await CLIProcess.run(["digest", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("USAGE: senimkey digest"))
        let repeated = try await CLIProcess.run(["digest", "-a", "sha256", "-a", "md5", "README.md"])
        #expect(repeated.status == 64)
        #expect(repeated.standardError.contains("unknown algorithm"))
        let noFile = try await CLIProcess.run(["digest", "--alg", "sha256"])
        #expect(noFile.status == 64)
    }
}
