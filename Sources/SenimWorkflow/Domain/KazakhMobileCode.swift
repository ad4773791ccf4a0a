/// The three digits after +7 that name a Kazakh mobile network: only these numbers can receive the platform's
/// SMS (the list and its source: `docs/kazakh-mobile-codes.md`).
public enum KazakhMobileCode {
    public static let inService: Set<String> = ["700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778"]

    /// What a non-mobile code is, so a refusal can say why.
    public static func kind(of code: String) -> PhoneNumberProblem.CodeKind {
        guard let first = code.first, let number = Int(code) else { return .unknown }
        switch number {
        case 710...729: return .landline
        case 750...769: return .service
        case 700...799: return .unassignedMobile
        default: return first == "6" ? .unknown : .foreign
        }
    }
}
