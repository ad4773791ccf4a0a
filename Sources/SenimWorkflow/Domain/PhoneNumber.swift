/// A Kazakh mobile number in E.164 (`+7` and ten digits): the login and the SMS address, so it is kept in one
/// normalised form (`8 701 123 45 67`, `+7 (701) 123-45-67` and `77011234567` are the same number).
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let e164: String

    public init?(_ text: String) {
        var digits = text.filter(\.isNumber)
        guard digits.allSatisfy(\.isASCII) else { return nil }
        if digits.count == 11, digits.first == "8" { digits = "7" + digits.dropFirst() }
        if digits.count == 10 { digits = "7" + digits }
        // +7 is shared with Russia; Kazakhstan's national numbers start with 7 (mobile 70x, 747, 77x), Russia's do not.
        guard digits.count == 11, digits.hasPrefix("77") else { return nil }
        e164 = "+" + digits
    }

    /// `+7 701 *** ** 67`: what audit events and SMS logs carry.
    public var masked: String {
        let digits = Array(e164.dropFirst(2))
        return "+7 \(String(digits[0..<3])) *** ** \(String(digits[8..<10]))"
    }

    public var description: String { e164 }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = PhoneNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(text) is not a Kazakh mobile number"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }
}
