import Testing
@testable import SenimCrypto

@Suite("Digest known answers")
struct DigestKnownAnswerTests {
    func hex(_ algorithm: DigestAlgorithm, _ text: String) -> String {
        Hex.encode(algorithm.hash(Array(text.utf8)))
    }

    @Test func gost34311TestSBox() {
        #expect(hex(.gost34311, "This is message, length=32 bytes") == "b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa")
    }
    @Test func streebog512() {
        #expect(hex(.streebog512, "012345678901234567890123456789012345678901234567890123456789012") == "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48")
    }
}
