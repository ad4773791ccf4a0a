import Foundation
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimPKI

/// x509-limbo (C2SP, Apache-2.0), the hand-written cases in testvectors/suites/x509-limbo.
///
/// Applicable: `rfc5280::*`, `pathlen::*`, `pathological::*`, `crl::*`, `cve::*`, `invalid::*` — a client
/// validating a signer's chain. Skipped: `webpki::*` (CA/Browser Forum server-certificate rules) and peer-name
/// matching (the expected hostname or IP), which document signing does not do.
@Suite("x509-limbo")
struct X509LimboTests {
    struct Suite: Decodable { let testcases: [Case] }
    /// One case of the suite (limbo-schema.json; its snake_case keys are converted on decoding).
    struct Case: Decodable {
        let id: String
        let trustedCerts: [String]
        let untrustedIntermediates: [String]
        let peerCertificate: String
        let validationTime: String?
        let extendedKeyUsage: [String]?
        let expectedResult: String
        let maxChainDepth: Int?
        let crls: [String]?
    }

    /// A fault of this harness, not a verdict of the validator: it fails the test instead of counting as a
    /// rejection.
    struct HarnessError: Error, CustomStringConvertible {
        let description: String
    }

    /// The validator's answer for one case, and why it refused.
    enum Verdict: Equatable {
        case validated
        case refused(String)
    }

    /// A case without a validation time is validated "now" in x509-limbo; every such applicable case's
    /// certificates are valid from 1970 to 2969 (but for the deliberately expired ones), so a fixed time in
    /// that window gives the same answers and keeps the test reproducible.
    static let validationTimeWhenUnset = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    static let applicablePrefixes = ["rfc5280::", "pathlen::", "pathological::", "crl::", "cve::", "invalid::"]

    /// Cases that still disagree, each with the reason; the test fails if this list is wrong in either direction,
    /// so it can only shrink.
    static let knownMismatches: [String: String] = [
        "rfc5280::ca-as-leaf-wrong-san":
            "peer-name matching: the expected hostname is not in the SAN (document signing checks no hostname)",
        "rfc5280::san::ip-in-dns": "peer-name matching: an IP peer name against a dNSName SAN (document signing checks no peer name)",
        "rfc5280::aki::cross-signed-root-missing-aki":
            "pedantic-rfc5280: contradicts cve::cve-2024-0567, where a cross-signed trusted root without AKI must validate; "
            + "we treat trust anchors as trusted by configuration and do not require their AKI",
    ]

