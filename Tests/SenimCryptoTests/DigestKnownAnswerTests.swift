import Foundation
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimCrypto

/// Known answers for every digest. For the empty message GOST R 34.11-94 follows the standard's stage 3
/// literally (one zero block), matching gost-engine and `gostsum`.
/// GOST values are in natural byte order (as `openssl dgst` prints them
/// and as CMS `messageDigest` stores them). References: RFC 5831 §7.3 and the standard's examples for
/// GOST R 34.11-94 (test S-box, confirmed with `gostsum -t`, whose output is byte-reversed); the gost
/// engine's `md_gost94` for the CryptoPro S-box; RFC 6986 §10 M1/M2 for Streebog (confirmed with the gost
/// engine and the gostcrypto package); real Kalkan values from testvectors/kz.
@Suite("Digest known answers")
struct DigestKnownAnswerTests {
    static let gost94Messages: [(String, [UInt8])] = [
        ("empty", []),
        ("a", Array("a".utf8)),
        ("abc", Array("abc".utf8)),
        ("message digest", Array("message digest".utf8)),
        ("32 bytes", Array("This is message, length=32 bytes".utf8)),
        ("50 bytes", Array("Suppose the original message has length = 50 bytes".utf8)),
        ("fox", Array("The quick brown fox jumps over the lazy dog".utf8)),
        ("128 U", [UInt8](repeating: UInt8(ascii: "U"), count: 128)),
    ]

    static let gost94Test: [String: String] = [
        "empty": "891d358a84c6033cf17bac82d77bb5d6791695a08ffce3768d39fbcacf8b29bd",
        "a": "d42c539e367c66e9c88a801f6649349c21871b4344c6a573f849fdce62f314dd",
        "abc": "f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d",
        "message digest": "ad4434ecb18f2c99b60cbe59ec3d2469582b65273f48de72db2fde16a4889a4d",
        "32 bytes": "b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa",
        "50 bytes": "471aba57a60a770d3a76130635c1fbea4ef14de51f78b4ae57dd893b62f55208",
        "fox": "77b7fa410c9ac58a25f49bca7d0468c9296529315eaca76bd1a10f376d1f4294",
        "128 U": "53a3a3ed25180cef0c1d85a074273e551c25660a87062a52d926a9e8fe5733a4",
    ]

    static let gost94CryptoPro: [String: String] = [
        "empty": "3f25bc1fbbce27ca10fb1958f319473ae7e17482c3b53ecf47a7e2de8aabe4c8",
        "a": "e74c52dd282183bf37af0079c9f78055715a103f17e3133ceff1aacf2f403011",
        "abc": "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c",
        "message digest": "bc6041dd2aa401ebfa6e9886734174febdb4729aa972d60f549ac39b29721ba0",
        "32 bytes": "2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb",
        "50 bytes": "c3730c5cbccacf915ac292676f21e8bd4ef75331d9405e5f1a61dc3130a65011",
        "fox": "9004294a361a508c586fe53d1f1b02746765e71b765472786e4770d565830a76",
        "128 U": "1c4ac7614691bbf427fa2316216be8f10d92edfd37cd1027514c1008f649c4e8",
    ]

    @Test(arguments: gost94Messages.map { $0.0 })
    func gost34311WithTheTestSBoxGivesTheKnownAnswer(name: String) throws {
        let message = try #require(Self.gost94Messages.first { $0.0 == name }).1
        #expect(Hex.encode(DigestAlgorithm.gost34311.hash(message)) == Self.gost94Test[name])
    }

    @Test(arguments: gost94Messages.map { $0.0 })
    func gostR341194WithTheCryptoProSBoxGivesTheKnownAnswer(name: String) throws {
        let message = try #require(Self.gost94Messages.first { $0.0 == name }).1
        #expect(Hex.encode(DigestAlgorithm.gostR341194CryptoPro.hash(message)) == Self.gost94CryptoPro[name])
    }

