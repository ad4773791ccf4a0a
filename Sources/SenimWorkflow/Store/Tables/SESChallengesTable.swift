import Foundation
import SenimEvidence

/// `ses_challenges`: the SMS codes that sign or reject a document, with the sealed record once confirmed.
enum SESChallengesTable {
    enum Columns: String, TableColumns {
        static let table = "ses_challenges"
        case id
        case documentID = "document_id"
        case signerID = "signer_id"
        case challengeJSON = "challenge_json"
        case status
        case recordPath = "record_path"
        case sealPath = "seal_path"
        case createdAt = "created_at"
    }

    static func insert(_ challenge: SESChallenge, documentID: String, signerID: String, at time: Date) throws -> SQLStatement {
        Columns.insert([
            .id: SQLValue(challenge.id), .documentID: SQLValue(documentID), .signerID: SQLValue(signerID),
            .challengeJSON: SQLValue(try StoredJSON.encode(challenge)), .status: SQLValue(challenge.status.rawValue),
            .recordPath: .null, .sealPath: .null, .createdAt: SQLValue(time),
        ])
    }

    /// The challenge's new attempts and status.
    static func update(_ challenge: SESChallenge) throws -> SQLStatement {
        Columns.update(
            [(.challengeJSON, SQLValue(try StoredJSON.encode(challenge))), (.status, SQLValue(challenge.status.rawValue))],
            where: "id = ?", [SQLValue(challenge.id)])
    }

    /// Where the sealed record of a confirmed challenge and its seal are stored.
    static func attach(challengeID: String, recordPath: String, sealPath: String) -> SQLStatement {
        Columns.update([(.recordPath, SQLValue(recordPath)), (.sealPath, SQLValue(sealPath))], where: "id = ?", [SQLValue(challengeID)])
    }

    /// The document a challenge was issued for.
    static func selectDocumentID(challengeID: String) -> SQLStatement {
        Columns.select([.documentID], "WHERE id = ?", [SQLValue(challengeID)])
    }

    static func decodeDocumentID(_ values: SQLRow) throws(StoreError) -> String? {
        try ColumnRow(values, columns: [Columns.documentID])[.documentID].text
    }

    /// Challenge `id`; `forUpdate` locks it.
    static func select(id: String, forUpdate: String) -> SQLStatement {
        Columns.select([.challengeJSON], "WHERE id = ?" + forUpdate, [SQLValue(id)])
    }

    /// A signer's challenges created after `since` (its ``CodeBudget``).
    static func select(signerID: String, since: Date) -> SQLStatement {
        Columns.select([.challengeJSON], "WHERE signer_id = ? AND created_at > ?", [SQLValue(signerID), SQLValue(since)])
    }

    static func decode(_ values: SQLRow) throws -> SESChallenge {
        let row = try ColumnRow(values, columns: [Columns.challengeJSON])
        guard let json = row[.challengeJSON].text else { throw StoreError.corruptRow("challenge") }
        return try StoredJSON.decode(SESChallenge.self, json)
    }
}
