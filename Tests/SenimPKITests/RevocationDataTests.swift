import Foundation
import SenimCrypto
import SenimTestSupport
import Testing

@testable import SenimPKI

@Suite("CRLs and OCSP responses")
struct RevocationDataTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }
    static func serial(_ hex: String) -> [UInt8] { (try? Hex.decode(hex)) ?? [] }
    static func number(_ bytes: [UInt8]?) -> Int { (bytes ?? []).reduce(0) { $0 << 8 | Int($1) } }

    /// testvectors/kz/MANIFEST.md §4 (issuer, validity window, CRL number, entry count, signer) and §3 (lookups).
    @Test(arguments: [
        ("kz/crl/nca_gost_test.crl", "kz/ca/nca_gost_test.der", 7, 31, "2022-03-29T04:30:07Z", "2022-09-25T04:30:07Z"),
        ("kz/crl/nca_rsa_test.crl", "kz/ca/nca_rsa_test.der", 9, 126, "2022-03-29T04:18:29Z", "2022-09-25T04:18:29Z"),
        ("kz/crl/nca_gost2022_test.crl", "kz/ca/nca_gost2015_test.cer", 4, 6, "2022-07-27T11:26:06Z", "2023-01-23T11:26:06Z"),
        (
            "kz/crl/nca_gost2022_test.2026-08-11.crl", "kz/ca/nca_gost2015_test.cer", 166, 195, "2026-08-11T03:49:19Z",
            "2027-02-07T03:49:19Z"
        ),
    ])
    func crlFacts(path: String, issuerPath: String, number: Int, entries: Int, thisUpdate: String, nextUpdate: String) throws {
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes(path))
        let issuer = try Certificate(bytes: try TestVectors.bytes(issuerPath))
        #expect(crl.issuer.matches(issuer.subject))
        #expect(try crl.isSignatureValid(issuerKey: issuer.publicKey))
        #expect(Self.number(crl.crlNumber) == number)
        #expect(crl.entries.count == entries)
        #expect(crl.thisUpdate == Self.date(thisUpdate))
        #expect(crl.nextUpdate == Self.date(nextUpdate))
        #expect(!crl.isDelta)
        #expect(crl.authorityKeyIdentifier == (try issuer.extensions.subjectKeyIdentifier))

        var tampered = crl.tbsBytes
        tampered[tampered.count - 5] ^= 0x01
        let key = try issuer.publicKey
        #expect(
            try !key.isValidSignature(
                crl.signature, for: tampered, algorithm: SignatureAlgorithm(algorithmIdentifier: crl.signatureAlgorithm)))
    }

    @Test func revokedAndActiveSerialsAsTheManifestLists() throws {
        let gost = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_gost_test.crl"))
        let ceo2004 = try #require(gost.entry(forSerial: Self.serial("12e3e7b9966d09eb9cda64251457e815c2a8dded")))
        #expect(ceo2004.revocationDate == Self.date("2022-01-18T04:47:37Z"))
        #expect(ceo2004.reason == .superseded)

        let rsa = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_rsa_test.crl"))
        #expect(
            rsa.entry(forSerial: Self.serial("1ab11253653b2537f2edd55f0f66281ca4fa3f98"))?.revocationDate
                == Self.date("2022-01-18T04:41:12Z"))
        #expect(
            rsa.entry(forSerial: Self.serial("46757a2158a604189c40fb1fcdab1143f83f32db"))?.revocationDate
                == Self.date("2022-01-18T04:40:24Z"))
        let validRSA = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_valid_sign_2004.cer"))
        #expect(rsa.entry(forSerial: validRSA.serialNumber) == nil)

        let gost2015 = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_gost2022_test.crl"))
        let ceo2015 = try Certificate(bytes: try TestVectors.bytes("kz/keys/ceo_revoked_2015.cer"))
        #expect(gost2015.entry(forSerial: ceo2015.serialNumber)?.reason == .certificateHold)
        #expect(gost2015.entry(forSerial: ceo2015.serialNumber)?.revocationDate == Self.date("2022-07-27T10:25:30Z"))
        let individual2015 = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_valid_2015.cer"))
        #expect(gost2015.entry(forSerial: individual2015.serialNumber) == nil)

        // 2026 CRL: two keys the SDK calls "valid" were revoked (superseded) on 2026-06-02.
        let sdk = try CertificateRevocationList(bytes: try TestVectors.bytes("kz/crl/nca_gost2022_test.2026-08-11.crl"))
        #expect(sdk.entry(forSerial: Self.serial("130d7a4b878f28bf1b2b7a223bd7c03ce78c7481"))?.reason == .superseded)
        #expect(sdk.entry(forSerial: Self.serial("3acea55cbcdf38c861fb3f341854c53ec9ed6ecd"))?.reason == .certificateHold)
        #expect(sdk.entry(forSerial: Self.serial("303eebdf17969f3edede9bd9828fb1355aabbe4e")) == nil)
        // The expired 2022 CEO certificate is no longer listed: a CRL alone cannot prove "never revoked".
        #expect(sdk.entry(forSerial: ceo2015.serialNumber) == nil)
    }

    /// MANIFEST §5: status, producedAt, nonce; the embedded responder certificate signs the response and is
    /// issued by the CA.
    @Test(arguments: [
        ("kz/ocsp/ocsp_response_ceo_2015_revoked.bin", "kz/ca/nca_gost2015_test.cer", "157b28fd1ac7761e", "2022-09-02T16:59:28Z"),
        ("kz/ocsp/ocsp_response_ceo_sign_2004_revoked.bin", "kz/ca/nca_gost_test.der", "8b6b9f100d6b0005", "2022-09-02T16:57:04Z"),
        ("kz/ocsp/ocsp_response_individual_sign_2004.bin", "kz/ca/nca_rsa_test.der", "b5e5c9b552cbcac4", "2022-09-02T16:53:59Z"),
        ("kz/ocsp/ocsp_response_individual_2015.bin", "kz/ca/nca_gost2015_test.cer", "e408ffb790834af2", "2022-09-02T16:58:34Z"),
    ])
    func ocspFacts(path: String, caPath: String, nonce: String, producedAt: String) throws {
        let response = try OCSPResponse(derEncoded: try TestVectors.bytes(path))
        #expect(response.status == .successful)
        #expect(response.nonce.map { Hex.encode($0) } == nonce)
        #expect(response.producedAt == Self.date(producedAt))
        #expect(response.responses.count == 1)
        #expect(response.responses.first?.hashAlgorithm == .sha256)
        let responder = try #require(response.certificates.first)
        #expect(try response.isSignatureValid(responderKey: responder.publicKey))
        let ca = try Certificate(bytes: try TestVectors.bytes(caPath))
        #expect(try responder.isSignatureValid(issuerKey: ca.publicKey))
        // A response signed by someone else does not verify with the CA key.
        #expect(try !response.isSignatureValid(responderKey: ca.publicKey))
    }

    @Test func ocspStatusesAreTheManifests() throws {
        func status(_ path: String) throws -> OCSPResponse.CertificateStatus? {
            try OCSPResponse(derEncoded: try TestVectors.bytes(path)).responses.first?.status
        }
        #expect(
            try status("kz/ocsp/ocsp_response_ceo_2015_revoked.bin")
                == .revoked(at: Self.date("2022-07-27T10:25:30Z"), reason: .certificateHold))
        #expect(
            try status("kz/ocsp/ocsp_response_ceo_sign_2004_revoked.bin")
                == .revoked(at: Self.date("2022-01-18T06:30:55Z"), reason: .superseded))
        #expect(try status("kz/ocsp/ocsp_response_individual_sign_2004.bin") == .good)
        // The responder's "not issued / unknown to me" convention: revoked at the epoch, certificateHold.
        #expect(
            try status("kz/ocsp/ocsp_response_individual_2015.bin")
                == .revoked(at: Date(timeIntervalSince1970: 0), reason: .certificateHold))
    }

    @Test func mutatedCRLsAndOCSPResponsesAreRejectedOrRead() throws {
        var mutator = Mutator(seed: 202)
        let crl = try TestVectors.bytes("kz/crl/nca_gost2022_test.crl")
        let ocsp = try TestVectors.bytes("kz/ocsp/ocsp_response_ceo_2015_revoked.bin")
        var rejected = (crl: 0, ocsp: 0)
        for index in 0..<10_000 {
            do {
                if index % 2 == 0 {
                    let parsed = try CertificateRevocationList(bytes: mutator.mutate(crl))
                    _ = parsed.entry(forSerial: [1, 2, 3])
                } else {
                    _ = try OCSPResponse(derEncoded: mutator.mutate(ocsp))
                }
            } catch {
                if index % 2 == 0 { rejected.crl += 1 } else { rejected.ocsp += 1 }
            }
        }
        // The mutations are deterministic (fixed seed), so the counts are exact (of 5,000 each).
        #expect(rejected.crl == 4_829)
        #expect(rejected.ocsp == 4_746)
    }
}

@Suite("DER cursor")
struct DERCursorTests {
    func first(_ bytes: [UInt8]) throws -> DERCursor.Element? {
        var cursor = DERCursor(bytes, range: 0..<bytes.count)
        return try cursor.next()
    }

    @Test func derCursorReadsShortAndLongLengths() throws {
        #expect(try first([0x02, 0x01, 0x05])?.content == 2..<3)
        let long = [UInt8]([0x04, 0x81, 0x80]) + [UInt8](repeating: 0, count: 128)
        #expect(try first(long)?.content == 3..<131)
    }

    @Test(arguments: [
        [UInt8]([0x30, 0x80, 0x00, 0x00]), // indefinite length is BER, not DER
        [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00], // 2 GiB claimed, 1 byte present: no allocation, an error
        [0x30, 0x81, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00], // long form for a length below 128
        [0x30, 0x82, 0x00, 0x90] + [UInt8](repeating: 0, count: 0x90), // leading zero length octet
        [0x30], // truncated
        [0x1f, 0x01, 0x00], // multi-byte tag
    ])
    func rejectsMalformedLengths(bytes: [UInt8]) {
        #expect(throws: DERCursor.Malformed.self) { _ = try first(bytes) }
    }
}
