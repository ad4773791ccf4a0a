import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimCrypto

/// Fuzz-shaped input to every parser in SenimCrypto: 10,000 mutations of a real sample each. The only
/// acceptable outcomes are a value or a thrown `SenimCryptoError`; a trap fails the whole test run.
@Suite("Malformed input")
struct MalformedInputTests {
    static let iterations = 10_000

    /// Runs `parse` on mutations of `sample`, requiring every thrown error to be a SenimCryptoError.
    func fuzz(_ sample: [UInt8], seed: UInt64, _ parse: ([UInt8]) throws -> Void) {
        var mutator = Mutator(seed: seed)
        var rejected = 0
        var unexpected: [String] = []
        for _ in 0..<Self.iterations {
            let input = mutator.mutate(sample)
            do { try parse(input) } catch is SenimCryptoError {
                rejected += 1
            } catch {
                unexpected.append("\(type(of: error)): \(error)")
            }
        }
        #expect(unexpected.isEmpty, "non-typed errors: \(unexpected.prefix(3))")
        #expect(rejected > Self.iterations / 2, "most mutations must be rejected (\(rejected))")
    }

    @Test func subjectPublicKeyInfo() throws {
        for (index, path) in ["kz/ca/root_test_gost_2022.cer", "kz/ca/nca_gost_test.der", "kz/ca/nca_rsa_test.der"].enumerated() {
            let spki = try CertificateFields(der: try TestVectors.bytes(path)).subjectPublicKeyInfo.derEncoded
            fuzz(spki, seed: UInt64(index)) { _ = try PublicKey(subjectPublicKeyInfoDER: $0) }
        }
    }

    @Test func gostSignatureValues() throws {
        let subject = try CertificateFields(der: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))
        let key = try PublicKey(
            subjectPublicKeyInfo: try CertificateFields(der: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer")).subjectPublicKeyInfo)
        var mutator = Mutator(seed: 7)
        var valid = 0
        for _ in 0..<Self.iterations {
            let signature = mutator.mutate(subject.signature)
            do {
                if try key.isValidSignature(signature, for: subject.tbsBytes, algorithm: .gost(.gost34102015_512)) { valid += 1 }
            } catch {} // typed throws: only SenimCryptoError can arrive here
        }
        #expect(valid == 0)
    }

    @Test func algorithmIdentifiers() throws {
        let pss = try RSAPSSParameters(digest: .sha384, maskGenerationDigest: .sha256, saltLength: 48).encodedParameters()
        var serializer = DER.Serializer()
        try serializer.serialize(AlgorithmIdentifier(algorithm: .PublicKeyAlgorithm.rsassaPSS, parameters: pss))
        fuzz(serializer.serializedBytes, seed: 11) { bytes in
            let identifier: AlgorithmIdentifier
            do { identifier = try AlgorithmIdentifier(derEncoded: bytes) } catch {
                throw SenimCryptoError.malformedEncoding("\(error)")
            }
            _ = try SignatureAlgorithm(algorithmIdentifier: identifier)
        }
    }

    @Test func pkcs8PrivateKeys() throws {
        let pem = try TestVectors.text("generated/ecp256.key.pem")
        let der = Array(try PEMDocument(pemString: pem).derBytes)
        fuzz(der, seed: 13) { _ = try PrivateKey(pkcs8DER: $0) }
        fuzz(Array(pem.utf8), seed: 17) { _ = try PrivateKey(pemEncoded: String(decoding: $0, as: UTF8.self)) }
    }

    @Test func pkcs12Files() throws {
        fuzz(try TestVectors.bytes("kz/keys/individual_valid_2015.p12"), seed: 19) {
            _ = try PKCS12(derEncoded: $0, password: "Aa123456")
        }
    }

    @Test func hexText() {
        var mutator = Mutator(seed: 23)
        for _ in 0..<Self.iterations {
            let text = String(decoding: mutator.mutate(Array("00ff10:AB cd".utf8)), as: UTF8.self)
            _ = try? Hex.decode(text)
        }
    }
}
