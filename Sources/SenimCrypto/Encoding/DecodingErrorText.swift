import Foundation
import SwiftASN1

/// Turns a decoding error into a sentence a user can quote: what was wrong, never a Swift type name, a source
/// path or a line number (swift-asn1's own description is `ASN1Error.code: reason Module/File.swift:line`).
public enum DecodingErrorText {
    public static func sentence(_ error: any Error) -> String {
        if let asn1 = error as? ASN1Error { return sentence(asn1) }
        return clean(String(describing: error))
    }

    /// A message that is already text (a fetch error, a libxml2 message), cleaned the same way.
    public static func sentence(_ text: String) -> String { clean(text) }

    static func sentence(_ error: ASN1Error) -> String {
        let reason = clean(error.description)
        switch error.code {
        case .unexpectedFieldType: return "an ASN.1 element has an unexpected type (\(reason))"
        case .invalidASN1Object: return reason.isEmpty ? "the ASN.1 structure is invalid" : reason
        case .invalidASN1IntegerEncoding: return "an INTEGER is not validly encoded" + (reason.isEmpty ? "" : " (\(reason))")
        case .truncatedASN1Field: return "the data ends in the middle of an ASN.1 element"
        case .unsupportedFieldLength: return "an ASN.1 length is not supported" + (reason.isEmpty ? "" : " (\(reason))")
        case .invalidPEMDocument: return "the PEM armour is invalid" + (reason.isEmpty ? "" : " (\(reason))")
        case .invalidStringRepresentation: return "a string value is invalid" + (reason.isEmpty ? "" : " (\(reason))")
        case .tooFewOIDComponents: return "an object identifier has too few components"
        default: return reason.isEmpty ? "the ASN.1 structure is invalid" : reason
        }
    }

    private static let rules: [(NSRegularExpression, String)] = [
        // swift-asn1's prefix and suffix.
        (#"ASN1Error\.\w+:\s*"#, ""),
        (#"\s*\S*\.swift:\d+"#, ""),
        // ASN1Identifier(tagNumber: 4, tagClass: universal, constructed: false) → tag [universal 4]
        (#"ASN1Identifier\(tagNumber: (\d+), tagClass: (\w+)[^)]*\)"#, "tag [$2 $1]"),
        // Any remaining `SomethingError.` type prefix of an enum case.
        (#"\b[A-Z]\w*Error\."#, ""),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    /// Removes type names, source locations and line numbers from a description.
    public static func clean(_ text: String) -> String {
        var result = text
        for (expression, template) in rules {
            let whole = NSRange(result.startIndex..., in: result)
            result = expression.stringByReplacingMatches(in: result, range: whole, withTemplate: template)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
