import Foundation
import Logging
import PostgresNIO

/// Blobs in PostgreSQL, so that every server on one database serves every document (no node-local files).
///
/// Content-addressed like the filesystem store: `blobs` has one row per SHA-256 (its digests, size and the upload
/// whose chunks hold it) and `blob_chunks` the bytes in `bytea` rows of ``BlobStore/chunkSize``. An upload writes
/// its chunks under its own upload id as they arrive (each insert on its own, so a slow client pins no
/// connection and no transaction) while hashing them; at the end one transaction claims the digest
/// (`INSERT … ON CONFLICT DO NOTHING`). The first writer of some content wins; every later or concurrent writer
/// of the same bytes finds the row taken and deletes its own chunks, so the content is stored once. Chunks of an
/// upload that never finished (a killed server) belong to no blob and are removed by
/// ``purgeAbandonedUploads(olderThan:)``.
public struct PostgreSQLBlobBackend: BlobBackend {
    /// Paths of blobs in the database: this prefix and the SHA-256 in hex.
    public static let pathPrefix = "postgresql-blob:"

    let store: PostgreSQLStore
    private let logger = Logger(label: "senimkey.blobs.postgresql")

    public init(store: PostgreSQLStore) { self.store = store }

    public func store<Chunks: AsyncSequence>(_ chunks: Chunks, limit: Int64) async throws -> BlobStore.Stored
    where Chunks.Element == [UInt8] {
        let upload = UUID().uuidString.lowercased()
        var digests = BlobDigests()
        var pending: [UInt8] = []
        pending.reserveCapacity(BlobStore.chunkSize)
        var index: Int64 = 0
        do {
            for try await chunk in chunks {
                guard digests.size + Int64(chunk.count) <= limit else { throw StoreError.blobTooLarge(limit: limit) }
                digests.update(chunk)
                var rest = chunk[...]
                while !rest.isEmpty {
                    let take = min(BlobStore.chunkSize - pending.count, rest.count)
                    pending += rest.prefix(take)
                    rest = rest.dropFirst(take)
                    if pending.count == BlobStore.chunkSize {
                        try await insertChunk(upload: upload, index: index, bytes: pending)
                        index += 1
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !pending.isEmpty {
                try await insertChunk(upload: upload, index: index, bytes: pending)
                index += 1
            }
            let (sha256, gost) = digests.finalize()
            try await claim(upload: upload, sha256: sha256, gost34311: gost, size: digests.size, chunkCount: index)
            return .init(path: Self.pathPrefix + sha256, sha256: sha256, gost34311: gost, size: digests.size)
        } catch {
            try? await deleteChunks(upload: upload)
            throw error
        }
    }

    public func read(_ path: String, chunk body: ([UInt8]) async throws -> Void) async throws {
        guard path.hasPrefix(Self.pathPrefix) else { throw StoreError.blob("\(path) is not a blob of this database") }
        let sha256 = String(path.dropFirst(Self.pathPrefix.count))
        let located = try await store.withPostgresConnection { connection in
            var found: (upload: String, count: Int64)?
            let rows = try await connection.query(
                "SELECT upload_id, chunk_count FROM blobs WHERE sha256 = \(sha256)", logger: logger)
            for try await (upload, count) in rows.decode((String, Int64).self) { found = (upload, count) }
            return found
        }
        guard let located else { throw StoreError.blob("\(path) is missing") }
        // One chunk per query, the connection back in the pool between them: a slow download pins nothing.
        for index in 0..<located.count {
            let bytes = try await store.withPostgresConnection { connection in
                var bytes: [UInt8]?
                let rows = try await connection.query(
                    "SELECT data FROM blob_chunks WHERE upload_id = \(located.upload) AND chunk_index = \(index)", logger: logger)
                for try await buffer in rows.decode(ByteBuffer.self) { bytes = Array(buffer.readableBytesView) }
                return bytes
            }
            guard let bytes else { throw StoreError.blob("\(path) lacks its chunk \(index)") }
            try await body(bytes)
        }
    }

    /// Removes the chunks of uploads that never became a blob and started before `time` (a server killed mid-upload).
    /// - Returns: how many chunks were removed.
    @discardableResult
    public func purgeAbandonedUploads(olderThan time: Date) async throws -> Int {
        let cutoff = Int64(time.timeIntervalSince1970)
        return try await store.withPostgresConnection { connection in
            var count = 0
            let rows = try await connection.query(
                """
                DELETE FROM blob_chunks c WHERE c.written_at < \(cutoff)
                AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.upload_id = c.upload_id) RETURNING 1
                """, logger: logger)
            for try await _ in rows { count += 1 }
            return count
        }
    }

    private func insertChunk(upload: String, index: Int64, bytes: [UInt8]) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        try await store.withPostgresConnection { connection in
            _ = try await connection.query(
                """
                INSERT INTO blob_chunks (upload_id, chunk_index, data, written_at)
                VALUES (\(upload), \(index), \(ByteBuffer(bytes: bytes)), \(now))
                """, logger: logger)
        }
    }

    /// Makes the upload the blob of its digest, or (the content is stored already, or being stored by a concurrent
    /// writer that commits first) drops it: the unique key on `sha256` makes a concurrent claim wait for the first.
    private func claim(upload: String, sha256: String, gost34311: String, size: Int64, chunkCount: Int64) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        try await store.withPostgresConnection { connection in
            _ = try await connection.query("BEGIN", logger: logger)
            do {
                var claimed = false
                let rows = try await connection.query(
                    """
                    INSERT INTO blobs (sha256, gost34311, size, upload_id, chunk_count, created_at)
                    VALUES (\(sha256), \(gost34311), \(size), \(upload), \(chunkCount), \(now))
                    ON CONFLICT (sha256) DO NOTHING RETURNING 1
                    """, logger: logger)
                for try await _ in rows { claimed = true }
                if !claimed { _ = try await connection.query("DELETE FROM blob_chunks WHERE upload_id = \(upload)", logger: logger) }
                _ = try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    private func deleteChunks(upload: String) async throws {
        try await store.withPostgresConnection { connection in
            _ = try await connection.query("DELETE FROM blob_chunks WHERE upload_id = \(upload)", logger: logger)
        }
    }
}
