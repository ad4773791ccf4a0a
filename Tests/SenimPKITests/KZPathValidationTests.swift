import Foundation
import SenimCrypto
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimPKI

/// NCA RK chains through the RFC 5280 validator at pinned times inside their validity (MANIFEST §2–§3).
@Suite("KZ path validation")
struct KZPathValidationTests {
    static func certificate(_ path: String) throws -> Certificate { try Certificate(bytes: try TestVectors.bytes(path)) }
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    static let gost2004 = ["kz/ca/root_gost_test.der", "kz/ca/nca_gost_test.der"]
    static let rsa = ["kz/ca/root_rsa_test.der", "kz/ca/nca_rsa_test.der"]
    static let gost2015 = ["kz/ca/root_test_gost_2022.cer", "kz/ca/nca_gost2015_test.cer"]

    @Test(arguments: [
        ("kz/certs/ceo_valid_sign_2004_gost.der", gost2004, "2022-06-01T00:00:00Z"),
        ("kz/keys/ceo_sign_revoked_2004.cer", gost2004, "2022-01-18T05:00:00Z"),
        ("kz/certs/individual_valid_sign_2004_rsa.der", rsa, "2022-06-01T00:00:00Z"),
        ("kz/keys/individual_auth_revoked_2004.cer", rsa, "2022-06-01T00:00:00Z"),
        ("kz/keys/individual_valid_2015.cer", gost2015, "2022-08-01T00:00:00Z"),
        ("kz/keys/ceo_revoked_2015.cer", gost2015, "2022-08-01T00:00:00Z"),
    ])
    func chainsToItsRoot(leafPath: String, chain: [String], at time: String) throws {
        let root = try Self.certificate(chain[0])
        let intermediate = try Self.certificate(chain[1])
        let leaf = try Self.certificate(leafPath)
        let validator = CertificatePathValidator(inputs: PathValidationInputs(validationTime: Self.date(time), trustAnchors: [root]))
        switch validator.validate(leaf: leaf, intermediates: [intermediate]) {
        case .success(let path):
            #expect(path.certificates.map(\.sha256Fingerprint) == [root, intermediate, leaf].map(\.sha256Fingerprint))
        case .failure(let failure):
            Issue.record("\(leafPath): \(failure)")
        }
        // Negative: expired at "now" (2026), without the intermediate, and under the wrong root.
        #expect(throws: PathValidationFailure.self) {
            try CertificatePathValidator(
                inputs: PathValidationInputs(validationTime: Self.date("2030-01-01T00:00:00Z"), trustAnchors: [root])
            )
            .validate(leaf: leaf, intermediates: [intermediate]).get()
        }
        #expect(throws: PathValidationFailure.self) { try validator.validate(leaf: leaf).get() }
        // Not yet valid: before the leaf (and its CAs) existed.
        let early = CertificatePathValidator(
            inputs: PathValidationInputs(validationTime: Self.date("2015-01-01T00:00:00Z"), trustAnchors: [root])
        )
        .validate(leaf: leaf, intermediates: [intermediate])
        guard case .failure(let failure) = early else {
            Issue.record("accepted before notBefore")
            return
        }
        #expect(failure.subIndication == .notYetValid)
        let wrongRoot = try Self.certificate(chain[0] == Self.rsa[0] ? Self.gost2004[0] : Self.rsa[0])
        #expect(throws: PathValidationFailure.self) {
            try CertificatePathValidator(inputs: PathValidationInputs(validationTime: Self.date(time), trustAnchors: [wrongRoot]))
                .validate(leaf: leaf, intermediates: [intermediate]).get()
        }
    }

    /// The 2026 SDK keys, with revocation from the 2026-08-11 CRL: two "valid" keys were revoked on 2026-06-02.
    @Test(arguments: [("legal/valid/head", true), ("legal/valid/employee", false), ("individual/revoked/individual_revoked", false)])
    func sdkKeysPassOrFailAgainstThe2026CRL(name: String, shouldPass: Bool) throws {
        let file = try PKCS12(derEncoded: try TestVectors.bytes("kz/keys/sdk-2026/\(name).p12"), password: "Qwerty12")
        let leaf = try Certificate(derEncoded: try #require(file.certificateOfFirstKey).derEncoded)
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_gost2022_test.2026-08-11.crl"))
        let validator = CertificatePathValidator(
            inputs: PathValidationInputs(
                validationTime: Self.date("2026-09-01T00:00:00Z"), trustAnchors: [try Self.certificate(Self.gost2015[0])]))
        let result = validator.validate(leaf: leaf, intermediates: [try Self.certificate(Self.gost2015[1])], revocationLists: [crl])
        switch (result, shouldPass) {
        case (.success, true): break
        case (.failure(.revoked), false): break
        default: Issue.record("\(name): unexpected \(result)")
        }
    }

    @Test func tamperedIntermediateFailsWithASignatureReason() throws {
        let root = try Self.certificate(Self.gost2015[0])
        var bytes = try Self.certificate(Self.gost2015[1]).derEncoded
        bytes[bytes.count - 10] ^= 0x01 // inside the signature value
        let intermediate = try Certificate(derEncoded: bytes)
        let leaf = try Self.certificate("kz/keys/individual_valid_2015.cer")
        let result = CertificatePathValidator(
            inputs: PathValidationInputs(validationTime: Self.date("2022-08-01T00:00:00Z"), trustAnchors: [root])
        )
        .validate(leaf: leaf, intermediates: [intermediate])
        guard case .failure(let failure) = result else {
            Issue.record("tampered intermediate accepted")
            return
        }
        #expect(failure.subIndication.indication == .indeterminate)
    }
}
