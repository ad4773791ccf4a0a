import Foundation

/// `idempotency_keys`: a client's retry key with the request it came with and the first answer.
enum IdempotencyKeysTable {
    enum Columns: String, TableColumns {
        static let table = "idempotency_keys"
        case key
        case requestSHA256 = "request_sha256"
        case resultJSON = "result_json"
        case createdAt = "created_at"
    }

    /// A stored answer: the digest of the request that made it and the answer as JSON.
    struct Stored: Sendable, Hashable {
        let requestSHA256: String?
        let resultJSON: String
    }

    private static let storedColumns: [Columns] = [.requestSHA256, .resultJSON]

    static func select(key: String?) -> SQLStatement { Columns.select(storedColumns, "WHERE key = ?", [SQLValue(key ?? "")]) }

    static func decode(_ values: SQLRow) throws(StoreError) -> Stored {
        let row = try ColumnRow(values, columns: storedColumns)
        return Stored(requestSHA256: row[.requestSHA256].text, resultJSON: row[.resultJSON].text ?? "")
    }

    static func insert(key: String, requestSHA256: String, resultJSON: String, at time: Date) -> SQLStatement {
        Columns.insert([
            .key: SQLValue(key), .requestSHA256: SQLValue(requestSHA256), .resultJSON: SQLValue(resultJSON), .createdAt: SQLValue(time),
        ])
    }
}
