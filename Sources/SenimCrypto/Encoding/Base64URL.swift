import Foundation

/// RFC 4648 §5 base64url without padding: random tokens that go into URLs, headers and QR codes unescaped.
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A fresh token of `count` random bytes.
    public static func randomToken(bytes count: Int = 32) throws(SenimCryptoError) -> String {
        encode(try MessageAuthentication.randomBytes(count))
    }
}
