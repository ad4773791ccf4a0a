import Foundation
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimPKI

/// NIST PKITS (Public Key Interoperability Test Suite, certification path validation, public domain), the data
/// in testvectors/suites/pkits: every case of PKITS.pdf §4 with its expected outcome, run the way a relying party
/// validates a signer's chain (RFC 5280 §6.1 with §6.3 CRL processing, revocation required for every
/// certificate, the lenient relying-party profile) at 2011-04-15.
@Suite("NIST PKITS")
struct PKITSTests {
    /// pkits.json (its snake_case keys are converted on decoding).
    struct Manifest: Decodable {
        let validationTime: String
        let policies: [String: String]
        let cases: [Case]
    }
    struct Case: Decodable {
        let id: String
        let variant: Int
        let name: String
        let certificates: [String]
        let crls: [String]
        let initialPolicySet: [String]
        let initialExplicitPolicy: Bool
        let initialPolicyMappingInhibit: Bool
        let initialInhibitAnyPolicy: Bool
        let userConstrainedPolicySet: [String]
        let shouldValidate: Bool
    }

    static let manifest: Manifest? = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(Manifest.self, from: Data(contentsOf: TestVectors.url("suites/pkits/pkits.json")))
    }()

    static func certificate(_ name: String) throws -> Certificate {
        try Certificate(derEncoded: try TestVectors.bytes("suites/pkits/certs/\(name).crt"))
    }

    static func oids(_ names: [String], _ table: [String: String]) throws -> Set<ASN1ObjectIdentifier> {
        Set(try names.map { try ASN1ObjectIdentifier(dotRepresentation: table[$0] ?? $0) })
    }

    /// The verdict, and for a valid path the authorities-constrained policy set it yields. Input that cannot be
    /// read (a missing file, a certificate or CRL our parsers refuse, an unknown policy name) throws: it fails the
    /// test rather than counting as "no path".
    static func run(_ testCase: Case, manifest: Manifest, profile: RelyingPartyProfile = .lenient) throws
        -> Result<ValidatedPath, PathValidationFailure>
    {
        let anchor = try certificate(testCase.certificates[0])
        let leaf = try certificate(testCase.certificates[testCase.certificates.count - 1])
        let intermediates = try testCase.certificates.dropFirst().dropLast().map(certificate)
        let crls = try testCase.crls.map { try CertificateRevocationList(bytes: try TestVectors.bytes("suites/pkits/crls/\($0).crl")) }
        let time = try #require(ISO8601DateFormatter().date(from: manifest.validationTime))
        var inputs = PathValidationInputs(
            validationTime: time, trustAnchors: [anchor], initialPolicySet: try oids(testCase.initialPolicySet, manifest.policies),
            initialExplicitPolicy: testCase.initialExplicitPolicy, initialPolicyMappingInhibit: testCase.initialPolicyMappingInhibit,
            initialAnyPolicyInhibit: testCase.initialInhibitAnyPolicy)
        inputs.revocationRequired = true
        inputs.profile = profile
        return CertificatePathValidator(inputs: inputs).validate(leaf: leaf, intermediates: intermediates, revocationLists: crls)
    }

    /// Cases that disagree with PKITS.pdf, each with the reason; must equal the actual disagreements.
    static let knownMismatches: [String: String] = [:]

    @Test func all249CasesAgreeWithPKITSpdf() throws {
        let manifest = try #require(Self.manifest)
        #expect(manifest.cases.count == 249)
        var mismatches: [String: String] = [:]
        var policyMismatches: [String] = []
        var policyComparisons = 0
        for testCase in manifest.cases {
            let key = "\(testCase.id)#\(testCase.variant)"
            switch try Self.run(testCase, manifest: manifest) {
            case .success(let path):
                if !testCase.shouldValidate { mismatches[key] = "\(testCase.name): validated, expected failure" }
                let expected = try Self.oids(testCase.userConstrainedPolicySet, manifest.policies)
                // ValidatedPath.policies is in the end entity's policy domain (after mapping); PKITS states the
                // user-constrained-policy-set in the trust anchor's domain, so mapping cases (4.10, 4.11) are not compared.
                let mapped = testCase.id.hasPrefix("4.10.") || testCase.id.hasPrefix("4.11.")
                if testCase.shouldValidate && !mapped && !testCase.initialPolicySet.contains("anyPolicy") && path.policies != expected {
                    policyMismatches.append("\(key) \(path.policies) != \(expected)")
                }
                if testCase.shouldValidate && !mapped && !testCase.initialPolicySet.contains("anyPolicy") { policyComparisons += 1 }
            case .failure(let failure):
                if testCase.shouldValidate { mismatches[key] = "\(testCase.name): \(failure)" }
            }
        }
        let passing = manifest.cases.count - mismatches.count
        print("PKITS: \(passing)/\(manifest.cases.count) cases agree with PKITS.pdf")
        for (id, why) in mismatches.sorted(by: { $0.key < $1.key }) { print("PKITS MISMATCH \(id): \(why)") }
        for line in policyMismatches { print("PKITS policy set: \(line)") }
        #expect(passing == 249)
        #expect(Set(mismatches.keys) == Set(Self.knownMismatches.keys))
        #expect(policyMismatches.isEmpty)
        print("PKITS: \(policyComparisons) user-constrained-policy-sets compared")
    }
}

/// The verdicts of PKITS cases whose CRL cannot decide carry a reason that names what is wrong.
@Suite("NIST PKITS named reasons")
struct PKITSReasonTests {
    static func reason(_ id: String) throws -> String? {
        let manifest = try #require(PKITSTests.manifest)
        let testCase = try #require(manifest.cases.first { $0.id == id })
        guard case .failure(.revocationUnknown(_, let reason, let subIndication)) = try PKITSTests.run(testCase, manifest: manifest)
        else {
            return nil
        }
        #expect(subIndication == .revocationOutOfBoundsNoPOE)
        return reason
    }

    @Test func unknownCriticalExtensionsAreNamed() throws {
        // 4.4.8 Invalid Unknown CRL Entry Extension Test8, 4.4.10 Invalid Unknown CRL Extension Test10.
        #expect(try Self.reason("4.4.8")?.contains("unrecognised critical entry extension 2.16.840.1.101.2.1.12.2") == true)
        #expect(try Self.reason("4.4.10")?.contains("unrecognised critical extension 2.16.840.1.101.2.1.12.2") == true)
    }

    /// 4.1.5: a DSA key without parameters inherits its issuer's (RFC 5280 §6.1.4 (d)–(f)).
    @Test func dsaKeyWithoutParametersInheritsItsIssuers() throws {
        let manifest = try #require(PKITSTests.manifest)
        let testCase = try #require(manifest.cases.first { $0.id == "4.1.5" })
        let inheriting = try PKITSTests.certificate("DSAParametersInheritedCACert")
        #expect(KeyParameterInheritance.inheritsParameters(inheriting))
        guard case .success(let path) = try PKITSTests.run(testCase, manifest: manifest) else {
            Issue.record("4.1.5 did not validate")
            return
        }
        #expect(path.certificates.count == 4)
    }
}
