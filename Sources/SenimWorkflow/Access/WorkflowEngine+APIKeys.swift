import Foundation
import SenimEvidence

extension WorkflowEngine {
    /// A partner's manager makes an API key with `rights` (a subset of ``APIKey/grantableRights``). The key and
    /// its event in the administration chain commit together; the secret is in the answer and nowhere else.
    public func createAPIKey(
        name: String, rights: EmployeeRights, partnerID: String, by principal: WorkflowPrincipal, client: ClientContext,
        at time: Date = Date()
    ) async throws -> APIKeyGrant {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw WorkflowError.invalidInput(.apiKeyNameMissing) }
        guard APIKey.grantableRights.isSuperset(of: rights) else {
            throw WorkflowError.invalidInput(.apiKeyRightsNotGrantable(rights.subtracting(APIKey.grantableRights)))
        }
        try Self.refuseUnlessManager(principal, of: partnerID)
        let (secret, digest) = try APIKey.newSecret()
        let key = APIKey(
            id: try newIdentifier("k"), partnerID: partnerID, name: name, rights: rights, createdBy: principal.user.id, createdAt: time)
        let reads = PrincipalReads.reads(userID: principal.user.id) + NamedReads([.partner: PartnersTable.select(id: partnerID)])
        let made: APIKeyGrant? = try await administer(by: principal, client: client, at: time, reads: reads, description: nil) { rows in
            // The manager's rights as they are in this transaction.
            try Self.refuseUnlessManager(try Self.current(principal, rows), of: partnerID, partner: rows)
            return (
                [APIKeysTable.insert(key, digest: digest)], APIKeyGrant(key: key, secret: secret),
                (.apiKeyCreated(rights), "\(partnerID)/\(key.id)")
            )
        }
        guard let made else { throw WorkflowError.partnerNotFound(partnerID) }
        return made
    }

    /// A partner's keys, newest first, revoked ones included (for its managers).
    public func apiKeys(ofPartner partnerID: String, for principal: WorkflowPrincipal) async throws -> [APIKey] {
        try Self.refuseUnlessManager(principal, of: partnerID)
        return try await store.query(APIKeysTable.select(partnerID: partnerID)).map(APIKeysTable.decode)
    }

    /// Revokes a key of `partnerID` at once, on every node (each request and each command reads the key
    /// again); nil when the partner has no such key. Revoking a revoked key changes nothing and records nothing.
    public func revokeAPIKey(
        id: String, ofPartner partnerID: String, by principal: WorkflowPrincipal, client: ClientContext, at time: Date = Date()
    ) async throws -> APIKey? {
        try Self.refuseUnlessManager(principal, of: partnerID)
        let reads =
            PrincipalReads.reads(userID: principal.user.id)
            + NamedReads([
                .partner: PartnersTable.select(id: partnerID),
                .changedAPIKey: APIKeysTable.select(id: id, forUpdate: store.dialect.forUpdate),
            ])
        return try await administer(by: principal, client: client, at: time, reads: reads, description: nil) { rows in
            try Self.refuseUnlessManager(try Self.current(principal, rows), of: partnerID, partner: rows)
            guard let row = rows[.changedAPIKey].first else { return ([], nil, nil) }
            var key = try APIKeysTable.decode(row)
            guard key.partnerID == partnerID else { return ([], nil, nil) }
            guard !key.isRevoked else { return ([], key, nil) }
            key.revokedAt = time
            return ([APIKeysTable.revoke(id: id, at: time)], key, (.apiKeyRevoked, "\(partnerID)/\(key.id)"))
        }
    }

    /// The principal a key's secret stands for: nil for an unknown secret or a revoked key (the request is then
    /// unauthenticated, as with an unknown session token). Records the use, at most once a minute.
    public func authenticate(apiKey secret: String, at time: Date = Date()) async throws -> AuthenticatedSession? {
        guard secret.hasPrefix(APIKey.secretPrefix),
            let row = try await store.query(APIKeysTable.selectWithCreatorPhone(digest: APIKey.digest(of: secret))).first
        else { return nil }
        let (key, phone) = try APIKeysTable.decodeWithCreatorPhone(row)
        guard !key.isRevoked else { return nil }
        if (key.lastUsedAt.map { time.timeIntervalSince($0) >= APIKey.lastUseResolution }) ?? true {
            try await store.write([APIKeysTable.recordUse(id: key.id, at: time)])
        }
        // A key has no expiry of its own: it lives until revoked.
        let session = Session(userID: key.id, createdAt: key.createdAt, expiresAt: .distantFuture, scope: nil)
        return AuthenticatedSession(session: session, principal: .apiKey(key, creatorPhone: phone))
    }

    /// Making, listing and revoking keys (and webhook endpoints) is managing the partner's integration: its
    /// managers' right, never a key's.
    static func refuseUnlessManager(
        _ principal: WorkflowPrincipal, of partnerID: String, partner rows: ReadRows? = nil
    ) throws {
        let partner = try rows?[.partner].first.map(PartnersTable.decode)
        if rows != nil, partner == nil { throw WorkflowError.partnerNotFound(partnerID) }
        if case .denied(let why) = Permissions.decide(principal, .manageEmployees, partnerID: partnerID, partner: partner) {
            throw WorkflowError.permissionDenied(why)
        }
    }
}
