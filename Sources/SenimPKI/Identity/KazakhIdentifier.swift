/// An IIN (individual identification number) or BIN (business identification number): 12 digits whose
/// last is a check digit (Постановление № 565 of 11.06.2003; docs/kazakh-eds.md §7).
public struct KazakhIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable { case iin, bin }

    public let digits: String
    public let kind: Kind

    /// Accepts exactly 12 ASCII digits; the check digit is reported by ``hasValidCheckDigit``, not enforced,
    /// because NCA **test** certificates carry test numbers (e.g. 123456789011) that fail it.
    public init?(_ text: String, kind: Kind) {
        guard text.utf8.count == 12, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        digits = text
        self.kind = kind
    }

    public var description: String { digits }

    /// The check digit: Σ dᵢ·wᵢ mod 11 with weights 1…11; when that is 10, weights 3…11,1,2; a second 10 means
    /// the number is never issued.
    public var hasValidCheckDigit: Bool {
        let d = digits.utf8.map { Int($0 - 0x30) }
        let first = (0..<11).reduce(0) { $0 + d[$1] * ($1 + 1) } % 11
        if first != 10 { return first == d[11] }
        let weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        let second = (0..<11).reduce(0) { $0 + d[$1] * weights[$1] } % 11
        return second != 10 && second == d[11]
    }
}

extension KazakhIdentifier {
    /// JSON holds the 12 digits as a string, as reports and APIs print an IIN or BIN. Decoding tells the kind
    /// from the fifth digit: the first digit of the day (0–3) in an IIN, the entity type (4–6) in a BIN (docs/kazakh-eds.md §7).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let fifth = text.utf8.dropFirst(4).first.map { $0 &- 0x30 } ?? 0
        guard let value = KazakhIdentifier(text, kind: (4...6).contains(fifth) ? .bin : .iin) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an IIN or BIN is 12 digits"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
