import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimCrypto

/// Fuzz-shaped input to every parser in SenimCrypto: 10,000 mutations of a real sample each. The only
/// acceptable outcomes are a value or a thrown error of the type the parser declares; a trap fails the whole
/// test run. The mutations are deterministic (``Mutator``, fixed seeds), so every count below is exact: a
/// change in a parser's leniency shows here as a changed count.
@Suite("Malformed input")
struct MalformedInputTests {
    static let iterations = 10_000

    /// How the mutations of one sample fared: how many parsed, and how many were refused, by error type.
    struct Outcomes: Equatable, CustomStringConvertible {
        var parsed = 0
        var refused: [String: Int] = [:]

        var description: String { "\(parsed) parsed, refused \(refused.sorted { $0.key < $1.key })" }

        /// The refusals whose error is not one of `types` (by `String(reflecting:)` of the error's type).
        func untyped(allowing types: [any Error.Type]) -> [String: Int] {
            let allowed = Set(types.map { String(reflecting: $0) })
            return refused.filter { !allowed.contains($0.key) }
        }
    }

    /// Runs `parse` on `iterations` mutations of `sample` and counts what happened. The closure's errors are
    /// untyped on purpose: an error of any type reaches the count under its own type's name, so a parser that
    /// lets a raw error escape is caught (``harnessCatchesAnUntypedError()``).
    static func outcomes(_ sample: [UInt8], seed: UInt64, _ parse: ([UInt8]) throws -> Void) -> Outcomes {
        var mutator = Mutator(seed: seed)
        var outcomes = Outcomes()
        for _ in 0..<iterations {
            do {
                try parse(mutator.mutate(sample))
                outcomes.parsed += 1
            } catch {
                outcomes.refused[String(reflecting: type(of: error)), default: 0] += 1
            }
        }
        return outcomes
    }

    static let cryptoError = String(reflecting: SenimCryptoError.self)
    static let asn1Error = String(reflecting: ASN1Error.self)

    /// The check itself can fail: a parser that throws a raw error on some inputs is reported by type.
    @Test func harnessCatchesAnUntypedError() {
        struct RawError: Error {}
        let outcomes = Self.outcomes(Array("sample".utf8), seed: 1) { bytes in
            if bytes.count > 6 { throw RawError() }
            if bytes.count < 6 { throw SenimCryptoError.malformedEncoding("short") }
        }
        let raw = outcomes.untyped(allowing: [SenimCryptoError.self])
        #expect(raw.keys.sorted() == [String(reflecting: RawError.self)])
        #expect(raw.values.first == 5_738)
        #expect(outcomes.refused[Self.cryptoError] == 2_871)
        #expect(outcomes.parsed == 1_391)
        #expect(outcomes.parsed + outcomes.refused.values.reduce(0, +) == Self.iterations)
    }

    @Test func mutatedSubjectPublicKeyInfosAreTypedErrors() throws {
        let expected = [
            Outcomes(parsed: 9, refused: [Self.cryptoError: 9_991]),
            Outcomes(parsed: 22, refused: [Self.cryptoError: 9_978]),
            Outcomes(parsed: 1_135, refused: [Self.cryptoError: 8_865]),
        ]
        let paths = ["kz/ca/root_test_gost_2022.cer", "kz/ca/nca_gost_test.der", "kz/ca/nca_rsa_test.der"]
        for (index, path) in paths.enumerated() {
            let spki = try CertificateFields(der: try TestVectors.bytes(path)).subjectPublicKeyInfo.derEncoded
            let outcomes = Self.outcomes(spki, seed: UInt64(index)) { _ = try PublicKey(subjectPublicKeyInfoDER: $0) }
            print("malformed SPKI \(path): \(outcomes)")
            #expect(outcomes == expected[index], "\(path)")
        }
    }

    @Test func mutatedGOSTSignatureValuesNeverVerify() throws {
        let subject = try CertificateFields(der: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))
        let root = try CertificateFields(der: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer"))
        let key = try PublicKey(subjectPublicKeyInfo: root.subjectPublicKeyInfo)
        #expect(try key.isValidSignature(subject.signature, for: subject.tbsBytes, algorithm: .gost(.gost34102015_512)))
        var mutator = Mutator(seed: 7)
        var valid = 0
        var invalid = 0
        var refused = 0
        for _ in 0..<Self.iterations {
            let signature = mutator.mutate(subject.signature)
            do {
                if try key.isValidSignature(signature, for: subject.tbsBytes, algorithm: .gost(.gost34102015_512)) {
                    valid += 1
                } else {
                    invalid += 1
                }
            } catch {
                refused += 1 // typed throws: only a SenimCryptoError can arrive here
            }
        }
        print("mutated GOST signatures: \(valid) valid, \(invalid) invalid, \(refused) refused")
        #expect(valid == 0)
        #expect(invalid + refused == Self.iterations)
        #expect(invalid == 1_387 && refused == 8_613)
    }

