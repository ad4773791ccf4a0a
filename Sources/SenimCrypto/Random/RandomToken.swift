/// The platform's one generator of random identifiers and secrets: `bytes` bytes from OpenSSL's CSPRNG
/// (``MessageAuthentication/randomBytes(_:)``), written in one of two RFC 4648 alphabets. The encoding is a
/// bijection, so a token carries exactly `8 × bytes` bits of entropy, whatever its length in characters:
/// lowercase hex (§8, 16 symbols, 4 bits each) for identifiers that sit in paths and logs, base64url without
/// padding (§5, 64 symbols, 6 bits each, the last symbol of a length not a multiple of three bytes carrying
/// fewer) for secrets that go into URLs, cookies and headers unescaped.
public struct RandomToken: Sendable, Hashable {
    public enum Alphabet: Sendable, Hashable, CaseIterable {
        case hex, base64url

        /// How many symbols the alphabet has.
        public var size: Int { self == .hex ? 16 : 64 }
        /// The symbols, in the alphabet's order.
        public var symbols: String {
            switch self {
            case .hex: return "0123456789abcdef"
            case .base64url: return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            }
        }
    }

    /// The random bytes behind one token.
    public let bytes: Int
    public let alphabet: Alphabet

    public init(bytes: Int, alphabet: Alphabet) {
        self.bytes = max(0, bytes)
        self.alphabet = alphabet
    }

    /// The id of a new document, signer, partner, package or user (after its prefix): 96 bits, hex.
    public static let identifier = RandomToken(bytes: 12, alphabet: .hex)
    /// The id of an SMS-OTP challenge: 128 bits, hex.
    public static let challengeID = RandomToken(bytes: 16, alphabet: .hex)
    /// A bearer secret (a session token, a signer's link, a CSRF binding): 256 bits, base64url.
    public static let secret = RandomToken(bytes: 32, alphabet: .base64url)

    /// The bits of entropy a token carries: every random byte, no more (the encoding adds none, loses none).
    public var entropyBits: Int { bytes * 8 }

    /// The token's length in characters.
    public var length: Int {
        switch alphabet {
        case .hex: return bytes * 2
        case .base64url: return (bytes * 8 + 5) / 6
        }
    }

    /// A fresh token.
    public func make() throws(SenimCryptoError) -> String {
        let random = try MessageAuthentication.randomBytes(bytes)
        switch alphabet {
        case .hex: return Hex.encode(random)
        case .base64url: return Base64URL.encode(random)
        }
    }
}
