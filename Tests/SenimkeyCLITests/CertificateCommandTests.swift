import Foundation
import SenimTestSupport
import Testing

@Suite("senimkey cert show")
struct CertificateCommandTests {
    @Test func textNamesTheKazakhIdentity() async throws {
        let result = try await CLIProcess.run(["cert", "show", "testvectors/kz/keys/ceo_revoked_2015.cer"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("IIN           123456789011"))
        #expect(result.standardOutput.contains("BIN           123456789021"))
        #expect(result.standardOutput.contains("Roles         emailProtection, legalEntity, firstHead"))
        #expect(result.standardOutput.contains("GOST tc26-512-paramSetA"))
        #expect(result.standardOutput.contains("e8b7838c99b5355df320c3ce224149619cbec15afc6f6fc80139140f6368979b"))
    }

    @Test func jsonIsOneObjectWithTheFacts() async throws {
        let result = try await CLIProcess.run(["cert", "show", "--format", "json", "testvectors/kz/ca/nca_rsa_test.crt"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["serialNumber"] as? String == "452a6437611c183fbf1ec5a1ba4920dd72148a9b")
        #expect(object?["isCertificateAuthority"] as? Bool == true)
        #expect((object?["publicKeyAlgorithm"] as? String)?.hasPrefix("RSA 4096") == true)
        #expect(object?["notAfter"] as? String == "2024-03-13T03:42:17Z")
    }

    @Test func notACertificateExits65() async throws {
        let result = try await CLIProcess.run(["cert", "show", "README.md"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("malformed certificate"))
        #expect(try await CLIProcess.run(["cert", "show", "--format", "xml", "README.md"]).status == 64)
    }
}

@Suite("senimkey cert verify")
struct VerifyCertificateCommandTests {
    let leaf = "testvectors/kz/keys/ceo_revoked_2015.cer"
    let intermediate = "testvectors/kz/ca/nca_gost2015_test.cer"
    let root = "testvectors/kz/ca/root_test_gost_2022.cer"

    /// Revocation is required by default: without a CRL or OCSP response the chain is INDETERMINATE, never passed;
    /// soft-fail reports the unknown status and passes; the mode is printed either way.
    @Test func revocationIsRequiredByDefaultAndSoftFailPasses() async throws {
        let required = try await CLIProcess.run([
            "cert", "verify", leaf, "--intermediate", intermediate, "--trust", root, "--at", "2022-08-01T00:00:00Z",
        ])
        #expect(required.status == 2)
        #expect(required.standardOutput.hasPrefix("INDETERMINATE / REVOCATION_OUT_OF_BOUNDS_NO_POE"))
        #expect(required.standardOutput.contains("revocation mode require, profile lenient"))
        let soft = try await CLIProcess.run([
            "cert", "verify", leaf, "--intermediate", intermediate, "--trust", root, "--at", "2022-08-01T00:00:00Z",
            "--revocation", "soft-fail",
        ])
        #expect(soft.status == 0)
        #expect(soft.standardOutput.hasPrefix("TOTAL_PASSED"))
        #expect(soft.standardOutput.contains("revocation mode soft-fail"))
        #expect(soft.standardOutput.contains("revocation status of"))
        // hard-fail: the NCA certificates name their CRL distribution points, so unknown status is decisive.
        let hard = try await CLIProcess.run([
            "cert", "verify", leaf, "--intermediate", intermediate, "--trust", root, "--at", "2022-08-01T00:00:00Z",
            "--revocation", "hard-fail", "--format", "json",
        ])
        #expect(hard.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(hard.standardOutput.utf8)) as? [String: Any]
        #expect(object?["revocationMode"] as? String == "hard-fail")
        #expect(object?["profile"] as? String == "lenient")
        #expect(try await CLIProcess.run(["cert", "verify", leaf, "--trust", root, "--revocation", "maybe"]).status == 64)
    }

    /// With the leaf's CRL and soft-fail for the CA certificate (the vectors hold no root CRL), the chain passes.
    @Test func validChainWithItsCRLExits0() async throws {
        let result = try await CLIProcess.run([
            "cert", "verify", "testvectors/kz/keys/individual_valid_2015.cer", "--intermediate", intermediate,
            "--trust", root, "--crl", "testvectors/kz/crl/nca_gost2022_test.crl", "--at", "2022-08-01T00:00:00Z",
            "--revocation", "soft-fail",
        ])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("TOTAL_PASSED"))
        #expect(result.standardOutput.contains("revocation good (CRL)"))
    }

    @Test func revokedByCRLExits2WithTheReason() async throws {
        let result = try await CLIProcess.run([
            "cert", "verify", leaf, "--intermediate", intermediate, "--trust", root,
            "--crl", "testvectors/kz/crl/nca_gost2022_test.crl", "--at", "2022-08-01T00:00:00Z", "--format", "json",
        ])
        #expect(result.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["indication"] as? String == "INDETERMINATE")
        #expect(object?["subIndication"] as? String == "REVOKED_NO_POE")
    }

    @Test func noTrustAnchorAndBadInputHaveTheirExitCodes() async throws {
        let untrusted = try await CLIProcess.run([
            "cert", "verify", leaf, "--intermediate", intermediate, "--trust", "testvectors/kz/ca/root_rsa_test.der", "--at",
            "2022-08-01T00:00:00Z",
        ])
        #expect(untrusted.status == 2)
        #expect(untrusted.standardOutput.contains("NO_CERTIFICATE_CHAIN_FOUND"))
        #expect(try await CLIProcess.run(["cert", "verify", "README.md", "--trust", root]).status == 65)
        #expect(try await CLIProcess.run(["cert", "verify", leaf, "--trust", root, "--at", "yesterday"]).status == 64)
    }
}

@Suite("senimkey cert verify --online (loopback)")
struct OnlineVerifyCommandTests {
    /// The intermediate comes from the leaf's AIA and the leaf's CRL from its distribution point, both served by a
    /// loopback server standing in for test.pki.gov.kz; the root's CRL host answers 404, so the CA's own status
    /// stays unknown and, with --online requiring revocation, the verdict is INDETERMINATE.
    @Test func onlineFetchesTheIssuerAndTheCRL() async throws {
        let root = CLIProcess.repositoryRoot.appendingPathComponent("testvectors")
        let server = try LoopbackHTTPServer(routes: [
            "/cert/nca_gost2022_test.cer": .init(
                body: Array(try Data(contentsOf: root.appendingPathComponent("kz/ca/nca_gost2015_test.cer")))),
            "/crl/nca_gost2022_test.crl": .init(
                body: Array(try Data(contentsOf: root.appendingPathComponent("kz/crl/nca_gost2022_test.crl")))),
        ])
        defer { server.shutdown() }
        let result = try await CLIProcess.run([
            "cert", "verify", "testvectors/kz/keys/individual_valid_2015.cer", "--trust", "testvectors/kz/ca/root_test_gost_2022.cer",
            "--online", "--mirror", "test.pki.gov.kz=\(server.baseURL)", "--mirror", "crl.root.gov.kz=\(server.baseURL)",
            "--at", "2022-08-01T00:00:00Z", "--format", "json",
        ])
        #expect(result.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let chain = object?["chain"] as? [[String: Any]] ?? []
        #expect(chain.count == 3)
        #expect((chain.first?["revocation"] as? [String: Any])?["status"] as? String == "good")
        #expect((chain.first?["revocation"] as? [String: Any])?["source"] as? String == "CRL")
        #expect(object?["subIndication"] as? String == "REVOCATION_OUT_OF_BOUNDS_NO_POE")
        #expect(server.received.contains { $0.path == "/cert/nca_gost2022_test.cer" })
        #expect(result.standardError.contains("HTTP 404"))
    }
}

@Suite("senimkey trust sync (loopback)")
struct TrustSyncCommandTests {
    /// The NCA URLs are served from loopback with test certificates standing in: two roots and two intermediates
    /// check out; a tampered "root" and a missing file fail; a second run is unchanged; a changed file is refused.
    @Test func syncChecksWritesAndRefusesChanges() async throws {
        let vectors = CLIProcess.repositoryRoot.appendingPathComponent("testvectors/kz")
        func file(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: vectors.appendingPathComponent(path))) }
        var tampered = try file("ca/root_rsa_test.der")
        tampered[tampered.count - 20] ^= 0x01 // breaks the root's self-signature
        let server = try LoopbackHTTPServer(routes: [
            "/cert/root_gost_2022.cer": .init(body: try file("ca/root_test_gost_2022.cer")),
            "/cert/nca_gost_2022.cer": .init(body: try file("ca/nca_gost2015_test.cer")),
            "/cert/root_rsa_2020.cer": .init(body: tampered),
            "/cert/nca_rsa_2022.cer": .init(body: try file("ca/nca_gost_test.der")), // not issued by any served root
        ])
        defer { server.shutdown() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-trust-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = [
            "trust", "sync", "--dir", directory.path, "--mirror", "pki.gov.kz=\(server.baseURL)", "--mirror",
            "root.gov.kz=\(server.baseURL)",
        ]

        let first = try await CLIProcess.run(arguments)
        #expect(first.status == 1)
        #expect(
            first.standardOutput.contains("new        root_gost_2022.cer  b995e79e7c07429f8f79e185451e5599ce342ac720000f01b3854fdfa03031a6")
        )
        #expect(first.standardOutput.contains("new        nca_gost_2022.cer"))
        #expect(first.standardOutput.contains("FAILED     root_rsa_2020.cer") && first.standardOutput.contains("self-signed"))
        #expect(first.standardOutput.contains("FAILED     nca_rsa_2022.cer"))
        #expect(first.standardOutput.contains("FAILED     root_gost_2020.cer") && first.standardOutput.contains("HTTP 404"))
        let sums = try String(contentsOf: directory.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        #expect(sums.contains("b995e79e7c07429f8f79e185451e5599ce342ac720000f01b3854fdfa03031a6  root_gost_2022.cer"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("root_rsa_2020.cer").path))

        let second = try await CLIProcess.run(arguments)
        #expect(second.standardOutput.contains("unchanged  root_gost_2022.cer"))

        // Someone replaced the stored root: the next sync reports the change and refuses to overwrite silently.
        try Data(try file("ca/root_gost_test.der")).write(to: directory.appendingPathComponent("root_gost_2022.cer"))
        let third = try await CLIProcess.run(arguments)
        #expect(third.status == 1)
        #expect(third.standardOutput.contains("CHANGED    root_gost_2022.cer"))
    }
}

/// PKITS through `senimkey cert verify`, as a forensic expert runs it: the lenient profile accepts a CA whose
/// basicConstraints is not critical (PKITS 4.6.4) and says so; `--profile strict` refuses it; a delta CRL decides.
@Suite("senimkey cert verify on PKITS")
struct VerifyCertificatePKITSTests {
    static func file(_ name: String, _ kind: String = "certs", _ ext: String = "crt") -> String {
        "testvectors/suites/pkits/\(kind)/\(name).\(ext)"
    }
    static func crl(_ name: String) -> [String] { ["--crl", file(name, "crls", "crl")] }

