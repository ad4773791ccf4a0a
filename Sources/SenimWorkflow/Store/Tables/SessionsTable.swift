import Foundation
import SenimEvidence

/// `sessions`: logged-in sessions by the SHA-256 of their token (a copy of the database opens none).
enum SessionsTable {
    enum Columns: String, TableColumns {
        static let table = "sessions"
        case tokenSHA256 = "token_sha256"
        case userID = "user_id"
        case scopeDocumentID = "scope_document_id"
        case scopeSignerID = "scope_signer_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
        case ip
        case userAgent = "user_agent"
    }

    static func insert(_ session: Session, digest: String, client: ClientContext) -> SQLStatement {
        Columns.insert([
            .tokenSHA256: SQLValue(digest), .userID: SQLValue(session.userID), .scopeDocumentID: SQLValue(session.scope?.documentID),
            .scopeSignerID: SQLValue(session.scope?.signerID), .createdAt: SQLValue(session.createdAt),
            .expiresAt: SQLValue(session.expiresAt), .revokedAt: .null, .ip: SQLValue(client.ipAddress),
            .userAgent: SQLValue(client.userAgent),
        ])
    }

    static func revoke(digest: String, at time: Date) -> SQLStatement {
        Columns.update([(.revokedAt, SQLValue(time))], where: "token_sha256 = ? AND revoked_at IS NULL", [SQLValue(digest)])
    }

    private static let read: [Columns] = [.userID, .createdAt, .expiresAt, .revokedAt, .scopeDocumentID, .scopeSignerID]

    static func select(digest: String) -> SQLStatement { Columns.select(read, "WHERE token_sha256 = ?", [SQLValue(digest)]) }

    /// The session, if it is live at `time` (not revoked, not expired).
    static func decodeLive(_ values: SQLRow, at time: Date) throws(StoreError) -> Session? {
        let row = try ColumnRow(values, columns: read)
        guard let userID = row[.userID].text, let created = row[.createdAt].date, let expires = row[.expiresAt].date,
            row[.revokedAt] == .null, expires > time
        else { return nil }
        let scope = row[.scopeDocumentID].text.flatMap { document in
            row[.scopeSignerID].text.map { Session.Scope(documentID: document, signerID: $0) }
        }
        return Session(userID: userID, createdAt: created, expiresAt: expires, scope: scope)
    }
}
