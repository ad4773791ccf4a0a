import Foundation
import SenimCrypto
import SenimTestSupport
import Testing

@testable import SenimPKI

@Suite("Signing certificate validation")
struct SigningCertificateValidatorTests {
    static func certificate(_ path: String) throws -> Certificate { try Certificate(bytes: try TestVectors.bytes(path)) }
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }
    static func store() throws -> TrustStore {
        try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
    }

    /// OCSP evidence for the CEO key (revoked 2022-07-27) and a CRL for the CA itself being absent: the CA's own
    /// status is unknown, so revocation is not required for this check.
    static func ocspOnly() throws -> RevocationChecker {
        RevocationChecker(ocspResponses: [try OCSPResponse(derEncoded: try TestVectors.bytes("kz/ocsp/ocsp_response_ceo_2015_revoked.bin"))]
        )
    }

    @Test func revokedBeforeTheTimeIsIndeterminateRevokedNoPOE() throws {
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false // no evidence exists for the CA certificate itself in the vectors
        let validator = SigningCertificateValidator(trustStore: try Self.store(), revocation: try Self.ocspOnly(), policy: policy)
        let report = validator.validate(
            try Self.certificate("kz/keys/ceo_revoked_2015.cer"), at: Self.date("2022-08-01T00:00:00Z"),
            signatureAlgorithm: .gost(.gost34102015_512))
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .revokedNoPOE)
        #expect(report.chain.count == 3)
        #expect(report.chain.first?.revocation?.status == .revoked)
        #expect(report.chain.last?.trusted == true)
        #expect(report.policy.sha256 == policy.sha256)
    }

    /// The SDK "legal/valid/employee" key was revoked (superseded) on 2026-06-02 (MANIFEST §3a): validated at a
    /// time before that, the 2026-08-11 CRL proves it was still good then, and the later revocation is recorded.
    @Test func beforeTheRevocationItPassesAndRecordsTheLaterRevocation() throws {
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false // the vectors hold no CRL of the root for the CA certificate itself
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_gost2022_test.2026-08-11.crl"))
        let file = try PKCS12(derEncoded: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/employee.p12"), password: "Qwerty12")
        let leaf = try Certificate(derEncoded: try #require(file.certificateOfFirstKey).derEncoded)
        let validator = SigningCertificateValidator(
            trustStore: try Self.store(), revocation: RevocationChecker(revocationLists: [crl]), policy: policy)
        let before = validator.validate(leaf, at: Self.date("2026-05-20T00:00:00Z"), signatureAlgorithm: .gost(.gost34102015_512))
        #expect(before.indication == .totalPassed)
        #expect(before.messages.contains { $0.contains("revoked later") })
        #expect(before.chain.first?.revocation?.revokedAt == Self.date("2026-06-02T11:39:09Z"))
        let after = validator.validate(leaf, at: Self.date("2026-07-01T00:00:00Z"), signatureAlgorithm: .gost(.gost34102015_512))
        #expect(after.subIndication == .revokedNoPOE)
    }

    @Test func revocationRequiredButStaleIsTryLater() throws {
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_gost2022_test.crl"))
        let validator = SigningCertificateValidator(trustStore: try Self.store(), revocation: RevocationChecker(revocationLists: [crl]))
        // Inside the certificate's validity (until 2023-07-28) but after the CRL's nextUpdate (2023-01-23).
        let report = validator.validate(
            try Self.certificate("kz/keys/individual_valid_2015.cer"), at: Self.date("2023-03-01T00:00:00Z"),
            signatureAlgorithm: .gost(.gost34102015_512))
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .tryLater)
    }

    @Test func authKeyFailsTheSigningPolicyWithANamedReason() throws {
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false
        let validator = SigningCertificateValidator(trustStore: try Self.store(), policy: policy)
        let report = validator.validate(
            try Self.certificate("kz/keys/individual_auth_revoked_2004.cer"), at: Self.date("2022-06-01T00:00:00Z"),
            signatureAlgorithm: .rsaPKCS1v15(.sha256))
        #expect(report.subIndication == .chainConstraintsFailure)
        #expect(report.messages.contains { $0.contains("AUTH") })
    }

    @Test func noPathIsReportedAsSuch() throws {
        let validator = SigningCertificateValidator(trustStore: TrustStore(roots: []))
        let report = validator.validate(try Self.certificate("kz/keys/individual_valid_2015.cer"), at: Self.date("2022-08-01T00:00:00Z"))
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .noCertificateChainFound)
        #expect(report.chain.count == 1 && report.chain[0].trusted == false)
    }
}

@Suite("Evidence sources")
struct EvidenceSourceTests {
    /// Intermediates and revocation data given as offline sources go through the same path as online ones:
    /// the trust store holds only the root; the CA comes from a certificate source, the CRL from a revocation source.
    @Test func offlineSourcesSupplyTheIntermediateAndTheCRL() async throws {
        let root = try Certificate(bytes: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer"))
        let intermediate = try Certificate(bytes: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))
        let leaf = try Certificate(bytes: try TestVectors.bytes("kz/keys/ceo_revoked_2015.cer"))
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_gost2022_test.crl"))
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false
        let validator = SigningCertificateValidator(trustStore: TrustStore(roots: [root]), policy: policy)
        let outcome = await validator.validate(
            leaf, at: ISO8601DateFormatter().date(from: "2022-08-01T00:00:00Z")!,
            revocationSources: [OfflineRevocationSource(revocationLists: [crl])],
            certificateSources: [OfflineCertificateSource(certificates: [intermediate])])
        #expect(outcome.report.subIndication == .revokedNoPOE)
        #expect(outcome.report.chain.count == 3)
        #expect(outcome.report.chain.first?.revocation?.source == "CRL")
    }

    @Test func keyPurposeComesFromPoliciesAndKeyUsage() throws {
        func purpose(_ path: String) throws -> Signer.KeyPurpose {
            Signer(certificate: try Certificate(bytes: try TestVectors.bytes(path))).keyPurpose
        }
        #expect(try purpose("kz/keys/individual_sign_revoked_2004.cer") == .signing) // policy 1.2.398.3.3.2.3
        #expect(try purpose("kz/keys/individual_auth_revoked_2004.cer") == .authentication) // policy 1.2.398.3.3.2.4
        #expect(try purpose("kz/certs/ceo_valid_sign_2004_gost.der") == .signing) // policy 1.2.398.3.3.2.1
        #expect(try purpose("kz/keys/individual_valid_2015.cer") == .signingAndAuthentication) // GOST-2015: one key for both
    }

    @Test func ocspResponseInBase64IsRead() throws {
        let der = try TestVectors.bytes("kz/ocsp/ocsp_response_individual_sign_2004.bin")
        let base64 = Array(Data(der).base64EncodedString().utf8)
        #expect(try OCSPResponse(bytes: base64).derEncoded == der)
    }
}
