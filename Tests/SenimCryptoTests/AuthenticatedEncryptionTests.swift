import Testing

@testable import SenimCrypto

/// AES-256-GCM, the wrapping of the platform keys kept in PostgreSQL.
@Suite("Authenticated encryption")
struct AuthenticatedEncryptionTests {
    // The GCM specification's test case 16 (McGrew and Viega, "The Galois/Counter Mode of Operation", AES-256,
    // 96-bit IV, with associated data); cross-checked with Python cryptography's AESGCM.
    static func hex(_ text: String) -> [UInt8] { (try? Hex.decode(text)) ?? [] }

    static let key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
    static let nonce = hex("cafebabefacedbaddecaf888")
    static let associatedData = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
    static let plaintext = hex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
    static let ciphertextAndTag =
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
        + "76fc6ece0f4e1768cddf8853bb2d551b"

    @Test func knownAnswer() throws {
        let sealed = try AuthenticatedEncryption.seal(Self.plaintext, key: Self.key, nonce: Self.nonce, associatedData: Self.associatedData)
        #expect(Hex.encode(sealed) == Hex.encode(Self.nonce) + Self.ciphertextAndTag)
        #expect(try AuthenticatedEncryption.open(sealed, key: Self.key, associatedData: Self.associatedData) == Self.plaintext)
    }

    @Test func freshNonceEachTimeAndRoundTrip() throws {
        let secret = Array("seal key".utf8)
        let first = try AuthenticatedEncryption.seal(secret, key: Self.key, associatedData: Array("seal-key".utf8))
        let second = try AuthenticatedEncryption.seal(secret, key: Self.key, associatedData: Array("seal-key".utf8))
        #expect(first.count == 12 + secret.count + 16 && first != second && first.prefix(12) != second.prefix(12))
        #expect(try AuthenticatedEncryption.open(second, key: Self.key, associatedData: Array("seal-key".utf8)) == secret)
    }

    @Test func refusesAnotherKeyOtherDataAndAnyChangedByte() throws {
        let sealed = try AuthenticatedEncryption.seal(Self.plaintext, key: Self.key, nonce: Self.nonce, associatedData: Self.associatedData)
        var otherKey = Self.key
        otherKey[0] ^= 1
        #expect(throws: SenimCryptoError.self) {
            try AuthenticatedEncryption.open(sealed, key: otherKey, associatedData: Self.associatedData)
        }
        #expect(throws: SenimCryptoError.self) {
            try AuthenticatedEncryption.open(sealed, key: Self.key, associatedData: Array("ses-key".utf8))
        }
        for position in [0, 12, sealed.count - 1] {
            var altered = sealed
            altered[position] ^= 0x80
            #expect(throws: SenimCryptoError.self) {
                try AuthenticatedEncryption.open(altered, key: Self.key, associatedData: Self.associatedData)
            }
        }
        #expect(throws: SenimCryptoError.self) {
            try AuthenticatedEncryption.open(Array(sealed.prefix(27)), key: Self.key, associatedData: [])
        }
        #expect(throws: SenimCryptoError.self) {
            try AuthenticatedEncryption.seal([1], key: Array(Self.key.prefix(16)), associatedData: [])
        }
    }
}
