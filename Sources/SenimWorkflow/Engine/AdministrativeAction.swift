import SenimEvidence

/// What an administrative event did, as a value. The administration chain records it as text (`user blocked`,
/// `partner inactive`, `employee rights 31`, `tariff active 100 uses`) so that chains written before this type
/// keep verifying; this type is the one place that writes and reads that text, so pages and reports say it in
/// the reader's language instead of showing it.
public enum AdministrativeAction: Sendable, Hashable {
    case userStatus(User.Status)
    case partnerStatus(Partner.Status)
    case employeeRights(EmployeeRights)
    case tariff(active: Bool, uses: Int)
    /// A partner's manager made an API key with these rights, or revoked one.
    case apiKeyCreated(EmployeeRights)
    case apiKeyRevoked
    /// A partner's manager registered a webhook endpoint, or disabled one.
    case webhookRegistered
    case webhookDisabled

    /// The text the administration chain holds.
    public var recorded: String {
        switch self {
        case .userStatus(let status): return "user \(status.rawValue)"
        case .partnerStatus(let status): return "partner \(status.rawValue)"
        case .employeeRights(let rights): return "employee rights \(rights.rawValue)"
        case .tariff(let active, let uses): return "tariff \(active ? "active" : "inactive") \(uses) uses"
        case .apiKeyCreated(let rights): return "key created rights \(rights.rawValue)"
        case .apiKeyRevoked: return "key revoked"
        case .webhookRegistered: return "webhook registered"
        case .webhookDisabled: return "webhook disabled"
        }
    }

    /// The identifiers a recorded target names (a user, a partner and its BIN, a partner and a user, a tariff and
    /// its partner), in the order written, without the joining words.
    public static func identifiers(inTarget target: String) -> [String] {
        target.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init).filter { $0 != "BIN" && $0 != "of" }
    }

    /// The action a recorded text names, or nil for a text this build does not know.
    public init?(recorded text: String) {
        let words = text.split(separator: " ").map(String.init)
        switch (words.first, words.count) {
        case ("user", 2):
            guard let status = User.Status(rawValue: words[1]) else { return nil }
            self = .userStatus(status)
        case ("partner", 2):
            guard let status = Partner.Status(rawValue: words[1]) else { return nil }
            self = .partnerStatus(status)
        case ("employee", 3) where words[1] == "rights":
            guard let bits = Int(words[2]) else { return nil }
            self = .employeeRights(EmployeeRights(rawValue: bits))
        case ("tariff", 4) where words[3] == "uses" && ["active", "inactive"].contains(words[1]):
            guard let uses = Int(words[2]) else { return nil }
            self = .tariff(active: words[1] == "active", uses: uses)
        case ("key", 4) where words[1] == "created" && words[2] == "rights":
            guard let bits = Int(words[3]) else { return nil }
            self = .apiKeyCreated(EmployeeRights(rawValue: bits))
        case ("key", 2) where words[1] == "revoked":
            self = .apiKeyRevoked
        case ("webhook", 2) where words[1] == "registered":
            self = .webhookRegistered
        case ("webhook", 2) where words[1] == "disabled":
            self = .webhookDisabled
        default:
            return nil
        }
    }
}

extension AuditAction {
    /// The administrative action this event records (nil: another kind of event, or a text this build does not
    /// know): how an administrative event is found, by value, never by matching its text.
    public var administrativeAction: AdministrativeAction? {
        if case .administrative(let text, _) = self { return AdministrativeAction(recorded: text) }
        return nil
    }
}
