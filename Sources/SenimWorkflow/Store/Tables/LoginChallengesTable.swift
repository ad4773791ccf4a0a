import Foundation
import SenimEvidence

/// `login_challenges`: the SMS codes a phone asked for to log in (the challenge as JSON, never the code).
enum LoginChallengesTable {
    enum Columns: String, TableColumns {
        static let table = "login_challenges"
        case id, phone, ip
        case challengeJSON = "challenge_json"
        case status
        case createdAt = "created_at"
    }

    static func insert(_ challenge: SESChallenge, phone: String, ip: String, at time: Date) throws -> SQLStatement {
        Columns.insert([
            .id: SQLValue(challenge.id), .phone: SQLValue(phone), .ip: SQLValue(ip),
            .challengeJSON: SQLValue(try StoredJSON.encode(challenge)), .status: SQLValue(challenge.status.rawValue),
            .createdAt: SQLValue(time),
        ])
    }

    /// The challenge's new attempts and status.
    static func update(_ challenge: SESChallenge) throws -> SQLStatement {
        Columns.update(
            [(.challengeJSON, SQLValue(try StoredJSON.encode(challenge))), (.status, SQLValue(challenge.status.rawValue))],
            where: "id = ?", [SQLValue(challenge.id)])
    }

    /// Challenge `id` if it was issued to `phone`; `forUpdate` locks it.
    static func select(id: String, phone: String, forUpdate: String) -> SQLStatement {
        Columns.select([.challengeJSON], "WHERE id = ? AND phone = ?" + forUpdate, [SQLValue(id), SQLValue(phone)])
    }

    /// A phone's challenges created after `since` (its ``CodeBudget``).
    static func select(phone: String, since: Date) -> SQLStatement {
        Columns.select([.challengeJSON], "WHERE phone = ? AND created_at > ?", [SQLValue(phone), SQLValue(since)])
    }

    static func decode(_ values: SQLRow) throws -> SESChallenge {
        let row = try ColumnRow(values, columns: [Columns.challengeJSON])
        guard let json = row[.challengeJSON].text else { throw StoreError.corruptRow("challenge") }
        return try StoredJSON.decode(SESChallenge.self, json)
    }

    /// How many codes address `ip` asked for after `since`.
    static func count(ip: String, since: Date) -> SQLStatement {
        SQLStatement("SELECT COUNT(*) AS codes FROM login_challenges WHERE ip = ? AND created_at > ?", [SQLValue(ip), SQLValue(since)])
    }

    static func decodeCount(_ rows: [SQLRow]) -> Int64 { rows.first?.first?.integer ?? 0 }
}
