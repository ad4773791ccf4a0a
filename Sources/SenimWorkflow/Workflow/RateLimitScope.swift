/// Which limit on SMS codes a request ran into (the codes' budget that keeps guessing pointless).
public enum RateLimitScope: String, Sendable, Hashable, Codable {
    /// Codes to one phone in the short window.
    case phone
    /// Codes asked from one address in the short window.
    case address
    /// Codes for one signer of one document in the short window.
    case signer
    /// Codes to one phone (login) or for one signer (signing) in a day.
    case daily
    /// Wrong codes entered for one phone or signer in a day.
    case failedAttempts
    /// The wait that grows with every code asked in a day.
    case backOff
}
