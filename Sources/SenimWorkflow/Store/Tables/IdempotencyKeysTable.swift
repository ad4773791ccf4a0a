import Foundation

/// `idempotency_keys`: a client's retry key with the request it came with and the first answer, for 24 hours
/// (draft-ietf-httpapi-idempotency-key-header §2.3: the server says how long a key lives; after that the same
/// key is a new request).
enum IdempotencyKeysTable {
    /// How long a key answers for.
    static let lifetime: TimeInterval = 24 * 3600

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

    /// The answer stored under `key` within the last 24 hours before `time`.
    static func select(key: String?, at time: Date) -> SQLStatement {
        Columns.select(
            storedColumns, "WHERE key = ? AND created_at > ?", [SQLValue(key ?? ""), SQLValue(time.addingTimeInterval(-lifetime))])
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> Stored {
        let row = try ColumnRow(values, columns: storedColumns)
        return Stored(requestSHA256: row[.requestSHA256].text, resultJSON: row[.resultJSON].text ?? "")
    }

    /// Stores the first answer under `key`; a key older than its lifetime is a new one, so it is replaced.
    static func insert(key: String, requestSHA256: String, resultJSON: String, at time: Date) -> SQLStatement {
        Columns.insert(
            [.key: SQLValue(key), .requestSHA256: SQLValue(requestSHA256), .resultJSON: SQLValue(resultJSON), .createdAt: SQLValue(time)],
            Columns.onConflict([.key], update: [.requestSHA256, .resultJSON, .createdAt]))
    }
}
