import Foundation
import SenimCrypto

/// A partner's API key: how a partner's own backend (a CRM, an ERP) acts without a person logging in by SMS.
/// It is scoped to one partner with chosen employee rights, like an employee, and acts under its own id, so
/// every audit event it causes names the key, not a person. Only the SHA-256 of the secret is stored: the
/// secret is shown once, when the key is made, and a copy of the database opens nothing.
public struct APIKey: Sendable, Hashable, Codable, Identifiable {
    /// `k_…`: public, shown in lists and in the audit chain.
    public let id: String
    public let partnerID: String
    /// What the partner calls it ("CRM production").
    public let name: String
    public let rights: EmployeeRights
    /// The manager who made it.
    public let createdBy: String
    public let createdAt: Date
    /// When a request last authenticated with it (to the minute: see ``APIKey/lastUseResolution``).
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: String, partnerID: String, name: String, rights: EmployeeRights, createdBy: String, createdAt: Date,
        lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.partnerID = partnerID
        self.name = name
        self.rights = rights
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Every secret starts so: a secret scanner (and a person reading a log) recognises it, and the server
    /// tells a key from a session token without a lookup.
    public static let secretPrefix = "sk_live_"

    /// The rights a key may hold. A key never signs (a signature is a person's act, user agreement §7) and
    /// never manages employees or keys (a leaked key must not mint more).
    public static let grantableRights: EmployeeRights = [.upload, .send, .viewAllPartnerDocuments]

    /// Last-use times are written at most once a minute per key, so a busy integration does not write on
    /// every request.
    public static let lastUseResolution: TimeInterval = 60

    public var isRevoked: Bool { revokedAt != nil }

    /// A fresh secret (`sk_live_` and 256 random bits, ``RandomToken/secret``) and the digest the store keeps.
    static func newSecret() throws -> (secret: String, digest: String) {
        let secret = secretPrefix + (try RandomToken.secret.make())
        return (secret, digest(of: secret))
    }

    static func digest(of secret: String) -> String { Hex.encode(DigestAlgorithm.sha256.hash(Array(secret.utf8))) }
}

/// A new key with its secret: the one time the secret is seen.
public struct APIKeyGrant: Sendable, Hashable {
    public let key: APIKey
    public let secret: String
}
