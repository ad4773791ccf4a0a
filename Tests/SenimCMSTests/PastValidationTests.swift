import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

/// EN 319 102-1 §5.6 with the policy's algorithm sunsets: a signature judged after its algorithm was retired is
/// INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE_NO_POE unless a proof of existence from before the sunset carries it.
@Suite("Past validation and algorithm sunsets")
struct PastValidationTests {
    static let signedAt = CMSFixtures.date("2026-11-20T09:00:00Z")
    static let in2040 = CMSFixtures.date("2040-06-01T00:00:00Z")

    /// The test PKI's signer (certificate to 2045) under a policy that retires ecdsa-sha256 at the end of 2035.
    static func validator() throws -> CMSSignatureValidator {
        var policy = CMSFixtures.policy
        policy.algorithms = policy.algorithms.map {
            $0.algorithm == "ecdsa-sha256" ? .init(algorithm: "ecdsa-sha256", acceptedUntil: CMSFixtures.date("2035-12-31T00:00:00Z")) : $0
        }
        return try CMSFixtures.validator(policy: policy)
    }

    @Test func anUnprotectedSignaturePastItsAlgorithmsSunsetHasNoProofOfExistence() async throws {
        let content = Array("договор".utf8)
        let signed = try CMSBuilder.sign(
            content, detached: true, signers: [CMSSigner(identity: try CMSFixtures.testIdentity("signer_ec"), signingTime: Self.signedAt)])
        let report = try await Self.validator().validate(signed, content: .bytes(content), at: Self.in2040)
        let signature = try #require(report.signatures.first)
        #expect(signature.indication == .indeterminate)
        #expect(signature.subIndication == .cryptoConstraintsFailureNoPOE)
        #expect(signature.reason?.contains("ecdsa-sha256 is not accepted for signatures after 2035-12-31") == true, "\(signature.messages)")

        // The same signature with a signature timestamp of 2026 (RSA TSA): judged at its proof of existence, it passes.
        let stamped = try CMSFixtures.timestamped(signed, by: try CMSFixtures.tsa(at: "2026-11-20T09:05:00Z"))
        let carried = try await Self.validator().validate(stamped, content: .bytes(content), at: Self.in2040)
        let protected = try #require(carried.signatures.first)
        #expect(protected.indication == .totalPassed, "\(protected.messages)")
        #expect(protected.bestSignatureTime == CMSFixtures.date("2026-11-20T09:05:00Z"))
    }

    /// The default policy retires GOST 34.310-2004 for signatures not proven to exist before 2030.
    @Test func theDefaultPolicyRetiresGOST2004In2030() throws {
        let certificate = try CMSFixtures.certificate("kz/certs/ceo_valid_sign_2004_gost.der")
        let policy = ValidationPolicy.kazakhstanDefault
        let before = SigningCertificateConstraints.violations(
            of: certificate, signatureAlgorithm: .gost(.gost34310_2004), signingTime: CMSFixtures.date("2029-12-31T00:00:00Z"),
            policy: policy)
        #expect(!before.contains { $0.subIndication == .cryptoConstraintsFailureNoPOE })
        let after = SigningCertificateConstraints.violations(
            of: certificate, signatureAlgorithm: .gost(.gost34310_2004), signingTime: CMSFixtures.date("2030-01-02T00:00:00Z"),
            policy: policy)
        #expect(after.contains(.algorithmExpired("gost34310-2004", since: CMSFixtures.date("2030-01-01T00:00:00Z"))))
        #expect(after.first { $0.subIndication == .cryptoConstraintsFailureNoPOE } != nil)
    }
}
