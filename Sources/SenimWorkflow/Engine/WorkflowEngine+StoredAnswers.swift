import Foundation

/// An HTTP answer kept for a retried request (``WorkflowEngine/storedAnswer(forKey:at:)``).
public struct StoredAnswer: Sendable, Hashable, Codable {
    public let status: Int
    public let contentType: String?
    public let body: [UInt8]

    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

extension WorkflowEngine {
    /// The answer stored under an idempotency key in the last 24 hours, with the SHA-256 of the request that
    /// made it (the server layer's keys: a workflow command keeps its answer in its own transaction).
    public func storedAnswer(forKey key: String, at time: Date = Date()) async throws -> (requestSHA256: String, answer: StoredAnswer)? {
        guard let row = try await store.query(IdempotencyKeysTable.select(key: key, at: time)).first else { return nil }
        let stored = try IdempotencyKeysTable.decode(row)
        let answer = try JSONDecoder().decode(StoredAnswer.self, from: Data(stored.resultJSON.utf8))
        return (stored.requestSHA256 ?? "", answer)
    }

    /// Keeps `answer` under `key` for 24 hours.
    public func store(_ answer: StoredAnswer, forKey key: String, requestSHA256: String, at time: Date = Date()) async throws {
        let json = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
        try await store.write([IdempotencyKeysTable.insert(key: key, requestSHA256: requestSHA256, resultJSON: json, at: time)])
    }
}