    @Test func basicConstraintsNotCriticalLenientAndStrict() async throws {
        let arguments =
            [
                "cert", "verify", Self.file("ValidbasicConstraintsNotCriticalTest4EE"), "--intermediate",
                Self.file("basicConstraintsNotCriticalCACert"),
                "--trust", Self.file("TrustAnchorRootCertificate"), "--at", "2011-04-15T00:00:00Z",
            ]
            + Self.crl("TrustAnchorRootCRL") + Self.crl("basicConstraintsNotCriticalCACRL")
        let lenient = try await CLIProcess.run(arguments)
        #expect(lenient.status == 0, "\(lenient.standardOutput)")
        #expect(
            lenient.standardOutput.contains(
                "profile warning: C=US, O=Test Certificates 2011, CN=basicConstraints Not Critical CA does not follow RFC 5280: "
                    + "basicConstraints of a CA MUST be critical"
            ))
        let strict = try await CLIProcess.run(arguments + ["--profile", "strict"])
        #expect(strict.status == 2)
        #expect(strict.standardOutput.hasPrefix("INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE"))
        #expect(strict.standardOutput.contains("revocation mode require, profile strict"))
    }

    @Test func deltaCRLRevocationThroughTheCLI() async throws {
        // PKITS 4.15.9 (Invalid delta-CRL Test9): revoked only on the delta CRL.
        let result = try await CLIProcess.run(
            [
                "cert", "verify", Self.file("InvaliddeltaCRLTest9EE"), "--intermediate", Self.file("deltaCRLCA2Cert"),
                "--trust", Self.file("TrustAnchorRootCertificate"), "--at", "2011-04-15T00:00:00Z", "--format", "json",
            ]
                + Self.crl("TrustAnchorRootCRL") + Self.crl("deltaCRLCA2CRL") + Self.crl("deltaCRLCA2deltaCRL"))
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(result.status == 2)
        #expect(object?["subIndication"] as? String == "REVOKED_NO_POE")
    }
}

