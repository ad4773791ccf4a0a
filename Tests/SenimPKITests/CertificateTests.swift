import Foundation
import SenimCrypto
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimPKI

@Suite("Certificates and KZ identity")
struct CertificateTests {
    struct Expectation: Sendable {
        let path: String
        let commonName: String
        let serialHex: String
        let sha256: String
        let notBefore: String
        let notAfter: String
    }

    /// testvectors/kz/MANIFEST.md §2 and §3.
    static let manifest: [Expectation] = [
        .init(
            path: "kz/ca/nca_gost2015_test.cer", commonName: "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022",
            serialHex: "7ad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3",
            sha256: "beeffc0bdb77cd798c35983eb0715f6ef0051cccb71d7cd05505e8a4fb2c6f4d", notBefore: "2022-07-07T09:55:23Z",
            notAfter: "2032-07-04T09:55:23Z"),
        .init(
            path: "kz/ca/nca_gost_test.crt", commonName: "ҰКО 3.0 (GOST TEST)", serialHex: "1236e8f1619123d1e96f00e56791f855e2dcb457",
            sha256: "0307e8bdf77cb708b7c9d9a5799facdc6de7154447cb394af9ac9b528c3d82c7", notBefore: "2019-03-14T11:34:07Z",
            notAfter: "2024-03-12T11:34:07Z"),
        .init(
            path: "kz/ca/nca_rsa_test.crt", commonName: "ҰКО 3.0 (RSA TEST)", serialHex: "452a6437611c183fbf1ec5a1ba4920dd72148a9b",
            sha256: "7e96a36409dc11e0fc99efae41f8c639e16a495d77c2f2278edb98580f997231", notBefore: "2019-03-15T03:42:17Z",
            notAfter: "2024-03-13T03:42:17Z"),
        .init(
            path: "kz/ca/root_gost_test.der", commonName: "НЕГІЗГІ КО TEST (GOST)", serialHex: "02c7e4fa323a30dcfd902cd9761e232e28fd6680",
            sha256: "06021684f52054692a1859686d5af527eda779e6183c2f3cd4fc1278e4067beb", notBefore: "2018-07-05T05:22:12Z",
            notAfter: "2038-06-30T05:22:12Z"),
        .init(
            path: "kz/ca/root_test_gost_2022.cer", commonName: "НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022",
            serialHex: "27d3ab7790372e5b698170dde60ccca38bc3a4b2",
            sha256: "b995e79e7c07429f8f79e185451e5599ce342ac720000f01b3854fdfa03031a6", notBefore: "2022-07-07T09:05:52Z",
            notAfter: "2032-07-07T09:05:52Z"),
        .init(
            path: "kz/prod-ca/root_rsa.crt", commonName: "НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)",
            serialHex: "54a51869ef8b3f15fdeaadbd47e094816b066a3b",
            sha256: "a7064abc5699827f370c67b09f1a1bfd7ad5e1514d471223df209c08300ea972", notBefore: "2015-07-27T05:22:53Z",
            notAfter: "2025-07-27T05:22:53Z"),
        .init(
            path: "kz/certs/ceo_valid_sign_2004_gost.cer", commonName: "ТЕСТОВ ТЕСТ", serialHex: "6cbd4560a33a58c0b07c3363c9ae0674a0838e58",
            sha256: "1c7652e8c6080208da8ee0fda6cbcfc49c696220f68531bb529a0f4a0e883e73", notBefore: "2022-01-18T04:45:35Z",
            notAfter: "2023-01-18T04:45:35Z"),
        .init(
            path: "kz/keys/individual_valid_2015.cer", commonName: "ТЕСТТОВ ТЕСТТ", serialHex: "0ff06211dc82beb00253ffa000f1de84abef454f",
            sha256: "7f37c6d5b43b68cb940b2b4a42a511b8c0b2bf5c261008d8fca31cd90552182a", notBefore: "2022-07-28T00:00:00Z",
            notAfter: "2023-07-28T23:59:59Z"),
    ]

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    @Test(arguments: manifest.map(\.path))
    func certificateFactsAreTheManifests(path: String) throws {
        let expected = try #require(Self.manifest.first { $0.path == path })
        let certificate = try Certificate(bytes: try TestVectors.bytes(path))
        #expect(certificate.subject.commonName == expected.commonName)
        #expect(certificate.serialNumberHex == expected.serialHex) // whole bytes, as OpenSSL prints them
        #expect(Hex.encode(certificate.sha256Fingerprint) == expected.sha256)
        #expect(certificate.version == 3)
        // The individual_valid_2015 row in MANIFEST gives dates only; check the day for it.
        if path.contains("individual_valid_2015") {
            #expect(certificate.validity.notBefore > Self.date("2022-07-27T00:00:00Z"))
            #expect(certificate.validity.notAfter < Self.date("2023-07-29T00:00:00Z"))
        } else {
            #expect(certificate.validity.notBefore == Self.date(expected.notBefore))
            #expect(certificate.validity.notAfter == Self.date(expected.notAfter))
        }
    }

