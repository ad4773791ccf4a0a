/// Where a ``BlobStore`` keeps its bytes: the filesystem (``FileBlobBackend``, the SQLite default) or the
/// database itself (``PostgreSQLBlobBackend``, so that several servers on one PostgreSQL share every document).
///
/// Both stream: bytes go in chunk by chunk while they are hashed, and come out chunk by chunk, so no backend
/// ever holds a whole document in memory.
public protocol BlobBackend: Sendable {
    /// Stores `chunks` (at most `limit` bytes; past it ``StoreError/blobTooLarge(limit:)``, keeping nothing),
    /// measuring the digests on the way in. The same content stored twice is one blob.
    func store<Chunks: AsyncSequence>(_ chunks: Chunks, limit: Int64) async throws -> BlobStore.Stored
    where Chunks.Element == [UInt8]

    /// Hands the blob at `path` (a path this backend returned) to `body`, one chunk at a time, in order.
    func read(_ path: String, chunk body: ([UInt8]) async throws -> Void) async throws
}
