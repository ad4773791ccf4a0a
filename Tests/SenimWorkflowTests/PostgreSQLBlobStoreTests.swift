import Foundation
import SenimCrypto
import SenimStoreTestSupport
import SenimTestSupport
import Testing

@testable import SenimWorkflow

/// Blobs in PostgreSQL (`PostgreSQLBlobBackend`), on the real server `.ci/run` starts: what the filesystem store
/// promises (content addressing, both digests measured on the way in, the size limit, nothing kept of a refused
/// upload) plus what several servers on one database need: the same content stored concurrently is one blob.
@Suite("PostgreSQL blob store", .enabled(if: StoreKind.postgresURL != nil))
struct PostgreSQLBlobStoreTests {
    static func make() async throws -> (blobs: BlobStore, store: PostgreSQLStore) {
        let (made, _, _) = try await StoreKind.postgresql.makeStore()
        let store = try #require(made as? PostgreSQLStore)
        try await WorkflowEngine(store: store).migrate()
        return (BlobStore(backend: PostgreSQLBlobBackend(store: store)), store)
    }

    static func count(_ table: String, _ store: PostgreSQLStore) async throws -> Int64? {
        try await store.query(SQLStatement("SELECT count(*) FROM \(table)")).first?.first?.integer
    }

    /// Deterministic bytes that are not a repetition of one chunk (so a chunk put in the wrong place shows).
    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) } }

    static func chunks(_ bytes: [UInt8], size: Int) -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            var offset = 0
            while offset < bytes.count {
                continuation.yield(Array(bytes[offset..<min(offset + size, bytes.count)]))
                offset += size
            }
            continuation.finish()
        }
    }

    @Test func roundTripWithBothDigests() async throws {
        let (blobs, store) = try await Self.make()
        let bytes = Array("message digest".utf8)
        let stored = try await blobs.store(bytes)
        #expect(stored.sha256 == "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650")
        #expect(stored.gost34311 == Hex.encode(DigestAlgorithm.gost34311.hash(bytes)))
        #expect(stored.path == "postgresql-blob:f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650" && stored.size == 14)
        #expect(try await blobs.contents(of: stored.path) == bytes)
        #expect(blobs.directory == nil)
        #expect(try await Self.count("blobs", store) == 1)
        #expect(try await Self.count("blob_chunks", store) == 1)
        // The empty document is a blob too: no chunk, and it reads back empty.
        let empty = try await blobs.store([])
        #expect(empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" && empty.size == 0)
        #expect(try await blobs.contents(of: empty.path) == [])
    }

    @Test func threeMebibytesInSmallChunksStreamInAndOut() async throws {
        let (blobs, store) = try await Self.make()
        let bytes = Self.pattern(3 << 20)
        let stored = try await blobs.store(Self.chunks(bytes, size: 1000), limit: 4 << 20)
        #expect(stored.size == 3 << 20)
        #expect(stored.sha256 == Hex.encode(DigestAlgorithm.sha256.hash(bytes)))
        #expect(stored.gost34311 == Hex.encode(DigestAlgorithm.gost34311.hash(bytes)))
        // 3 MiB in rows of 256 KiB: 12 rows, read back as 12 chunks of 256 KiB each, in order.
        #expect(BlobStore.chunkSize == 262_144)
        #expect(try await Self.count("blob_chunks", store) == 12)
        var sizes: [Int] = []
        var hasher = DigestSet(algorithms: [.sha256])
        try await blobs.read(stored.path) { chunk in
            sizes.append(chunk.count)
            hasher.update(bytes: chunk)
        }
        #expect(sizes == Array(repeating: 262_144, count: 12))
        #expect(Hex.encode(hasher.finalize()[.sha256] ?? []) == stored.sha256)
        // A reader that needs a file gets a private copy, removed afterwards.
        let copied = try await blobs.withFile(of: stored.path) { path in
            (path, FileManager.default.contents(atPath: path).map(Array.init) == bytes)
        }
        #expect(copied.1 && !FileManager.default.fileExists(atPath: copied.0))
    }

    @Test func overTheLimitKeepsNothing() async throws {
        let (blobs, store) = try await Self.make()
        let refusal = await #expect(throws: StoreError.self) {
            try await blobs.store(Self.chunks(Self.pattern(600_000), size: 100_000), limit: 500_000)
        }
        guard case .blobTooLarge(let limit)? = refusal else {
            Issue.record("expected blobTooLarge, got \(String(describing: refusal))")
            return
        }
        #expect(limit == 500_000)
        // One 256 KiB row was written before the limit tripped (at the sixth piece); it is gone.
        #expect(try await Self.count("blob_chunks", store) == 0)
        #expect(try await Self.count("blobs", store) == 0)
        // Exactly at the limit is accepted.
        let exact = try await blobs.store(Self.chunks(Self.pattern(500_000), size: 100_000), limit: 500_000)
        #expect(exact.size == 500_000)
        #expect(try await Self.count("blob_chunks", store) == 2)
    }

    @Test func sameContentIsOneBlob() async throws {
        let (blobs, store) = try await Self.make()
        let bytes = Self.pattern(300_000)
        let first = try await blobs.store(bytes)
        let second = try await blobs.store(Self.chunks(bytes, size: 7_000), limit: .max)
        #expect(first == second)
        #expect(try await Self.count("blobs", store) == 1)
        #expect(try await Self.count("blob_chunks", store) == 2)
        let other = try await blobs.store(Array(bytes.dropFirst()))
        #expect(other.path != first.path)
        #expect(try await Self.count("blobs", store) == 2)
    }

    @Test func concurrentWritersOfTheSameContentLeaveOneBlob() async throws {
        let (blobs, store) = try await Self.make()
        let bytes = Self.pattern(600 << 10)
        let paths = try await withThrowingTaskGroup(of: BlobStore.Stored.self) { group in
            for writer in 0..<8 { group.addTask { try await blobs.store(Self.chunks(bytes, size: 10_000 + writer * 1_000), limit: .max) } }
            var stored: [BlobStore.Stored] = []
            for try await one in group { stored.append(one) }
            return stored
        }
        #expect(paths.count == 8 && Set(paths).count == 1)
        #expect(try await Self.count("blobs", store) == 1)
        #expect(try await Self.count("blob_chunks", store) == 3) // 600 KiB: 256 + 256 + 88 KiB, the winner's only
        #expect(try await blobs.contents(of: paths[0].path) == bytes)
    }

    @Test func missingAndForeignPathsAreRefused() async throws {
        let (blobs, _) = try await Self.make()
        await #expect(throws: StoreError.self) {
            try await blobs.contents(of: PostgreSQLBlobBackend.pathPrefix + String(repeating: "0", count: 64))
        }
        await #expect(throws: StoreError.self) { try await blobs.contents(of: "/tmp/senimkey/blobs/00/missing") }
    }

    @Test func abandonedUploadsArePurgedAndBlobsKept() async throws {
        let (blobs, store) = try await Self.make()
        let kept = try await blobs.store(Self.pattern(1_000))
        // A server killed mid-upload leaves chunks that belong to no blob.
        _ = try await store.query(
            SQLStatement("INSERT INTO blob_chunks (upload_id, chunk_index, data, written_at) VALUES ('gone', 0, 'x', 100)"))
        _ = try await store.query(
            SQLStatement("INSERT INTO blob_chunks (upload_id, chunk_index, data, written_at) VALUES ('recent', 0, 'x', 4000000000)"))
        let backend = PostgreSQLBlobBackend(store: store)
        #expect(try await backend.purgeAbandonedUploads(olderThan: Date(timeIntervalSince1970: 1_000_000)) == 1)
        #expect(try await Self.count("blob_chunks", store) == 2) // the blob's chunk and the upload still under way
        #expect(try await blobs.contents(of: kept.path) == Self.pattern(1_000))
    }
}