    static func eku(_ name: String) -> ASN1ObjectIdentifier? {
        switch name {
        case "serverAuth": return [1, 3, 6, 1, 5, 5, 7, 3, 1]
        case "clientAuth": return [1, 3, 6, 1, 5, 5, 7, 3, 2]
        case "codeSigning": return [1, 3, 6, 1, 5, 5, 7, 3, 3]
        default: return nil
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// Validates one case. Input our parsers refuse is a refusal (named, so the test can list those cases); an
    /// EKU name or a validation time this harness cannot read is a ``HarnessError``.
    static func run(_ testCase: Case) throws(HarnessError) -> Verdict {
        let time: Date
        if let text = testCase.validationTime {
            guard let parsed = date(text) else { throw HarnessError(description: "\(testCase.id): validation time \(text)") }
            time = parsed
        } else {
            time = validationTimeWhenUnset
        }
        var usages: [ASN1ObjectIdentifier] = []
        for name in testCase.extendedKeyUsage ?? [] {
            guard let oid = eku(name) else { throw HarnessError(description: "\(testCase.id): extended key usage \(name)") }
            usages.append(oid)
        }
        let anchors: [Certificate]
        let intermediates: [Certificate]
        let leaf: Certificate
        let crls: [CertificateRevocationList]
        do {
            anchors = try testCase.trustedCerts.map { pem throws(PKIError) in try Certificate(bytes: Array(pem.utf8)) }
            // Untrusted intermediates are a pool, as a relying party gets them in a signature: one it cannot parse is
            // left out, not fatal (and counted: `unparsedIntermediates`).
            intermediates = testCase.untrustedIntermediates.compactMap { try? Certificate(bytes: Array($0.utf8)) }
            leaf = try Certificate(bytes: Array(testCase.peerCertificate.utf8))
            crls = try (testCase.crls ?? []).map { pem throws(PKIError) in try CertificateRevocationList(bytes: Array(pem.utf8)) }
        } catch {
            return .refused("unparseable input: \(error)")
        }
        var inputs = PathValidationInputs(
            validationTime: time, trustAnchors: anchors, requiredExtendedKeyUsages: usages, maximumIntermediates: testCase.maxChainDepth)
        // x509-limbo's rfc5280::* cases expect the CA-side MUSTs to be enforced.
        inputs.profile = .strict
        switch CertificatePathValidator(inputs: inputs).validate(leaf: leaf, intermediates: intermediates, revocationLists: crls) {
        case .success: return .validated
        case .failure(let failure): return .refused("\(failure)")
        }
    }

    /// Applicable cases whose input our parsers refuse, so that they never reach path validation: each must be
    /// one x509-limbo expects to fail, and the list is exact.
    static let refusedAtParsing: Set<String> = [
        "rfc5280::duplicate-extensions" // RFC 5280 §4.2: a certificate MUST NOT include more than one instance of an extension
    ]

    /// Applicable cases with an untrusted intermediate our parser refuses (left out of the pool), exactly.
    static let unparsedIntermediates: Set<String> = []

    @Test func applicableCasesAgreeButTheListedMismatches() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let suite = try decoder.decode(Suite.self, from: Data(contentsOf: TestVectors.url("suites/x509-limbo/limbo-handwritten.json")))
        let applicable = suite.testcases.filter { testCase in Self.applicablePrefixes.contains { testCase.id.hasPrefix($0) } }
        var mismatches: [String: String] = [:]
        var refusedAtParsing: Set<String> = []
        var unparsedIntermediates: Set<String> = []
        for testCase in applicable {
            let verdict = try Self.run(testCase)
            if case .refused(let why) = verdict, why.hasPrefix("unparseable input") { refusedAtParsing.insert(testCase.id) }
            if testCase.untrustedIntermediates.contains(where: { (try? Certificate(bytes: Array($0.utf8))) == nil }) {
                unparsedIntermediates.insert(testCase.id)
            }
            if (verdict == .validated) != (testCase.expectedResult == "SUCCESS") {
                mismatches[testCase.id] = "expected \(testCase.expectedResult), got \(verdict)"
            }
        }
        let passing = applicable.count - mismatches.count
        print(
            "x509-limbo: \(passing)/\(applicable.count - Self.knownMismatches.count) applicable cases agree; "
                + "skipped with reasons: "
                + "\(Self.knownMismatches.count) listed below and \(suite.testcases.count - applicable.count) webpki::* cases")
        for (id, why) in mismatches.sorted(by: { $0.key < $1.key }) {
            print(
                "x509-limbo \(Self.knownMismatches[id] == nil ? "MISMATCH" : "skipped"): \(id) (\(why)) \(Self.knownMismatches[id] ?? "")")
        }
        #expect(Set(mismatches.keys) == Set(Self.knownMismatches.keys))
        #expect(refusedAtParsing == Self.refusedAtParsing, "refused before path validation: \(refusedAtParsing.sorted())")
        #expect(unparsedIntermediates == Self.unparsedIntermediates, "unparsed intermediates: \(unparsedIntermediates.sorted())")
        #expect(applicable.count == 138)
        #expect(applicable.count - mismatches.count == 135) // README: x509-limbo 135/135 applicable (strict)
    }

    /// A harness fault is not a rejection: an EKU or a validation time this harness cannot read fails the case.
    @Test func unreadableCaseIsAHarnessErrorNotARejection() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let suite = try decoder.decode(Suite.self, from: Data(contentsOf: TestVectors.url("suites/x509-limbo/limbo-handwritten.json")))
        let sample = try #require(suite.testcases.first { $0.id.hasPrefix("rfc5280::") && $0.expectedResult == "FAILURE" })
        let odd = Case(
            id: sample.id, trustedCerts: sample.trustedCerts, untrustedIntermediates: sample.untrustedIntermediates,
            peerCertificate: sample.peerCertificate, validationTime: sample.validationTime, extendedKeyUsage: ["anyExtendedKeyUsage"],
            expectedResult: sample.expectedResult, maxChainDepth: sample.maxChainDepth, crls: sample.crls)
        #expect(throws: HarnessError.self) { try Self.run(odd) }
        let badTime = Case(
            id: sample.id, trustedCerts: sample.trustedCerts, untrustedIntermediates: sample.untrustedIntermediates,
            peerCertificate: sample.peerCertificate, validationTime: "yesterday", extendedKeyUsage: nil,
            expectedResult: sample.expectedResult, maxChainDepth: sample.maxChainDepth, crls: sample.crls)
        #expect(throws: HarnessError.self) { try Self.run(badTime) }
    }
}
