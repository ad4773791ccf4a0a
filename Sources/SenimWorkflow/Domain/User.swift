import Foundation
import SenimPKI

/// A person who logs in by phone and SMS code (no passwords, docs/user-agreement.md §5.3): a client, a partner's employee or
/// a platform administrator. The IIN is known once the person gave it or signed with an EDS.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable { case active, blocked }

    public let id: String
    public var phone: PhoneNumber
    public var surname: String?
    public var name: String?
    public var iin: KazakhIdentifier?
    public var status: Status
    /// Platform administrators (the Company of the agreement) administer partners, users and tariffs.
    public var isAdministrator: Bool
    public var createdAt: Date

    public init(
        id: String, phone: PhoneNumber, surname: String? = nil, name: String? = nil, iin: KazakhIdentifier? = nil,
        status: Status = .active, isAdministrator: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.phone = phone
        self.surname = surname
        self.name = name
        self.iin = iin
        self.status = status
        self.isAdministrator = isAdministrator
        self.createdAt = createdAt
    }
}