/// Every PKITS case through `senimkey cert verify` (the binary, as a forensic expert runs it; the same walk as
/// testvectors/suites/pkits/run-cli.py): all 249 verdicts agree with PKITS.pdf (exit 0 exactly for valid paths).
@Suite("PKITS through the CLI")
struct PKITSThroughCLITests {
    struct Manifest: Decodable {
        struct Case: Decodable {
            let id: String, variant: Int, certificates: [String], crls: [String], initialPolicySet: [String]
            let initialExplicitPolicy: Bool, initialPolicyMappingInhibit: Bool, initialInhibitAnyPolicy: Bool, shouldValidate: Bool
        }
        let validationTime: String
        let policies: [String: String]
        let cases: [Case]
    }

    @Test func all249PKITSVerdictsAgreeThroughTheCLI() async throws {
        let folder = "testvectors/suites/pkits"
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let manifest = try decoder.decode(
            Manifest.self, from: Data(contentsOf: CLIProcess.repositoryRoot.appendingPathComponent("\(folder)/pkits.json")))
        var disagreements: [String] = []
        for testCase in manifest.cases {
            let certificates = testCase.certificates.map { "\(folder)/certs/\($0).crt" }
            var arguments = [
                "cert", "verify", certificates[certificates.count - 1], "--trust", certificates[0], "--at", manifest.validationTime,
            ]
            for path in certificates.dropFirst().dropLast() { arguments += ["--intermediate", path] }
            for name in testCase.crls { arguments += ["--crl", "\(folder)/crls/\(name).crl"] }
            for name in testCase.initialPolicySet where name != "anyPolicy" {
                arguments += ["--initial-policy", manifest.policies[name] ?? name]
            }
            if testCase.initialExplicitPolicy { arguments.append("--require-explicit-policy") }
            if testCase.initialPolicyMappingInhibit { arguments.append("--inhibit-policy-mapping") }
            if testCase.initialInhibitAnyPolicy { arguments.append("--inhibit-any-policy") }
            let result = try await CLIProcess.run(arguments)
            if (result.status == 0) != testCase.shouldValidate {
                disagreements.append("\(testCase.id)#\(testCase.variant): exit \(result.status) \(result.standardOutput.prefix(200))")
            }
        }
        #expect(manifest.cases.count == 249)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }
}
