import Foundation
import SenimCrypto

/// Documents and received signatures on disk, content-addressed by SHA-256 (`ab/abcdef…`): a blob is written
/// to a temporary file, synced, then renamed into place, so a crash leaves either the whole blob or none, and
/// the same bytes stored twice are one file. The database keeps the path.
public struct BlobStore: Sendable {
    /// What storing measured on the way in: the digests a document's identity is.
    public struct Stored: Sendable, Hashable {
        public let path: String
        public let sha256: String
        public let gost34311: String
        public let size: Int64
    }

    public let directory: String

    public init(directory: String) throws(StoreError) {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .blob("cannot create \(directory): \(error)")
        }
        self.directory = directory
    }

    public func store(_ bytes: [UInt8]) throws(StoreError) -> Stored {
        try store { write in write(bytes) }
    }

    /// Streams `chunks` (an upload as it arrives) to disk, hashing on the way; at most `limit` bytes, past which
    /// it throws ``StoreError/blobTooLarge(limit:)`` and keeps nothing.
    public func store<Chunks: AsyncSequence>(_ chunks: Chunks, limit: Int64) async throws -> Stored where Chunks.Element == [UInt8] {
        var writer = try BlobWriter(directory: directory)
        do {
            for try await chunk in chunks {
                guard writer.size + Int64(chunk.count) <= limit else { throw StoreError.blobTooLarge(limit: limit) }
                try writer.write(chunk)
            }
            return try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// The stored bytes at `path` (a path this store returned).
    public func contents(of path: String) throws(StoreError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .blob("\(path) is missing") }
        return Array(data)
    }

    private func store(_ produce: ((([UInt8]) -> Void)) -> Void) throws(StoreError) -> Stored {
        var writer = try BlobWriter(directory: directory)
        var failure: StoreError?
        produce { chunk in
            guard failure == nil else { return }
            do throws(StoreError) { try writer.write(chunk) } catch { failure = error }
        }
        if let failure {
            writer.abandon()
            throw failure
        }
        return try writer.finish()
    }
}

/// One blob being written: temporary file, digests, then fsync and rename.
private struct BlobWriter {
    let directory: String
    let temporaryPath: String
    let descriptor: Int32
    var digests = DigestSet(algorithms: [DigestAlgorithm.sha256, .gost34311])
    var size: Int64 = 0

    init(directory: String) throws(StoreError) {
        self.directory = directory
        temporaryPath = (directory as NSString).appendingPathComponent(".incoming-\(UUID().uuidString)")
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .blob("cannot create \(temporaryPath): \(String(cString: strerror(errno)))") }
    }

    mutating func write(_ chunk: [UInt8]) throws(StoreError) {
        digests.update(bytes: chunk)
        size += Int64(chunk.count)
        var offset = 0
        while offset < chunk.count {
            let written = chunk.withUnsafeBytes { buffer in
                buffer.baseAddress.map { Foundation.write(descriptor, $0 + offset, chunk.count - offset) } ?? -1
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw .blob("write failed: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    mutating func finish() throws(StoreError) -> BlobStore.Stored {
        guard fsync(descriptor) == 0 else { throw .blob("fsync failed: \(String(cString: strerror(errno)))") }
        close(descriptor)
        let finalDigests = digests.finalize()
        let sha256 = Hex.encode(finalDigests[.sha256] ?? [])
        let gost = Hex.encode(finalDigests[.gost34311] ?? [])
        let folder = (directory as NSString).appendingPathComponent(String(sha256.prefix(2)))
        let path = (folder as NSString).appendingPathComponent(sha256)
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch { throw .blob("\(error)") }
        guard rename(temporaryPath, path) == 0 else { throw .blob("rename failed: \(String(cString: strerror(errno)))") }
        // The rename is durable once the folder's entry is synced too.
        let folderDescriptor = open(folder, O_RDONLY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
        return .init(path: path, sha256: sha256, gost34311: gost, size: size)
    }

    func abandon() {
        close(descriptor)
        unlink(temporaryPath)
    }
}
