import Foundation
import SenimTestSupport
import Testing

@testable import SenimPKI

/// RFC 5280 §6.3 CRL processing on vectors made with `openssl ca` (testvectors/generated/crl-conformance/make.sh):
/// delta CRLs, partitioned (IDP) CRLs, reason partitions, indirect CRLs, key rollover, unknown critical
/// extensions and negative serial numbers. Revocation is required, validated at 2030-06-01.
@Suite("CRL conformance (openssl vectors)")
struct CRLConformanceTests {
    static let time = ISO8601DateFormatter().date(from: "2030-06-01T00:00:00Z") ?? .distantPast

    static func certificate(_ name: String) throws -> Certificate {
        try Certificate(derEncoded: try TestVectors.bytes("generated/crl-conformance/out/\(name).cer"))
    }
    static func crl(_ name: String) throws -> CertificateRevocationList {
        try CertificateRevocationList(bytes: try TestVectors.bytes("generated/crl-conformance/out/\(name).crl"))
    }

    static func validate(_ leaf: String, intermediates: [String] = ["ca"], crls: [String], profile: RelyingPartyProfile = .lenient)
        throws -> Result<ValidatedPath, PathValidationFailure>
    {
        var inputs = PathValidationInputs(validationTime: time, trustAnchors: [try certificate("root")])
        inputs.revocationRequired = true
        inputs.profile = profile
        return CertificatePathValidator(inputs: inputs).validate(
            leaf: try certificate(leaf), intermediates: try intermediates.map(certificate), revocationLists: try (["root"] + crls).map(crl))
    }

    static func isRevoked(_ result: Result<ValidatedPath, PathValidationFailure>) -> Bool {
        if case .failure(.revoked) = result { return true }
        return false
    }

    static func unknownReason(_ result: Result<ValidatedPath, PathValidationFailure>) -> (SubIndication, String)? {
        if case .failure(.revocationUnknown(_, let reason, let subIndication)) = result { return (subIndication, reason) }
        return nil
    }

    @Test func revokedOnlyInTheDeltaIsRevoked() throws {
        // The complete CRL #1 alone says nothing about the certificate: it passes…
        #expect(throws: Never.self) { try Self.validate("leaf-delta", crls: ["ca-complete-1"]).get() }
        // …and the delta CRL #2 (base #1) that revokes it wins.
        #expect(Self.isRevoked(try Self.validate("leaf-delta", crls: ["ca-complete-1", "ca-delta-2"])))
        // A delta on its own is no complete CRL: undetermined.
        #expect(Self.unknownReason(try Self.validate("leaf-delta", crls: ["ca-delta-2"])) != nil)
        // The checker says which CRLs decided: the complete CRL, then the delta.
        let check = RevocationChecker(revocationLists: [try Self.crl("ca-complete-1"), try Self.crl("ca-delta-2")])
            .check(try Self.certificate("leaf-delta"), issuer: try Self.certificate("ca"), at: Self.time)
        #expect(check.status == .revoked(at: try #require(try Self.crl("ca-delta-2").entries.first).revocationDate, reason: .keyCompromise))
        #expect(check.decidedBy.count == 2)
        #expect(check.decidedBy.first?.hasPrefix("complete CRL #01") == true)
        #expect(check.decidedBy.last?.hasPrefix("delta CRL #02 (base #01)") == true)
    }

    @Test func deltaWithANewerBaseMakesTheCompleteCRLStale() throws {
        let reason = try #require(Self.unknownReason(try Self.validate("leaf-good", crls: ["ca-complete-1", "ca-delta-stale-base"])))
        #expect(reason.0 == .tryLater)
        #expect(reason.1.contains("needs a newer base than complete CRL #01"))
    }

    @Test func onlyContainsCACertsIsOutOfScopeForALeaf() throws {
        let reason = try #require(Self.unknownReason(try Self.validate("leaf-good", crls: ["ca-only-ca"])))
        #expect(reason.0 == .revocationOutOfBoundsNoPOE)
        // Looking further, the complete CRL decides.
        let path = try Self.validate("leaf-good", crls: ["ca-only-ca", "ca-complete-1"]).get()
        #expect(path.certificates.count == 3)
    }

    @Test func reasonPartitionsMustTogetherCoverAllReasons() throws {
        let partial = try #require(Self.unknownReason(try Self.validate("leaf-good", crls: ["ca-reasons-a"])))
        #expect(partial.1.contains("cover only the reasons [keyCompromise, cACompromise]"))
        #expect(throws: Never.self) { try Self.validate("leaf-good", crls: ["ca-reasons-a", "ca-reasons-b"]).get() }
        #expect(Self.isRevoked(try Self.validate("leaf-delta", crls: ["ca-reasons-a", "ca-reasons-b"])))
    }

    @Test func indirectCRLRevokesACertificateOfAnotherCA() throws {
        #expect(Self.isRevoked(try Self.validate("leaf-indirect", intermediates: ["ca", "crl-issuer"], crls: ["indirect"])))
        // Without the CRL issuer's certificate the indirect CRL cannot be verified: undetermined, never passed.
        #expect(Self.unknownReason(try Self.validate("leaf-indirect", intermediates: ["ca"], crls: ["indirect"])) != nil)
        // CA A's own CRL is not in the scope of a distribution point that names another CRL issuer.
        #expect(
            Self.unknownReason(try Self.validate("leaf-indirect", intermediates: ["ca", "crl-issuer"], crls: ["ca-complete-1"])) != nil)
    }

    @Test func crlSignedByTheRolledOverKey() throws {
        let intermediates = ["rollover-old", "rollover-new-with-old", "rollover-old-with-new"]
        #expect(Self.isRevoked(try Self.validate("leaf-rollover", intermediates: intermediates, crls: ["rollover-by-new-key"])))
        // Without the new key's certificate, the CRL has no known signer: not usable, and the path does not pass.
        let alone = try Self.validate("leaf-rollover", intermediates: ["rollover-old"], crls: ["rollover-by-new-key"])
        #expect(!Self.isRevoked(alone))
        #expect((try? alone.get()) == nil)
    }

    @Test func unknownCriticalCRLExtensionIsIndeterminateWithItsName() throws {
        let reason = try #require(Self.unknownReason(try Self.validate("leaf-good", crls: ["ca-unknown-critical"])))
        #expect(reason.0 == .revocationOutOfBoundsNoPOE)
        #expect(reason.1.contains("unrecognised critical extension 1.3.6.1.4.1.55555.1"))
    }

    @Test func negativeSerialsAreLookedUpByBytesWithAWarning() throws {
        let leaf = try Self.certificate("leaf-negative")
        #expect(leaf.hasNegativeSerialNumber)
        #expect(leaf.serialNumberHex == "-edcc") // -4660 as DER two's complement: ED CC
        let list = try Self.crl("ca-full-5")
        #expect(list.hasNegativeSerialNumbers)
        #expect(Self.isRevoked(try Self.validate("leaf-negative", crls: ["ca-full-5"])))
        // Another certificate on the same CRL passes, with the profile warning.
        let path = try Self.validate("leaf-good", crls: ["ca-full-5"]).get()
        #expect(path.warnings.contains { $0.contains("negative serial numbers") })
        // The strict profile refuses the negative serial itself.
        guard case .failure(.profileViolation(_, let rule)) = try Self.validate("leaf-negative", crls: ["ca-full-5"], profile: .strict)
        else {
            Issue.record("strict profile accepted a negative serial")
            return
        }
        #expect(rule == "serial number is negative")
    }
}
