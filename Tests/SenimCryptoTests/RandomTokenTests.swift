import Foundation
import Testing

@testable import SenimCrypto

/// The one random generator: each token shape says how many bits it carries, and the tokens it makes carry
/// them: every position of a hex token takes all 16 symbols (4 bits), every position of a base64url token all
/// 64 (6 bits) but the last, which takes as many as the bits left over (2^(8·bytes − 6·(length − 1))).
@Suite("Random tokens")
struct RandomTokenTests {
    /// Counts the bits the tokens actually vary in: the sum over positions of log2(symbols seen there), from
    /// `samples` tokens. With 4000 samples a symbol of 64 goes unseen at one position with probability
    /// (63/64)^4000 < 10^-27, so the count is exact.
    static func observedBits(_ shape: RandomToken, samples: Int = 4000) throws -> Int {
        var seen = Array(repeating: Set<Character>(), count: shape.length)
        for _ in 0..<samples {
            let token = Array(try shape.make())
            #expect(token.count == shape.length)
            for (position, symbol) in token.enumerated() where position < seen.count { seen[position].insert(symbol) }
        }
        let symbols = Set(shape.alphabet.symbols)
        var bits = 0
        for set in seen {
            #expect(set.isSubset(of: symbols))
            // Every position takes a power of two of symbols: count its exponent exactly.
            #expect(set.count.nonzeroBitCount == 1, "\(set.count) symbols")
            bits += set.count.trailingZeroBitCount
        }
        return bits
    }

    @Test func identifiersCarryNinetySixBits() throws {
        #expect(RandomToken.identifier.entropyBits == 96)
        #expect(RandomToken.identifier.length == 24)
        #expect(RandomToken.identifier.alphabet.size == 16)
        #expect(try Self.observedBits(.identifier) == 96)
    }

    @Test func challengeIDsCarryOneHundredTwentyEightBits() throws {
        #expect(RandomToken.challengeID.entropyBits == 128)
        #expect(RandomToken.challengeID.length == 32)
        #expect(try Self.observedBits(.challengeID) == 128)
    }

    @Test func secretsCarryTwoHundredFiftySixBits() throws {
        #expect(RandomToken.secret.entropyBits == 256)
        // 256 bits = 42 symbols of 6 bits and a last one of 4.
        #expect(RandomToken.secret.length == 43)
        #expect(RandomToken.secret.alphabet.size == 64)
        #expect(try Self.observedBits(.secret) == 256)
        // 18 bytes are exactly 24 symbols of 6 bits.
        let ticket = RandomToken(bytes: 18, alphabet: .base64url)
        #expect(ticket.length == 24 && ticket.entropyBits == 144)
        #expect(try Self.observedBits(ticket) == 144)
    }

    @Test func tokensHaveTheirKnownFormat() throws {
        let hex = try RandomToken.identifier.make()
        #expect(hex.wholeMatch(of: /[0-9a-f]{24}/) != nil, "\(hex)")
        let secret = try RandomToken.secret.make()
        #expect(secret.wholeMatch(of: /[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]/) != nil, "\(secret)")
        // The alphabets are RFC 4648's, in order: the known answers of §8 and §5 encode through the same symbols.
        #expect(Hex.encode([0x00, 0x9f, 0xff]) == "009fff")
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(RandomToken.Alphabet.hex.symbols.count == 16 && RandomToken.Alphabet.base64url.symbols.count == 64)
        #expect(Set(RandomToken.Alphabet.base64url.symbols).count == 64)
        // Fresh every time: 1000 identifiers, 1000 different ones.
        #expect(Set(try (0..<1000).map { _ in try RandomToken.identifier.make() }).count == 1000)
        #expect(try RandomToken(bytes: 0, alphabet: .hex).make().isEmpty)
    }
}
