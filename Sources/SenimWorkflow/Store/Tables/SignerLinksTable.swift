import Foundation

/// `signer_links`: the links in signers' SMS, by the SHA-256 of their token.
enum SignerLinksTable {
    enum Columns: String, TableColumns {
        static let table = "signer_links"
        case tokenSHA256 = "token_sha256"
        case documentID = "document_id"
        case signerID = "signer_id"
        case createdAt = "created_at"
    }

    /// What a link was issued for.
    struct Target: Sendable, Hashable {
        let documentID: String
        let signerID: String
        let issuedAt: Date
    }

    static func insert(digest: String, documentID: String, signerID: String, at time: Date) -> SQLStatement {
        Columns.insert([
            .tokenSHA256: SQLValue(digest), .documentID: SQLValue(documentID), .signerID: SQLValue(signerID), .createdAt: SQLValue(time),
        ])
    }

    private static let read: [Columns] = [.documentID, .signerID, .createdAt]

    static func select(digest: String) -> SQLStatement { Columns.select(read, "WHERE token_sha256 = ?", [SQLValue(digest)]) }

    static func decode(_ values: SQLRow) throws(StoreError) -> Target? {
        let row = try ColumnRow(values, columns: read)
        guard let documentID = row[.documentID].text, let signerID = row[.signerID].text, let issued = row[.createdAt].date else {
            return nil
        }
        return Target(documentID: documentID, signerID: signerID, issuedAt: issued)
    }
}
