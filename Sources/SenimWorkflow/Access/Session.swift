import Foundation
import SenimCrypto

/// A logged-in session. The token is 256 random bits the client holds; the store keeps only its SHA-256, so
/// a copy of the database opens no session. A session opened from a signer's SMS link is scoped to that
/// document and signer.
public struct Session: Sendable, Hashable {
    public let userID: String
    public let createdAt: Date
    public let expiresAt: Date
    public let scope: Scope?

    public struct Scope: Sendable, Hashable {
        public let documentID: String
        public let signerID: String
    }

    /// Whether this session may act on `documentID` at all.
    public func covers(documentID: String) -> Bool { scope.map { $0.documentID == documentID } ?? true }

    /// A fresh token and the digest the store keeps.
    static func newToken() throws -> (token: String, digest: String) {
        let token = try RandomToken.secret.make()
        return (token, digest(of: token))
    }

    static func digest(of token: String) -> String { Hex.encode(DigestAlgorithm.sha256.hash(Array(token.utf8))) }
}

/// A session with the principal it stands for, as each request resolves it.
public struct AuthenticatedSession: Sendable, Hashable {
    public let session: Session
    public let principal: WorkflowPrincipal
}

/// The answer to a login or an opened link: the token to hand to the client once.
public struct SessionGrant: Sendable, Hashable {
    public let token: String
    public let session: Session
    public let principal: WorkflowPrincipal
}