    @Test func gost34311OfAMillionAGivesTheKnownAnswer() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hex.encode(DigestAlgorithm.gost34311.hash(message)) == "5c00ccc2734cdd3332d3d4749576e3c1a7dbaf0e7ea74e9fa602413c90a129fa")
    }

    /// RFC 6986 §10.1 M1 (63 bytes) and §10.2 M2 (72 bytes of Cyrillic in Windows-1251).
    static let m1 = Array("012345678901234567890123456789012345678901234567890123456789012".utf8)
    static let m2 =
        (try? Hex.decode(
            "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120ecee"
                + "f0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb"
        )) ?? []

    @Test func streebogGivesTheStandardsKnownAnswers() {
        #expect(
            Hex.encode(DigestAlgorithm.streebog512.hash(Self.m1))
                == "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
                + "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48"
        )
        #expect(Hex.encode(DigestAlgorithm.streebog256.hash(Self.m1)) == "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500")
        #expect(
            Hex.encode(DigestAlgorithm.streebog512.hash(Self.m2))
                == "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376"
                + "035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28"
        )
        #expect(Hex.encode(DigestAlgorithm.streebog256.hash(Self.m2)) == "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50")
        #expect(
            Hex.encode(DigestAlgorithm.streebog512.hash([UInt8]()))
                == "8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7"
                + "362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a"
        )
        #expect(
            Hex.encode(DigestAlgorithm.streebog256.hash([UInt8]())) == "3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb")
    }

    @Test func shaFamilyGivesTheKnownAnswers() {
        let abc = Array("abc".utf8)
        #expect(Hex.encode(DigestAlgorithm.sha1.hash(abc)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Hex.encode(DigestAlgorithm.sha224.hash(abc)) == "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")
        #expect(Hex.encode(DigestAlgorithm.sha256.hash(abc)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Hex.encode(DigestAlgorithm.sha384.hash(abc))
                == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        #expect(
            Hex.encode(DigestAlgorithm.sha512.hash(abc))
                == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        )
    }

    // MARK: Real Kalkan values

    @Test func streebogAgreesWithKalkanValues() throws {
        // messageDigest attributes in testvectors/kz/cms (NCANode SIGNED_CMS over "test123") and the mitwork CMS (data b5eb2d).
        #expect(
            Hex.encode(DigestAlgorithm.streebog512.hash(Array("test123".utf8)))
                == "f0afdd66f832bb219c87cf0136baf552a0fb66306f4f2a173626f11e14a7ef25"
                + "52d4b2087fd8e94f6044fe5595dc681e02f92b34bf93fbd1590910e376b12990"
        )
        #expect(
            Hex.encode(DigestAlgorithm.streebog512.hash([0xb5, 0xeb, 0x2d]))
                == "8eaf00d9ebde190834721e884c2e2a2261f9fa16c2ab901ec4f452e63bc5ecaf"
                + "b42d844afc1143e2f11bd110bd7298cfad8c32b79cf194091e84f70eeec97993"
        )
    }

    /// The NCA test TSA token: its messageDigest attribute is GOST 34.311-95 (test S-box) of the TSTInfo.
    @Test func ncaTimestampTokenMessageDigestIsGOST34311OfItsTSTInfo() throws {
        let token = try TestVectors.bytes("kz/tsp/tsp_token.bin")
        let tstInfo = try Self.encapsulatedContent(ofSignedData: token)
        #expect(tstInfo.count == 97)
        let digest = Hex.encode(DigestAlgorithm.gost34311.hash(tstInfo))
        #expect(digest == "8d7cd75afc6e309d94d61edbd76f697ed35b61e17e38ac7e0c73cd48ab9cb237")
        // The same bytes appear verbatim in the token as the messageDigest attribute value.
        let attribute = [0x04, 0x20] + (try Hex.decode(digest))
        #expect(Self.contains(token, attribute))
        // And the CryptoPro S-box does not reproduce it: the S-box choice matters.
        #expect(Hex.encode(DigestAlgorithm.gostR341194CryptoPro.hash(tstInfo)) != digest)
    }

    // MARK: Streaming

    /// 1 MiB + 13 bytes of a fixed pattern, fed in chunks of odd sizes so every block boundary is
    /// crossed at a different offset; references from `gostsum -t`, `openssl dgst -engine gost` and `sha256sum`.
    static let longMessage: [UInt8] = (0..<((1 << 20) + 13)).map { UInt8(($0 * 7 + 3) % 251) }
    static let longAnswers: [DigestAlgorithm: String] = [
        .sha256: "b307c5168cafaad4a0a36c0326d815dcde44c72582033fcab189fb1c30ff11a4",
        .gost34311: "7319cd948729afd39026bf1bb5732829805cceb48e8a6c109f154c835ed5ed63",
        .gostR341194CryptoPro: "48494dd1943c868e902afaa9eaa56f64e27a133d8f3d6f40d7a8e108af1fd685",
        .streebog256: "168416603b9c632f7b66e8898dafdef6a48d54d66108a9447ff3427c896a80f8",
        .streebog512:
            "6f5f8b3c65fa33d2c60cb65e8934e2a131ed0f388f02fb08a239181963d0bcd5"
            + "0cf4154849521dbd5db366c91e73aebbaad1830c9bfd6ae53f5841559310bba7",
    ]

    @Test(arguments: [DigestAlgorithm.sha256, .gost34311, .gostR341194CryptoPro, .streebog256, .streebog512])
    func longMessageInOddChunksEqualsOneShot(algorithm: DigestAlgorithm) {
        #expect(Hex.encode(algorithm.hash(Self.longMessage)) == Self.longAnswers[algorithm])
        var hasher = algorithm.makeHasher()
        let chunkSizes = [1, 3, 31, 33, 63, 65, 127, 1000, 4097]
        var offset = 0
        var index = 0
        while offset < Self.longMessage.count {
            let size = min(chunkSizes[index % chunkSizes.count], Self.longMessage.count - offset)
            hasher.update(bytes: Array(Self.longMessage[offset..<(offset + size)]))
            offset += size
            index += 1
        }
        #expect(Hex.encode(hasher.finalize()) == Self.longAnswers[algorithm])
    }

    @Test func hasherCopiesContinueIndependently() {
        for algorithm in DigestAlgorithm.allCases {
            var prefix = algorithm.makeHasher()
            prefix.update(bytes: Array("The quick brown fox ".utf8))
            var branch = prefix
            branch.update(bytes: Array("jumps over the lazy dog".utf8))
            prefix.update(bytes: Array("jumps over the lazy dog".utf8))
            let expected = algorithm.hash(Array("The quick brown fox jumps over the lazy dog".utf8))
            #expect(branch.finalize() == expected, "\(algorithm)")
            #expect(prefix.finalize() == expected, "\(algorithm)")
        }
    }

    @Test func fileDigestEqualsInMemoryDigest() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-digest-\(UInt64.random(in: 0...UInt64.max)).bin")
        try Data(Self.longMessage).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for (algorithm, answer) in Self.longAnswers {
            #expect(Hex.encode(try algorithm.hash(contentsOfFile: url.path)) == answer)
        }
        #expect(throws: SenimCryptoError.self) { try DigestAlgorithm.sha256.hash(contentsOfFile: "/nonexistent/file") }
    }

    @Test func digestIdentifiersRoundTrip() throws {
        for algorithm in DigestAlgorithm.allCases {
            #expect(try DigestAlgorithm(objectIdentifier: algorithm.objectIdentifier) == algorithm)
            #expect(try DigestAlgorithm(xmlDigestMethodURI: algorithm.xmlDigestMethodURI) == algorithm)
        }
        #expect(try DigestAlgorithm(objectIdentifier: .Digest.streebog512) == .streebog512)
        #expect(throws: SenimCryptoError.self) { try DigestAlgorithm(objectIdentifier: [1, 2, 3, 4]) }
        #expect(throws: SenimCryptoError.self) { try DigestAlgorithm(xmlDigestMethodURI: "http://example.com/md5") }
    }

    // MARK: Helpers

    /// `ContentInfo { signedData, [0] SignedData { version, digestAlgorithms, encapContentInfo { type, [0] OCTET STRING } … } }`.
    static func encapsulatedContent(ofSignedData bytes: [UInt8]) throws -> [UInt8] {
        let root = try BER.parse(bytes)
        return try BER.sequence(root, identifier: .sequence) { nodes in
            _ = try ASN1ObjectIdentifier(berEncoded: &nodes)
            return try BER.explicitlyTagged(nodes.next()!, tagNumber: 0, tagClass: .contextSpecific) { signedData in
                try BER.sequence(signedData, identifier: .sequence) { fields in
                    _ = try Int(berEncoded: &fields)
                    _ = fields.next()
                    let content = try BER.sequence(fields.next()!, identifier: .sequence) { encap in
                        _ = try ASN1ObjectIdentifier(berEncoded: &encap)
                        return try BER.explicitlyTagged(encap.next()!, tagNumber: 0, tagClass: .contextSpecific) {
                            Array(try ASN1OctetString(berEncoded: $0).bytes)
                        }
                    }
                    while fields.next() != nil {} // certificates, signerInfos
                    return content
                }
            }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
