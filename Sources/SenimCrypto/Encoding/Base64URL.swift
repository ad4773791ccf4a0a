import Foundation

/// RFC 4648 §5 base64url without padding: what goes into URLs, headers and QR codes unescaped (random tokens
/// come from ``RandomToken``).
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
