import Foundation

/// A Kazakh mobile number in E.164 (`+7` and ten digits): the login and the SMS address, so it is kept in one
/// normalised form (`8 701 123 45 67`, `+7 (701) 123-45-67` and `77011234567` are the same number). Parsing is
/// strict: a prefix (`+7`, `8` or `7`), exactly ten digits, a mobile network's code, spaces, brackets and dashes
/// between them; anything else is a `PhoneNumberProblem`, never a guess.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let e164: String

    public init?(_ text: String) {
        guard let number = try? Self.parse(text) else { return nil }
        self = number
    }

    private init(national: String) { e164 = "+7" + national }

    /// The number typed, or why it is not one.
    public static func parse(_ text: String) throws(PhoneNumberProblem) -> PhoneNumber {
        var characters = Substring(text.trimmingCharacters(in: .whitespaces))
        let international = characters.first == "+"
        if international { characters = characters.dropFirst() }
        var digits = ""
        for character in characters {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !" ()-\u{00A0}".contains(character) {
                throw .unexpectedCharacter(String(character))
            }
        }
        // Ten digits of a mobile number with nothing before them: the prefix is missing, not a digit.
        let bareMobile = !international && digits.count == 10 && KazakhMobileCode.inService.contains(String(digits.prefix(3)))
        guard !bareMobile, let first = digits.first, first == "7" || (first == "8" && !international) else { throw .noCountryPrefix }
        let national = String(digits.dropFirst())
        guard national.count == 10 else { throw .digitCount(national.count) }
        let code = String(national.prefix(3))
        guard KazakhMobileCode.inService.contains(code) else { throw .notMobile(code: code, kind: KazakhMobileCode.kind(of: code)) }
        return PhoneNumber(national: national)
    }

    /// `+7 701 *** ** 67`: what audit events and SMS logs carry.
    public var masked: String {
        let digits = Array(e164.dropFirst(2))
        return "+7 \(String(digits[0..<3])) *** ** \(String(digits[8..<10]))"
    }

    public var description: String { e164 }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\(text) is not a Kazakh mobile number"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }
}
