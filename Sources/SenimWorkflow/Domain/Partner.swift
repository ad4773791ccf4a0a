import Foundation
import SenimPKI

/// A legal entity or sole proprietor (BIN) that uploads documents and signs first on its own behalf.
public struct Partner: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable { case active, inactive }

    public let id: String
    public var bin: KazakhIdentifier
    public var organisation: String
    public var status: Status
    public var createdAt: Date

    public init(id: String, bin: KazakhIdentifier, organisation: String, status: Status = .active, createdAt: Date) {
        self.id = id
        self.bin = bin
        self.organisation = organisation
        self.status = status
        self.createdAt = createdAt
    }

    /// The NCA certificate roles whose holder may sign for the organisation: its first head, or a person with
    /// the right of signature (1.2.398.3.3.4.1.2.1 / .2.2).
    public static let rolesThatSignForPartner: Set<SignerRole> = [.firstHead, .signingRight]
}

/// What a partner granted one of its employees (docs/user-agreement.md §3.6: every action counts as the partner's).
public struct EmployeeRights: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let upload = EmployeeRights(rawValue: 1 << 0)
    public static let send = EmployeeRights(rawValue: 1 << 1)
    public static let signForPartner = EmployeeRights(rawValue: 1 << 2)
    public static let viewAllPartnerDocuments = EmployeeRights(rawValue: 1 << 3)
    public static let manageEmployees = EmployeeRights(rawValue: 1 << 4)

    public static let all: EmployeeRights = [.upload, .send, .signForPartner, .viewAllPartnerDocuments, .manageEmployees]
}

/// A user acting for a partner within granted rights.
public struct Employee: Sendable, Hashable, Codable {
    public let partnerID: String
    public let userID: String
    public var rights: EmployeeRights
    public var active: Bool

    public init(partnerID: String, userID: String, rights: EmployeeRights, active: Bool = true) {
        self.partnerID = partnerID
        self.userID = userID
        self.rights = rights
        self.active = active
    }
}
