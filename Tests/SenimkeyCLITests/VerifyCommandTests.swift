import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@Suite("senimkey verify")
struct VerifyCommandTests {
    static let root = "testvectors/generated/test-pki/root.cert.pem"
    static let rootCRL = "testvectors/generated/test-pki/root.crl"

    /// A detached CMS by the test PKI's RSA signer over `content`, written to a temporary folder.
    static func detachedCMS(content: [UInt8]) throws -> (signature: URL, content: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = try PrivateKey(pemEncoded: try TestVectors.text("generated/test-pki/signer_rsa.key.pem"))
        let identity = try SigningIdentity(
            privateKey: key, certificate: try Certificate(bytes: try TestVectors.bytes("generated/test-pki/signer_rsa.cert.pem")))
        let cms = try CMSBuilder.sign(
            content, detached: true, signers: [CMSSigner(identity: identity, signingTime: Date(timeIntervalSince1970: 1_700_000_000))])
        let signature = directory.appendingPathComponent("document.p7s")
        let data = directory.appendingPathComponent("document.pdf")
        try Data(Data(cms.derEncoded).base64EncodedString().utf8).write(to: signature) // base64, as NCALayer returns it
        try Data(content).write(to: data)
        return (signature, data)
    }

    @Test func kzVectorTextNamesSignersAndWhy() async throws {
        let result = try await CLIProcess.run([
            "verify", "testvectors/kz/cms/signed_cms_two_signers_attached.cms", "--crl", "testvectors/kz/crl/nca_gost2022_test.crl",
            "--at", "2022-10-01T00:00:00Z",
        ])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("CMS: TOTAL_FAILED / EXPIRED"))
        #expect(result.standardOutput.contains("ТЕСТТОВ ТЕСТТ, IIN 123456789012"))
        #expect(result.standardOutput.contains("[S-2] TOTAL_FAILED / EXPIRED"))
        #expect(result.standardOutput.contains("after the signing certificate expired at 2022-01-18T13:09:14Z"))
    }

    @Test func jsonHasTheDesignShape() async throws {
        let result = try await CLIProcess.run([
            "verify", "--format", "json", "testvectors/kz/cms/signed_cms_two_signers_attached.cms", "--at", "2022-10-01T00:00:00Z",
        ])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        for key in ["indication", "subIndication", "validationTime", "policy", "signatures", "messages"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect((object["policy"] as? [String: Any])?["sha256"] as? String == ValidationPolicy.kazakhstanDefault.sha256)
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        #expect(signatures.count == 2)
        for key in [
            "indication", "format", "signer", "signatureAlgorithm", "digestAlgorithm", "claimedSigningTime", "bestSignatureTime", "intact",
            "cryptographicallyValid", "chain", "revocation", "timestamps", "signedDataScope", "messages",
        ] {
            #expect(signatures[0][key] != nil, "\(key)")
        }
        let signer = try #require(signatures[0]["signer"] as? [String: Any])
        #expect(signer["iin"] as? String == "123456789012")
        #expect(signatures[1]["subIndication"] as? String == "EXPIRED")
    }

    @Test func detachedPassesWithDataAndIsIndeterminateWithout() async throws {
        let files = try Self.detachedCMS(content: Array("%PDF-1.7 test".utf8))
        let base = ["verify", files.signature.path, "--trust", Self.root, "--crl", Self.rootCRL, "--at", "2024-01-01T00:00:00Z"]
        let passed = try await CLIProcess.run(base + ["--data", files.content.path])
        #expect(passed.status == 0, "\(passed.standardOutput)\(passed.standardError)")
        #expect(passed.standardOutput.contains("CMS: TOTAL_PASSED"))
        let missing = try await CLIProcess.run(base)
        #expect(missing.status == 2)
        #expect(missing.standardOutput.contains("SIGNED_DATA_NOT_FOUND"))
        try Data("%PDF-1.7 tampered".utf8).write(to: files.content)
        let tampered = try await CLIProcess.run(base + ["--data", files.content.path])
        #expect(tampered.status == 1)
        #expect(tampered.standardOutput.contains("HASH_FAILURE"))
    }

    @Test func timestampResponseVerifiesWithItsData() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-cafebabe-\(UUID().uuidString)")
        try Data([0xCA, 0xFE, 0xBA, 0xBE]).write(to: data)
        let policy = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-policy-\(UUID().uuidString).json")
        var relaxed = ValidationPolicy.kazakhstanDefault
        relaxed.revocationRequired = false
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(relaxed).write(to: policy)
        let result = try await CLIProcess.run([
            "verify", "testvectors/kz/tsp/tsp_response.bin", "--data", data.path, "--policy", policy.path,
        ])
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("TimeStampToken: TOTAL_PASSED"))
        #expect(result.standardOutput.contains("sha1 imprint matches"))
        try Data([0xCA, 0xFE]).write(to: data)
        let wrong = try await CLIProcess.run([
            "verify", "testvectors/kz/tsp/tsp_response.bin", "--data", data.path, "--policy", policy.path,
        ])
        #expect(wrong.status == 1)
        #expect(wrong.standardOutput.contains("HASH_FAILURE"))
    }

    @Test func kalkanXMLWithTwoSignersNamesBoth() async throws {
        let result = try await CLIProcess.run([
            "verify", "testvectors/kz/xml/xml_signed_two_signers_rsa_gost2015.xml", "--at", "2022-09-01T00:00:00Z",
            "--crl", "testvectors/kz/crl/nca_gost2022_test.crl", "--format", "json",
        ])
        #expect(result.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["container"] as? String == "XML")
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        #expect(signatures.count == 2)
        #expect(signatures.allSatisfy { $0["cryptographicallyValid"] as? Bool == true && $0["intact"] as? Bool == true })
        #expect(signatures[1]["format"] as? String == "XMLDSig")
        let hostile = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-xxe-\(UUID().uuidString).xml")
        try Data("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>".utf8).write(to: hostile)
        let refused = try await CLIProcess.run(["verify", hostile.path])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("document type declaration"))
    }

    @Test func badInputExitsWithItsCode() async throws {
        #expect(try await CLIProcess.run(["verify", "README.md"]).status == 65)
        #expect(try await CLIProcess.run(["verify", "/nonexistent/file.p7s"]).status == 65)
        #expect(
            try await CLIProcess.run(["verify", "testvectors/kz/cms/signed_cms_one_signer_rsa_attached.cms", "--at", "yesterday"]).status
                == 64)
        let truncated = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-truncated-\(UUID().uuidString).p7s")
        try Data(try TestVectors.bytes("kz/cms/signed_cms_one_signer_rsa_attached.cms").prefix(900)).write(to: truncated)
        let broken = try await CLIProcess.run(["verify", truncated.path])
        #expect(broken.status == 1)
        #expect(broken.standardOutput.contains("FORMAT_FAILURE"))
    }
}
