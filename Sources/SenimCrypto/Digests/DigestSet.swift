import Foundation

/// Several digests of the same bytes in one pass: a CMS with a GOST and an RSA signer, or a signature plus a
/// content timestamp with another imprint algorithm, needs the content hashed more than once, and a 100 MB
/// detached document should be read only once.
public struct DigestSet: Sendable {
    private var hashers: [DigestHasher]
    public private(set) var byteCount = 0

    public init<Algorithms: Sequence>(algorithms: Algorithms) where Algorithms.Element == DigestAlgorithm {
        var seen = Set<DigestAlgorithm>()
        hashers = algorithms.filter { seen.insert($0).inserted }.map { $0.makeHasher() }
    }

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        byteCount += bufferPointer.count
        for index in hashers.indices { hashers[index].update(bufferPointer: bufferPointer) }
    }

    public mutating func update(bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(bufferPointer: $0) }
    }

    /// Reads a file to its end in 1 MiB chunks (constant memory).
    public mutating func update(contentsOfFile path: String) throws(SenimCryptoError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadableFile(path: path, reason: "cannot open") }
        defer { try? handle.close() }
        try StreamingReader.forEachChunk(fileDescriptor: handle.fileDescriptor, path: path) { update(bufferPointer: $0) }
    }

    public mutating func finalize() -> [DigestAlgorithm: [UInt8]] {
        var result: [DigestAlgorithm: [UInt8]] = [:]
        for index in hashers.indices { result[hashers[index].algorithm] = hashers[index].finalize() }
        return result
    }
}

extension DigestSet {
    /// One-shot digests of in-memory bytes.
    public static func digests<Algorithms: Sequence>(of bytes: [UInt8], algorithms: Algorithms) -> [DigestAlgorithm: [UInt8]] where Algorithms.Element == DigestAlgorithm {
        var set = DigestSet(algorithms: algorithms)
        set.update(bytes: bytes)
        return set.finalize()
    }
}
