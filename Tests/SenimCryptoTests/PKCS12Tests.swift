import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimCrypto

@Suite("PKCS#12 and private keys")
struct PKCS12Tests {
    /// Every NCA test key file from testvectors/kz/keys (passwords from its MANIFEST §3).
    static let ncaKeyFiles: [(path: String, password: String, scheme: SignatureAlgorithm)] = [
        ("kz/keys/individual_valid_sign_2004.p12", "Qwerty12", .rsaPKCS1v15(.sha256)),
        ("kz/keys/individual_auth_revoked_2004.p12", "Qwerty12", .rsaPKCS1v15(.sha256)),
        ("kz/keys/individual_sign_revoked_2004.p12", "Qwerty12", .rsaPKCS1v15(.sha256)),
        ("kz/keys/ceo_sign_revoked_2004.p12", "Qwerty12", .gost(.gost34310_2004)),
        ("kz/keys/individual_valid_2015.p12", "Aa123456", .gost(.gost34102015_512)),
        ("kz/keys/ceo_revoked_2015.p12", "Aa123456", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/individual/revoked/individual_revoked.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/individual/valid/individual_valid.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/revoked/employee.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/revoked/employee_signright.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/revoked/head.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/revoked/infosystem.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/revoked/treasury_client.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/valid/employee.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/valid/employee_signright.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/valid/head.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/valid/infosystem.p12", "Qwerty12", .gost(.gost34102015_512)),
        ("kz/keys/sdk-2026/legal/valid/treasury_client.p12", "Qwerty12", .gost(.gost34102015_512)),
    ]

    /// Opens the file, checks that the key matches the certificate (Q = d·G for GOST), signs a message,
    /// verifies with the certificate's key, and checks that a tampered byte fails.
    @Test(arguments: ncaKeyFiles.map { $0.path })
    func ncaKeyFileSignsAndVerifies(path: String) throws {
        let entry = try #require(Self.ncaKeyFiles.first { $0.path == path })
        let file = try PKCS12(derEncoded: try TestVectors.bytes(path), password: entry.password)
        #expect(file.keys.count == 1)
        #expect(file.certificates.count == 1)
        let key = try #require(file.keys.first)
        let certificate = try #require(file.certificateOfFirstKey)
        // Kalkan names the key by the lowercase hex of its SubjectKeyIdentifier (= localKeyID).
        #expect(key.friendlyName == key.localKeyID.map { Hex.encode($0) })

        let fields = try CertificateFields(der: certificate.derEncoded)
        let certificateKey = try PublicKey(subjectPublicKeyInfo: fields.subjectPublicKeyInfo)
        #expect(try key.privateKey.publicKey.subjectPublicKeyInfo.keyBytes == fields.subjectPublicKeyInfo.keyBytes)

        let message = Array("Senimkey: документ для подписи".utf8)
        let signature = try key.privateKey.signature(for: message, algorithm: entry.scheme)
        #expect(try certificateKey.isValidSignature(signature, for: message, algorithm: entry.scheme))
        var tampered = message
        tampered[0] ^= 0x01
        #expect(try !certificateKey.isValidSignature(signature, for: tampered, algorithm: entry.scheme))
    }

    @Test func wrongPasswordIsAnIntegrityFailure() throws {
        let bytes = try TestVectors.bytes("kz/keys/individual_valid_2015.p12")
        #expect(throws: SenimCryptoError.integrityCheckFailed("PKCS#12 MAC mismatch: wrong password or altered file")) {
            try PKCS12(derEncoded: bytes, password: "Qwerty12")
        }
    }

    @Test func alteredFileFailsTheMAC() throws {
        var bytes = try TestVectors.bytes("kz/keys/ceo_sign_revoked_2004.p12")
        bytes[200] ^= 0x10
        #expect(throws: SenimCryptoError.self) { try PKCS12(derEncoded: bytes, password: "Qwerty12") }
    }

    /// OpenSSL 3 defaults: PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, MAC SHA-256 (recorded with `openssl pkcs12 -export`).
    @Test(arguments: [
        ("rsa2048", SignatureAlgorithm.rsaPSS(RSAPSSParameters(digest: .sha256))),
        ("ecp256", SignatureAlgorithm.ecdsa(.sha256)),
        ("ed25519", SignatureAlgorithm.ed25519),
    ])
    func modernOpenSSLFiles(name: String, algorithm: SignatureAlgorithm) throws {
        let file = try PKCS12(derEncoded: try TestVectors.bytes("generated/\(name).pbes2.p12"), password: "senimkey")
        let key = try #require(file.keys.first).privateKey
        let fields = try CertificateFields(pemOrDER: try TestVectors.bytes("generated/\(name).cert.pem"))
        let certificateKey = try PublicKey(subjectPublicKeyInfo: fields.subjectPublicKeyInfo)
        let signature = try key.signature(for: [1, 2, 3], algorithm: algorithm)
        #expect(try certificateKey.isValidSignature(signature, for: [1, 2, 3], algorithm: algorithm))
        #expect(try !certificateKey.isValidSignature(signature, for: [1, 2, 4], algorithm: algorithm))
        // The PEM key from the same generation is the same key.
        let pemKey = try PrivateKey(pemEncoded: try TestVectors.text("generated/\(name).key.pem"))
        #expect(try pemKey.publicKey.subjectPublicKeyInfo.derEncoded == fields.subjectPublicKeyInfo.derEncoded)
        #expect(throws: SenimCryptoError.self) {
            try PKCS12(derEncoded: try TestVectors.bytes("generated/\(name).pbes2.p12"), password: "wrong")
        }
    }

    @Test func pkcs12KeyDerivationGivesTheKnownAnswer() throws {
        // RFC 7292 B.2 with SHA-1; reference value computed by OpenSSL's PKCS12_key_gen_uni for
        // password "smeg", salt 0A58CF64530D823F, 1 iteration, ID 1, 24 bytes (a classic PKCS#12 test vector).
        let key = try PKCS12KeyDerivation.derive(
            digest: .sha1, purpose: .encryptionKey, password: PKCS12KeyDerivation.bmpPassword("smeg"),
            salt: try Hex.decode("0A58CF64530D823F"), iterations: 1, length: 24)
        #expect(Hex.encode(key) == "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3")
    }
}