    /// The DER of an AlgorithmIdentifier is decoded by SwiftASN1 (its `ASN1Error`), the algorithm by
    /// SenimCrypto (`SenimCryptoError`); nothing else may come out.
    @Test func mutatedAlgorithmIdentifiersAreTypedErrors() throws {
        let pss = try RSAPSSParameters(digest: .sha384, maskGenerationDigest: .sha256, saltLength: 48).encodedParameters()
        var serializer = DER.Serializer()
        try serializer.serialize(AlgorithmIdentifier(algorithm: .PublicKeyAlgorithm.rsassaPSS, parameters: pss))
        let outcomes = Self.outcomes(serializer.serializedBytes, seed: 11) { bytes in
            _ = try SignatureAlgorithm(algorithmIdentifier: try AlgorithmIdentifier(derEncoded: bytes))
        }
        print("malformed AlgorithmIdentifier: \(outcomes)")
        #expect(outcomes.untyped(allowing: [SenimCryptoError.self, ASN1Error.self]).isEmpty)
        #expect(outcomes == Outcomes(parsed: 12, refused: [Self.asn1Error: 9_541, Self.cryptoError: 447]))
    }

    @Test func mutatedPKCS8KeysAreTypedErrors() throws {
        let pem = try TestVectors.text("generated/ecp256.key.pem")
        let der = Array(try PEMDocument(pemString: pem).derBytes)
        let fromDER = Self.outcomes(der, seed: 13) { _ = try PrivateKey(pkcs8DER: $0) }
        let fromPEM = Self.outcomes(Array(pem.utf8), seed: 17) { _ = try PrivateKey(pemEncoded: String(decoding: $0, as: UTF8.self)) }
        print("malformed PKCS#8: DER \(fromDER), PEM \(fromPEM)")
        #expect(fromDER == Outcomes(parsed: 52, refused: [Self.cryptoError: 9_948]))
        #expect(fromPEM == Outcomes(parsed: 1_541, refused: [Self.cryptoError: 8_459]))
    }

    @Test func mutatedPKCS12FilesAreTypedErrors() throws {
        let outcomes = Self.outcomes(try TestVectors.bytes("kz/keys/individual_valid_2015.p12"), seed: 19) {
            _ = try PKCS12(derEncoded: $0, password: "Aa123456")
        }
        print("malformed PKCS#12: \(outcomes)")
        #expect(outcomes == Outcomes(parsed: 0, refused: [Self.cryptoError: 10_000]))
    }

    /// What `Hex.decode` promises, written out independently: hex digits in pairs, ASCII space, tab, CR, LF and
    /// colon ignored, anything else refused.
    static func referenceHex(_ text: String) -> [UInt8]? {
        var digits: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digits.append(byte - UInt8(ascii: "A") + 10)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ":"): continue
            default: return nil
            }
        }
        guard digits.count.isMultiple(of: 2) else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    @Test func hexDecodingAgreesWithItsDefinitionOnMutatedText() throws {
        #expect(try Hex.decode("00ff10:AB cd") == [0x00, 0xFF, 0x10, 0xAB, 0xCD])
        #expect(throws: SenimCryptoError.malformedEncoding("odd number of hexadecimal digits")) { try Hex.decode("abc") }
        #expect(throws: SenimCryptoError.malformedEncoding("not a hexadecimal digit: g")) { try Hex.decode("0g") }
        var mutator = Mutator(seed: 23)
        var decoded = 0
        var refused = 0
        for _ in 0..<Self.iterations {
            let text = String(decoding: mutator.mutate(Array("00ff10:AB cd".utf8)), as: UTF8.self)
            let expected = Self.referenceHex(text)
            do {
                let bytes = try Hex.decode(text)
                #expect(bytes == expected, "\(text.debugDescription)")
                decoded += 1
            } catch {
                #expect(expected == nil, "\(text.debugDescription) refused: \(error)")
                refused += 1
            }
        }
        print("mutated hex: \(decoded) decoded, \(refused) refused")
        #expect(decoded == 1_748 && refused == 8_252)
    }
}
