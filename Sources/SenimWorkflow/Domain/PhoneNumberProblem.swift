/// Why a typed phone number was not accepted. A number is never rewritten to fit: one digit short must not become
/// a stranger's number, so each case is said back to the person who typed it.
public enum PhoneNumberProblem: Error, Sendable, Hashable, Codable {
    /// A character other than digits, spaces, brackets, dashes and a leading `+`.
    case unexpectedCharacter(String)
    /// `+7`, `8` or `7` must come first.
    case noCountryPrefix
    /// After the prefix there must be exactly ten digits.
    case digitCount(Int)
    /// The three digits after the prefix are not a Kazakh mobile network.
    case notMobile(code: String, kind: CodeKind)

    public enum CodeKind: String, Sendable, Hashable, Codable {
        case landline, service, unassignedMobile, foreign, unknown
    }
}
