import Foundation
import SenimCrypto

/// Blobs as files, content-addressed by SHA-256 (`ab/abcdef…`): a blob is written to a temporary file, synced,
/// then renamed into place, so a crash leaves either the whole blob or none, and the same bytes stored twice
/// are one file. The SQLite default: one server, one directory.
public struct FileBlobBackend: BlobBackend {
    public let directory: String

    public init(directory: String) throws(StoreError) {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .blob("cannot create \(directory): \(error)")
        }
        self.directory = directory
    }

    public func store<Chunks: AsyncSequence>(_ chunks: Chunks, limit: Int64) async throws -> BlobStore.Stored
    where Chunks.Element == [UInt8] {
        var writer = try BlobFileWriter(directory: directory)
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

    public func read(_ path: String, chunk body: ([UInt8]) async throws -> Void) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.blob("\(path) is missing") }
        defer { try? handle.close() }
        while true {
            let data: Data?
            do { data = try handle.read(upToCount: BlobStore.chunkSize) } catch { throw StoreError.blob("cannot read \(path): \(error)") }
            guard let data, !data.isEmpty else { return }
            try await body(Array(data))
        }
    }
}

/// One blob being written: temporary file, digests, then fsync and rename.
private struct BlobFileWriter {
    let directory: String
    let temporaryPath: String
    let descriptor: Int32
    var digests = BlobDigests()
    var size: Int64 { digests.size }

    init(directory: String) throws(StoreError) {
        self.directory = directory
        temporaryPath = (directory as NSString).appendingPathComponent(".incoming-\(UUID().uuidString)")
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .blob("cannot create \(temporaryPath): \(String(cString: strerror(errno)))") }
    }

    mutating func write(_ chunk: [UInt8]) throws(StoreError) {
        digests.update(chunk)
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
        let (sha256, gost) = digests.finalize()
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

/// The digests a blob is measured by on the way in (SHA-256 addresses it; GOST 34.311-95 is the Kazakh identity
/// of a document), and its size.
struct BlobDigests {
    private var digests = DigestSet(algorithms: [DigestAlgorithm.sha256, .gost34311])
    private(set) var size: Int64 = 0

    mutating func update(_ chunk: [UInt8]) {
        digests.update(bytes: chunk)
        size += Int64(chunk.count)
    }

    /// Hex SHA-256 and GOST 34.311-95.
    mutating func finalize() -> (sha256: String, gost34311: String) {
        let final = digests.finalize()
        return (Hex.encode(final[.sha256] ?? []), Hex.encode(final[.gost34311] ?? []))
    }
}
