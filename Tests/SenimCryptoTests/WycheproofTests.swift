import Foundation
import SenimTestSupport
import Testing

@testable import SenimCrypto

/// Every Wycheproof verification file in testvectors/suites/wycheproof (C2SP/wycheproof, Apache-2.0) that
/// covers an algorithm SenimCrypto implements, run as data: `valid` must verify, `invalid` must not
/// (a key-parsing error on an invalid case counts as rejection), `acceptable` may go either way and is counted.
@Suite("Wycheproof")
struct WycheproofTests {
    struct File: Decodable {
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct Group: Decodable {
        let publicKeyDer: String
        let sha: String?
        let mgfSha: String?
        let sLen: Int?
    }

    struct Case: Decodable {
        let tcId: Int
        let comment: String
        let msg: String
        let sig: String
        let result: String
    }

    /// Groups decoded a second time with their tests (kept apart so a group's key errors are per group).
    struct GroupWithTests: Decodable {
        let tests: [Case]
    }

    struct FileWithTests: Decodable {
        let testGroups: [GroupWithTests]
    }

    static let directory = "suites/wycheproof/testvectors_v1"

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestVectors.url(directory).path)) ?? []
        return names.filter { $0.hasSuffix("_test.json") }.sorted()
    }

    static func digest(_ name: String?) throws -> DigestAlgorithm {
        switch name {
        case "SHA-1": return .sha1
        case "SHA-224": return .sha224
        case "SHA-256": return .sha256
        case "SHA-384": return .sha384
        case "SHA-512": return .sha512
        default: throw SenimCryptoError.unsupportedAlgorithm("Wycheproof hash \(name ?? "none")")
        }
    }

    static func algorithm(file: String, group: Group) throws -> SignatureAlgorithm {
        if file.hasPrefix("rsa_signature_") { return .rsaPKCS1v15(try digest(group.sha)) }
        if file.hasPrefix("rsa_pss_") {
            return .rsaPSS(
                RSAPSSParameters(digest: try digest(group.sha), maskGenerationDigest: try digest(group.mgfSha), saltLength: group.sLen))
        }
        if file.hasPrefix("ecdsa_") { return .ecdsa(try digest(group.sha)) }
        if file.hasPrefix("ed25519") { return .ed25519 }
        throw SenimCryptoError.unsupportedAlgorithm(file)
    }

    @Test func everyWycheproofFileIsPresent() {
        #expect(Self.files.count == 24)
    }

    @Test(arguments: files)
    func wycheproofVerdictsAreReproduced(file: String) throws {
        let data = try Data(contentsOf: TestVectors.url("\(Self.directory)/\(file)"))
        let header = try JSONDecoder().decode(File.self, from: data)
        let bodies = try JSONDecoder().decode(FileWithTests.self, from: data)
        var passed = 0
        var acceptableAccepted = 0
        var acceptableRejected = 0
        var total = 0
        for (group, body) in zip(header.testGroups, bodies.testGroups) {
            let algorithm = try Self.algorithm(file: file, group: group)
            let key = try? PublicKey(subjectPublicKeyInfoDER: try Hex.decode(group.publicKeyDer))
            for test in body.tests {
                total += 1
                let message = try Hex.decode(test.msg)
                let signature = try Hex.decode(test.sig)
                let verified: Bool
                if let key {
                    verified = (try? key.isValidSignature(signature, for: message, algorithm: algorithm)) ?? false
                } else {
                    verified = false
                }
                switch test.result {
                case "valid":
                    #expect(verified, "\(file) tcId \(test.tcId) (\(test.comment)) must verify")
                    if verified { passed += 1 }
                case "invalid":
                    #expect(!verified, "\(file) tcId \(test.tcId) (\(test.comment)) must not verify")
                    if !verified { passed += 1 }
                default:
                    if verified { acceptableAccepted += 1 } else { acceptableRejected += 1 }
                }
            }
        }
        #expect(total == header.numberOfTests)
        print(
            "Wycheproof \(file): \(total) tests, \(passed) valid/invalid as expected, "
                + "acceptable: \(acceptableAccepted) accepted / \(acceptableRejected) rejected"
        )
    }
}
