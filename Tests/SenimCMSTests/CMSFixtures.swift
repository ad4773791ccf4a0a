import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import SwiftASN1

/// Shared material for the CMS tests: the shipped NCA trust store plus the test PKI root, the NCA test keys,
/// and a TSA whose clock the test pins.
enum CMSFixtures {
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) ?? .distantPast
    }

    static func certificate(_ path: String) throws -> Certificate { try Certificate(bytes: try TestVectors.bytes(path)) }

    static let testRoot = "generated/test-pki/root.cert.pem"

    /// certs/ (NCA test and production anchors) and the test PKI's root.
    static func trustStore() throws -> TrustStore {
        let shipped = try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
        return TrustStore(roots: shipped.roots + [try certificate(testRoot)], intermediates: shipped.intermediates)
    }

    /// The default policy without revocation as a requirement: the vectors hold no CRL of the NCA roots for
    /// their intermediate CAs, so the intermediate's status can never be proven.
    static var policy: ValidationPolicy {
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false
        return policy
    }

    static func revocation(_ paths: [String]) throws -> OfflineRevocationSource {
        OfflineRevocationSource(revocationLists: try paths.map { try CertificateRevocationList(bytes: try TestVectors.bytes($0)) })
    }

    static func validator(crls: [String] = [], policy: ValidationPolicy = CMSFixtures.policy) throws -> CMSSignatureValidator {
        CMSSignatureValidator(
            trustStore: try trustStore(), policy: policy, revocationSources: [try revocation(crls + ["generated/test-pki/root.crl"])])
    }

    static var ncaKeys: [(path: String, password: String)] { TestVectors.ncaKeys }

    static func identity(_ path: String, password: String) throws -> SigningIdentity {
        try SigningIdentity(pkcs12: try TestVectors.bytes(path), password: password)
    }

    static func gost2015() throws -> SigningIdentity { try identity("kz/keys/individual_valid_2015.p12", password: "Aa123456") }
    static func rsa2004() throws -> SigningIdentity { try identity("kz/keys/individual_valid_sign_2004.p12", password: "Qwerty12") }

    /// A test-PKI identity (RSA or EC P-256) from PEM files.
    static func testIdentity(_ name: String) throws -> SigningIdentity {
        let key = try PrivateKey(pemEncoded: try TestVectors.text("generated/test-pki/\(name).key.pem"))
        return try SigningIdentity(privateKey: key, certificate: try certificate("generated/test-pki/\(name).cert.pem"))
    }

    static func tsa(at time: String, name: String = "tsa") throws -> TimeStampAuthority {
        let genTime = date(time)
        return TimeStampAuthority(
            identity: try testIdentity(name), policy: [1, 2, 398, 3, 3, 2, 6, 4],
            accuracy: TSTInfo.Accuracy(seconds: 1, milliseconds: 0, microseconds: 0), clock: { genTime })
    }

    /// Adds a signature timestamp from `tsa` to signer `index` (CAdES-B → CAdES-T).
    static func timestamped(
        _ signedData: SignedData, signer index: Int = 0, by tsa: TimeStampAuthority,
        imprint: DigestAlgorithm = .sha256, overrideImprintedValue: [UInt8]? = nil
    ) throws -> SignedData {
        let info = signedData.signerInfos[index]
        let request = TimeStampRequest(
            imprintAlgorithm: imprint, messageImprint: imprint.hash(overrideImprintedValue ?? info.signature), nonce: [1, 2, 3])
        let token = try tsa.token(for: request, serialNumber: [0x01, 0x23])
        let attribute = try CMSAttribute(type: .CMS.signatureTimeStampToken, values: [token.derEncoded])
        return try signedData.replacingSignerInfo(at: index, with: try info.adding(unsignedAttribute: attribute))
    }
}