    @Test func pemDERAndBase64AreTheSameCertificate() throws {
        let pem = try Certificate(bytes: try TestVectors.bytes("kz/ca/nca_gost_test.crt"))
        let der = try Certificate(bytes: try TestVectors.bytes("kz/ca/nca_gost_test.der"))
        let base64 = try Certificate(bytes: Array(Data(der.derEncoded).base64EncodedString(options: .lineLength64Characters).utf8))
        #expect(pem == der && der == base64)
        #expect(throws: PKIError.self) { try Certificate(bytes: Array("not a certificate".utf8)) }
    }

    @Test(arguments: [
        ("kz/ca/nca_gost_test.der", "kz/ca/root_gost_test.der"),
        ("kz/ca/nca_gost2015_test.cer", "kz/ca/root_test_gost_2022.cer"),
        ("kz/keys/ceo_revoked_2015.cer", "kz/ca/nca_gost2015_test.cer"),
        ("kz/certs/individual_valid_sign_2004_rsa.der", "kz/ca/nca_rsa_test.der"),
        ("kz/prod-ca/nca_gost.crt", "kz/prod-ca/root_gost.crt"),
    ])
    func issuedBy(subjectPath: String, issuerPath: String) throws {
        let subject = try Certificate(bytes: try TestVectors.bytes(subjectPath))
        let issuer = try Certificate(bytes: try TestVectors.bytes(issuerPath))
        #expect(subject.issuer.matches(issuer.subject))
        #expect(try subject.isSignatureValid(issuerKey: issuer.publicKey))
        #expect(try subject.extensions.authorityKeyIdentifier?.keyIdentifier == issuer.extensions.subjectKeyIdentifier)
        let unrelated = try Certificate(bytes: try TestVectors.bytes("kz/ca/root_rsa_test.der"))
        #expect(!subject.issuer.matches(unrelated.subject))
    }

    /// MANIFEST §3: roles from EKU, IIN in SERIALNUMBER, BIN in OU, patronymic in GIVENNAME, key usage.
    @Test func kazakhIdentityOfACEOCertificate() throws {
        let certificate = try Certificate(bytes: try TestVectors.bytes("kz/keys/ceo_revoked_2015.cer"))
        let signer = Signer(certificate: certificate)
        #expect(signer.commonName == "ТЕСТОВ ТЕСТ")
        #expect(signer.surname == "ТЕСТОВ")
        #expect(signer.givenName == "ТЕСТ")
        #expect(signer.patronymic == "ТЕСТОВИЧ")
        #expect(signer.iin?.digits == "123456789011")
        #expect(signer.bin?.digits == "123456789021")
        #expect(signer.organisation == "АО \"ТЕСТ\"")
        #expect(signer.roles == [.emailProtection, .legalEntity, .firstHead])
        #expect(signer.roles.contains { $0.signsForOrganisation })
        #expect(signer.warnings.count == 2) // test IIN and BIN fail the check digit
        let usage = try #require(try certificate.extensions.keyUsage)
        #expect(usage.bits == [KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment])
        #expect(try certificate.extensions.certificatePolicies?.map(\.identifier) == [[1, 2, 398, 3, 3, 2]])
    }

    @Test func kazakhIdentityOfAnIndividualAuthCertificate() throws {
        let certificate = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_auth_revoked_2004.cer"))
        let signer = Signer(certificate: certificate)
        #expect(signer.iin?.digits == "123456789011")
        #expect(signer.bin == nil)
        #expect(signer.roles == [.clientAuthentication, .individual])
        #expect(try certificate.extensions.keyUsage?.bits == [KeyUsage.digitalSignature, KeyUsage.keyEncipherment])
        #expect(try certificate.extensions.certificatePolicies?.map(\.identifier) == [[1, 2, 398, 3, 3, 2, 4]])
    }

