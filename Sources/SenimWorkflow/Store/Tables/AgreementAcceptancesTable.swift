import Foundation
import SenimEvidence

/// `agreement_acceptances`: which edition of the user agreement each user accepted, when, from where.
enum AgreementAcceptancesTable {
    enum Columns: String, TableColumns {
        static let table = "agreement_acceptances"
        case userID = "user_id"
        case edition
        case textSHA256 = "text_sha256"
        case acceptedAt = "accepted_at"
        case ip
        case userAgent = "user_agent"
    }

    /// A user's acceptance of the edition in force, with address and device.
    static func insert(_ agreement: AgreementEdition, by userID: String, client: ClientContext, at time: Date) -> SQLStatement {
        Columns.insert([
            .userID: SQLValue(userID), .edition: SQLValue(agreement.edition), .textSHA256: SQLValue(agreement.textSHA256),
            .acceptedAt: SQLValue(time), .ip: SQLValue(client.ipAddress), .userAgent: SQLValue(client.userAgent),
        ])
    }

    /// Whether the user with `phone` accepted `edition` (a row, or none).
    static func select(phone: String, edition: String) -> SQLStatement {
        SQLStatement(
            "SELECT a.edition FROM agreement_acceptances a JOIN users u ON u.id = a.user_id WHERE u.phone = ? AND a.edition = ?",
            [SQLValue(phone), SQLValue(edition)])
    }

    /// Whether the owner of signer `signerID`'s phone accepted `edition`.
    static func select(ownerOfSigner signerID: String, edition: String) -> SQLStatement {
        SQLStatement(
            """
            SELECT a.edition FROM agreement_acceptances a JOIN users u ON u.id = a.user_id
            WHERE u.phone = \(SignersTable.phoneOfSigner) AND a.edition = ?
            """, [SQLValue(signerID), SQLValue(edition)])
    }
}
