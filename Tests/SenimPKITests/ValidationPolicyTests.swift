import Foundation
import SenimCrypto
import SenimTestSupport
import Testing

@testable import SenimPKI

@Suite("Validation policy")
struct ValidationPolicyTests {
    static let time = ISO8601DateFormatter().date(from: "2022-06-01T00:00:00Z")!

    /// MANIFEST §2/§3: the RSA AUTH key (digitalSignature + keyEncipherment) is refused for signing, with a named
    /// reason; the SIGN key of the same person passes.
    @Test func authKeyIsRefusedForSigningAndTheSignKeyPasses() throws {
        let auth = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_auth_revoked_2004.cer"))
        let sign = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_sign_revoked_2004.cer"))
        let policy = ValidationPolicy.kazakhstanDefault
        let authViolations = SigningCertificateConstraints.violations(
            of: auth, signatureAlgorithm: .rsaPKCS1v15(.sha256), signingTime: Self.time, policy: policy)
        #expect(authViolations.count == 1)
        guard case .notASigningKey = authViolations.first else {
            Issue.record("expected notASigningKey, got \(authViolations)")
            return
        }
        #expect(authViolations.first?.subIndication == .chainConstraintsFailure)
        #expect(authViolations.first?.description.contains("AUTH") == true)
        #expect(
            SigningCertificateConstraints.violations(
                of: sign, signatureAlgorithm: .rsaPKCS1v15(.sha256), signingTime: Self.time, policy: policy
            ).isEmpty)
    }

    @Test func gost2015KeysAreSigningKeysAndRolesCanBeRequired() throws {
        let ceo = try Certificate(bytes: try TestVectors.bytes("kz/keys/ceo_revoked_2015.cer"))
        let individual = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_valid_2015.cer"))
        var policy = ValidationPolicy.kazakhstanDefault
        #expect(
            SigningCertificateConstraints.violations(
                of: individual, signatureAlgorithm: .gost(.gost34102015_512), signingTime: Self.time, policy: policy
            ).isEmpty)
        policy.requiredRoles = [.firstHead]
        #expect(
            SigningCertificateConstraints.violations(
                of: ceo, signatureAlgorithm: .gost(.gost34102015_512), signingTime: Self.time, policy: policy
            ).isEmpty)
        #expect(
            SigningCertificateConstraints.violations(
                of: individual, signatureAlgorithm: .gost(.gost34102015_512), signingTime: Self.time, policy: policy)
                == [.missingRole(.firstHead)])
    }

    @Test func sunsetAndUnknownAlgorithmsAreViolations() throws {
        let sign = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_sign_revoked_2004.cer"))
        let policy = ValidationPolicy.kazakhstanDefault
        let sha1 = SigningCertificateConstraints.violations(
            of: sign, signatureAlgorithm: .rsaPKCS1v15(.sha1), signingTime: Self.time, policy: policy)
        guard case .algorithmExpired("rsa-pkcs1-sha1", _) = sha1.first else {
            Issue.record("SHA-1 accepted in 2022: \(sha1)")
            return
        }
        #expect(sha1.first?.subIndication == .cryptoConstraintsFailureNoPOE)
        let beforeSunset = ISO8601DateFormatter().date(from: "2015-01-01T00:00:00Z")!
        #expect(
            SigningCertificateConstraints.violations(
                of: sign, signatureAlgorithm: .rsaPKCS1v15(.sha1), signingTime: beforeSunset, policy: policy
            ).isEmpty)
        #expect(
            SigningCertificateConstraints.violations(
                of: sign, signatureAlgorithm: .gost(.gostR3410_2001), signingTime: Self.time, policy: policy)
                == [.algorithmNotAccepted("gostr34102001")])
    }

    @Test func policyIsVersionedHashableAndCodable() throws {
        let policy = ValidationPolicy.kazakhstanDefault
        #expect(policy.sha256.count == 64)
        #expect(policy.sha256 == ValidationPolicy.kazakhstanDefault.sha256)
        var changed = policy
        changed.minimumRSAModulusBits = 3072
        #expect(changed.sha256 != policy.sha256)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(ValidationPolicy.self, from: encoder.encode(policy)) == policy)
    }
}