    /// Every certificate inside the NCA SDK 2026 key files, with the roles MANIFEST §3a lists.
    @Test(arguments: [
        ("individual/valid/individual_valid", [SignerRole.emailProtection, .individual]),
        ("legal/valid/head", [.emailProtection, .legalEntity, .firstHead]),
        ("legal/valid/employee_signright", [.emailProtection, .legalEntity, .signingRight]),
        ("legal/valid/employee", [.emailProtection, .legalEntity, .employee]),
        ("legal/valid/infosystem", [.emailProtection, .legalEntity, .informationSystem]),
        ("legal/valid/treasury_client", [.legalEntity, .treasuryClient]),
    ])
    func sdkRoles(name: String, roles: [SignerRole]) throws {
        let file = try PKCS12(derEncoded: try TestVectors.bytes("kz/keys/sdk-2026/\(name).p12"), password: "Qwerty12")
        let certificate = try Certificate(derEncoded: try #require(file.certificateOfFirstKey).derEncoded)
        let signer = Signer(certificate: certificate)
        #expect(signer.roles == roles)
        #expect(signer.bin?.digits == (name.hasPrefix("legal") ? "123456789021" : nil))
        let issuer = try Certificate(bytes: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))
        #expect(try certificate.isSignatureValid(issuerKey: issuer.publicKey))
    }

    @Test func checkDigitCatchesSingleDigitChanges() {
        #expect(KazakhIdentifier("061211600012", kind: .iin)?.hasValidCheckDigit == true)
        #expect(KazakhIdentifier("123456789011", kind: .iin)?.hasValidCheckDigit == false)
        #expect(KazakhIdentifier("123456789021", kind: .bin)?.hasValidCheckDigit == false)
        #expect(KazakhIdentifier("12345678901", kind: .iin) == nil)
        #expect(KazakhIdentifier("12345678901a", kind: .iin) == nil)
        // Changing the check digit always breaks it; changing another digit almost always does (the second
        // weighting, used when the first sum is 10, can coincide), so at most one of the eleven survives.
        let valid = Array("061211600012")
        var survivors: [Int] = []
        for index in valid.indices {
            var changed = valid
            changed[index] = changed[index] == "9" ? "0" : Character(String((Int(String(changed[index])) ?? 0) + 1))
            let stillValid = KazakhIdentifier(String(changed), kind: .iin)?.hasValidCheckDigit == true
            if index == 11 { #expect(!stillValid) }
            if stillValid { survivors.append(index) }
        }
        // Only the third digit: this IIN's first sum is 10, so its check digit comes from the second weights; the
        // third digit raised by one makes the first sum 2, which happens to be the check digit.
        #expect(survivors == [2])
    }

    @Test func duplicateExtensionIsRejected() throws {
        let certificate = try Certificate(bytes: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))
        let first = try #require(certificate.extensions.all.first)
        #expect(throws: (any Error).self) { try CertificateExtensions([first, first]) }
    }

    @Test func mutatedCertificatesAreRejectedOrSurviveEveryAccessor() throws {
        var mutator = Mutator(seed: 101)
        let samples = try ["kz/ca/nca_gost2015_test.cer", "kz/certs/individual_valid_sign_2004_rsa.der", "kz/ca/nca_gost_test.der"]
            .map { try Certificate(bytes: try TestVectors.bytes($0)).derEncoded }
        var rejected = 0
        var parsed = 0
        for index in 0..<10_000 {
            let input = mutator.mutate(samples[index % samples.count])
            do {
                let certificate = try Certificate(derEncoded: input)
                // Whatever parses must survive every accessor without trapping.
                _ = Signer(certificate: certificate)
                _ = try? certificate.extensions.basicConstraints
                _ = try? certificate.extensions.nameConstraints
                _ = try? certificate.extensions.certificatePolicies
                _ = try? certificate.extensions.crlDistributionPoints
                _ = try? certificate.extensions.authorityInformationAccess
                _ = certificate.description
                parsed += 1
            } catch {
                rejected += 1
            }
        }
        // The mutations are deterministic (fixed seed), so the counts are exact.
        #expect(parsed == 678 && rejected == 9_322)
    }

    @Test func verdictsMapToETSIIndicationsAndURNs() {
        #expect(SubIndication.allCases.count == 25)
        #expect(SubIndication.revokedNoPOE.indication == .indeterminate)
        #expect(SubIndication.hashFailure.indication == .totalFailed)
        #expect(Indication.totalPassed.urn == "urn:etsi:019102:mainindication:total-passed")
        #expect(SubIndication.tryLater.urn == "urn:etsi:019102:subindication:TRY_LATER")
    }
}
