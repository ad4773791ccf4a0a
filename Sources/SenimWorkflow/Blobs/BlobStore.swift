import Foundation

/// Documents and received signatures, content-addressed by SHA-256. The bytes live in a ``BlobBackend``: files
/// under a directory (the default beside SQLite) or chunked rows in PostgreSQL (several servers, one database).
/// Either way a blob is whole or absent, the same bytes stored twice are one blob, and the database keeps the
/// path this store returned.
public struct BlobStore: Sendable {
    /// What storing measured on the way in: the digests a document's identity is.
    public struct Stored: Sendable, Hashable {
        public let path: String
        public let sha256: String
        public let gost34311: String
        public let size: Int64

        public init(path: String, sha256: String, gost34311: String, size: Int64) {
            self.path = path
            self.sha256 = sha256
            self.gost34311 = gost34311
            self.size = size
        }
    }

    /// The size of the pieces blobs are read back in (and written to PostgreSQL in).
    public static let chunkSize = 256 << 10

    public let backend: any BlobBackend
    /// The folder of a filesystem store; nil when the blobs are in the database.
    public let directory: String?

    /// Blobs as files under `directory` (`ab/abcdef…`).
    public init(directory: String) throws(StoreError) {
        backend = try FileBlobBackend(directory: directory)
        self.directory = directory
    }

    /// Blobs in another backend (PostgreSQL: ``PostgreSQLBlobBackend``).
    public init(backend: any BlobBackend) {
        self.backend = backend
        directory = nil
    }

    public func store(_ bytes: [UInt8]) async throws -> Stored {
        try await backend.store(OneChunk(bytes: bytes), limit: .max)
    }

    /// Streams `chunks` (an upload as it arrives) in, hashing on the way; at most `limit` bytes, past which it
    /// throws ``StoreError/blobTooLarge(limit:)`` and keeps nothing.
    public func store<Chunks: AsyncSequence>(_ chunks: Chunks, limit: Int64) async throws -> Stored where Chunks.Element == [UInt8] {
        try await backend.store(chunks, limit: limit)
    }

    /// The stored bytes at `path`, chunk by chunk (a download streams them without holding the document).
    public func read(_ path: String, chunk body: ([UInt8]) async throws -> Void) async throws {
        try await backend.read(path, chunk: body)
    }

    /// The stored bytes at `path` as one array, for the callers that need all of them at once (a signature
    /// validation, an evidence package).
    public func contents(of path: String) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await backend.read(path) { bytes += $0 }
        return bytes
    }

    /// Runs `body` with a file holding the blob at `path`, for readers that take a file (a CMS over a detached
    /// document, the evidence package's ZIP writer). A filesystem blob is its own file; a database blob is
    /// streamed to a private temporary file (0600) that is removed when `body` returns.
    public func withFile<T>(of path: String, _ body: (String) async throws -> T) async throws -> T {
        if backend is FileBlobBackend { return try await body(path) }
        let temporary = (NSTemporaryDirectory() as NSString).appendingPathComponent("senimkey-blob-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw StoreError.blob("cannot create a temporary file for \(path)") }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            try await backend.read(path) { chunk in try handle.write(contentsOf: chunk) }
            try handle.close()
        } catch {
            try? handle.close()
            throw StoreError.blob("cannot copy \(path) to a temporary file: \(error)")
        }
        return try await body(temporary)
    }
}

/// One array as a sequence of one chunk.
struct OneChunk: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let bytes: [UInt8]

    struct AsyncIterator: AsyncIteratorProtocol {
        var bytes: [UInt8]?
        mutating func next() async -> [UInt8]? {
            defer { bytes = nil }
            return bytes
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes) }
}
