import CBaselineOpenSSL
import Foundation
import SenimCrypto

/// Baselines through OpenSSL's own API, called the way an application would call it.
enum Baseline {
    static func evpDigest(_ name: String, _ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_Digest(data, data.count, &output, &length, EVP_get_digestbyname(name), nil)
        return Array(output.prefix(Int(length)))
    }

    /// The gost provider, loaded once next to the default provider.
    static let gostProviderLoaded: Bool = {
        let gost = OSSL_PROVIDER_load(nil, "gostprov")
        let base = OSSL_PROVIDER_load(nil, "default")
        precondition(gost != nil && base != nil, "install libengine-gost-openssl for the GOST baselines")
        return true
    }()

    static func gostDigest(_ name: String, _ data: [UInt8]) -> [UInt8] {
        precondition(gostProviderLoaded)
        let md = EVP_MD_fetch(nil, name, nil)!
        defer { EVP_MD_free(md) }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_Digest(data, data.count, &output, &length, md, nil)
        return Array(output.prefix(Int(length)))
    }

    /// A GOST R 34.10-2001 key on CryptoPro-A generated and used by the gost engine, and the same public key
    /// in Senimkey (from the engine's SubjectPublicKeyInfo, OID 1.2.643.2.2.19).
    struct GOST2001Signature: @unchecked Sendable {
        let key: OpaquePointer
        let digest: [UInt8]
        let signature: [UInt8]
        let senimkeyKey: PublicKey

        static func make() -> GOST2001Signature {
            precondition(gostProviderLoaded)
            let engine = ENGINE_by_id("gost")!
            ENGINE_init(engine)
            // Registers the engine's GOST key methods; without it keygen fails with "unsupported algorithm".
            ENGINE_set_default(engine, 0xFFFF)  // ENGINE_METHOD_ALL (a cast macro Swift cannot import)
            let generator = EVP_PKEY_CTX_new_id(NID_id_GostR3410_2001, engine)!
            EVP_PKEY_keygen_init(generator)
            precondition(EVP_PKEY_CTX_ctrl_str(generator, "paramset", "A") > 0)
            var key: OpaquePointer? = nil
            precondition(EVP_PKEY_keygen(generator, &key) == 1)
            let digest = DigestAlgorithm.gostR341194CryptoPro.hash(Array("benchmark message".utf8))
            let signer = EVP_PKEY_CTX_new(key, engine)!
            EVP_PKEY_sign_init(signer)
            var length = 64
            var signature = [UInt8](repeating: 0, count: 64)
            precondition(EVP_PKEY_sign(signer, &signature, &length, digest, digest.count) == 1)
            var spki: UnsafeMutablePointer<UInt8>? = nil
            let spkiLength = i2d_PUBKEY(key, &spki)
            let der = Array(UnsafeBufferPointer(start: spki!, count: Int(spkiLength)))
            let publicKey = try! PublicKey(subjectPublicKeyInfoDER: der)
            let fixture = GOST2001Signature(key: key!, digest: digest, signature: Array(signature.prefix(length)), senimkeyKey: publicKey)
            // Interoperability: Senimkey must accept the engine's RFC 4491 signature, and the engine must verify it too.
            precondition(try! publicKey.isValidSignature(fixture.signature, digest: digest, algorithm: .gost(.gostR3410_2001)))
            precondition(fixture.engineVerify())
            return fixture
        }

        func engineVerify() -> Bool {
            let context = EVP_PKEY_CTX_new(key, nil)!
            defer { EVP_PKEY_CTX_free(context) }
            EVP_PKEY_verify_init(context)
            return EVP_PKEY_verify(context, signature, signature.count, digest, digest.count) == 1
        }
    }

    struct RSAFixture: @unchecked Sendable {
        let key: OpaquePointer
        let message: [UInt8]
        let signature: [UInt8]
        let senimkeyKey: PublicKey

        static func make() throws -> RSAFixture {
            let keyPEM = try String(contentsOf: KZKeyFixture.vectors.appendingPathComponent("generated/rsa2048.key.pem"), encoding: .utf8)
            let privateKey = try PrivateKey(pemEncoded: keyPEM)
            let message = Array("benchmark message for RSA-2048 verification".utf8)
            let signature = try privateKey.signature(for: message, algorithm: .rsaPKCS1v15(.sha256))
            let publicKey = try privateKey.publicKey
            let der = publicKey.subjectPublicKeyInfo.derEncoded
            let evpKey: OpaquePointer = der.withUnsafeBufferPointer { buffer in
                var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
                return d2i_PUBKEY(nil, &cursor, buffer.count)!
            }
            let fixture = RSAFixture(key: evpKey, message: message, signature: signature, senimkeyKey: publicKey)
            precondition(fixture.evpVerify())
            return fixture
        }

        func evpVerify() -> Bool {
            let context = EVP_MD_CTX_new()!
            defer { EVP_MD_CTX_free(context) }
            EVP_DigestVerifyInit(context, nil, EVP_get_digestbyname("SHA256"), nil, key)
            return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
        }
    }
}

/// A signature made with an NCA test key, for the GOST benchmarks without an external baseline.
struct KZKeyFixture: Sendable {
    static let vectors = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("testvectors")

    let publicKey: PublicKey
    let message: [UInt8]
    let signature: [UInt8]

    static func load(_ path: String, password: String, scheme: GOSTSignatureScheme) throws -> KZKeyFixture {
        let bytes = Array(try Data(contentsOf: vectors.appendingPathComponent("kz/\(path)")))
        let key = try PKCS12(derEncoded: bytes, password: password).keys[0].privateKey
        let message = Array("Senimkey benchmark: signed attributes are about this long, a few hundred bytes at most.".utf8)
        let signature = try key.signature(for: message, algorithm: .gost(scheme))
        return KZKeyFixture(publicKey: try key.publicKey, message: message, signature: signature)
    }
}
