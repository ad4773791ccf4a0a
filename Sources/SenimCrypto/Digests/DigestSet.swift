import Foundation

/// Several digests of the same bytes in one pass: a CMS with a GOST and an RSA signer, or a signature plus a
/// content timestamp with another imprint algorithm, needs the content hashed more than once, and a 100 MB
/// detached document should be read only once.
///
/// With two or more digests and more than one core, large inputs are hashed by one thread per digest
/// (``DigestPipeline``): each chunk is read once, every digest consumes it on its own thread, and the pass
/// costs about as much as its slowest digest instead of the sum. Large updates are hashed where they lie (no
/// copy; the call returns when every digest has consumed them); small ones, such as an upload's network
/// chunks, are gathered into reused 1 MiB buffers and hashed while the caller goes on. Inputs smaller than
/// ``parallelThreshold`` in all stay on the caller's thread, where starting threads would cost more than it
/// saves. The values are the same either way.
public struct DigestSet: Sendable {
    /// Whether the digests run on their own threads.
    public enum Threading: Sendable, Hashable {
        /// Threads once the input reaches ``DigestSet/parallelThreshold`` bytes, when there are several
        /// digests (or a file to read while hashing) and more than one core.
        case automatic
        /// Always on the caller's thread.
        case sequential
        /// Always on worker threads, whatever the size (tests use it to cover every split).
        case parallel
    }

    /// Below this many bytes, hashing in parallel does not pay for starting threads; updates at least this
    /// large are hashed in place rather than copied.
    public static let parallelThreshold = 256 << 10

    private var storage: Storage
    public private(set) var byteCount = 0

    public init<Algorithms: Sequence>(algorithms: Algorithms, threading: Threading = .automatic)
    where Algorithms.Element == DigestAlgorithm {
        var seen = Set<DigestAlgorithm>()
        let hashers = algorithms.filter { seen.insert($0).inserted }.map { $0.makeHasher() }
        storage = Storage(hashers: hashers, threading: threading)
    }

    /// The algorithms, in the order given (duplicates dropped).
    public var algorithms: [DigestAlgorithm] { storage.algorithms }

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        guard bufferPointer.count > 0 else { return }
        byteCount += bufferPointer.count
        uniqueStorage().update(bufferPointer)
    }

    public mutating func update(bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(bufferPointer: $0) }
    }

    /// Reads a file to its end in 1 MiB chunks (constant memory), reading ahead while the digests run.
    public mutating func update(contentsOfFile path: String) throws(SenimCryptoError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadableFile(path: path, reason: "cannot open") }
        defer { close(descriptor) }
        try update(fileDescriptor: descriptor, path: path)
    }

    /// Reads an open descriptor (a file, a pipe, standard input) to its end; `path` names it in errors.
    public mutating func update(fileDescriptor: Int32, path: String) throws(SenimCryptoError) {
        byteCount += try uniqueStorage().update(fileDescriptor: fileDescriptor, path: path)
    }

    public mutating func finalize() -> [DigestAlgorithm: [UInt8]] {
        uniqueStorage().finalize()
    }

    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }
}

extension DigestSet {
    /// One-shot digests of in-memory bytes.
    public static func digests<Algorithms: Sequence>(
        of bytes: [UInt8], algorithms: Algorithms, threading: Threading = .automatic
    ) -> [DigestAlgorithm: [UInt8]] where Algorithms.Element == DigestAlgorithm {
        var set = DigestSet(algorithms: algorithms, threading: threading)
        set.update(bytes: bytes)
        return set.finalize()
    }
}

extension DigestSet {
    /// The hashers, on the caller's thread until an input is large enough, then in a pipeline (kept for the
    /// rest of the set's life, so a stream of large chunks starts its threads once).
    final class Storage: @unchecked Sendable {
        // @unchecked: a Storage is only mutated through a uniquely referenced DigestSet (copy on write).
        private var hashers: [DigestHasher]
        private var pipeline: DigestPipeline?
        private let threading: Threading
        private var total = 0
        let algorithms: [DigestAlgorithm]

        init(hashers: [DigestHasher], threading: Threading) {
            self.hashers = hashers
            self.threading = threading
            algorithms = hashers.map(\.algorithm)
        }

        deinit { pipeline?.shutdown() }

        func copy() -> Storage {
            let current = pipeline?.withIdleHashers { Array($0) } ?? hashers
            let copy = Storage(hashers: current, threading: threading)
            copy.total = total
            return copy
        }

        private static let cores = ProcessInfo.processInfo.activeProcessorCount

        /// The pipeline to use for an input of `size` bytes (nil: hash on this thread).
        private func pipeline(forSize size: Int, reading: Bool) -> DigestPipeline? {
            if let pipeline { return pipeline }
            guard !hashers.isEmpty else { return nil }
            switch threading {
            case .sequential: return nil
            case .parallel: break
            case .automatic:
                // Reading a file while hashing it pays even for one digest; in-memory bytes need two.
                // The core count last: finding it reads the cgroup files, a cost an empty file should not pay.
                guard size >= max(0, DigestSet.parallelThreshold - total), hashers.count > 1 || reading, Storage.cores > 1 else {
                    return nil
                }
            }
            let started = DigestPipeline(hashers: hashers)
            hashers = []
            pipeline = started
            return started
        }

        func update(_ bytes: UnsafeRawBufferPointer) {
            defer { total += bytes.count }
            if let pipeline = pipeline(forSize: bytes.count, reading: false) {
                if bytes.count >= DigestSet.parallelThreshold { pipeline.hash(bytes) } else { pipeline.stage(bytes) }
            } else {
                for index in hashers.indices { hashers[index].update(bufferPointer: bytes) }
            }
        }

        func update(fileDescriptor: Int32, path: String) throws(SenimCryptoError) -> Int {
            var status = stat()
            let regular = fstat(fileDescriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
            // A pipe's size is unknown: assume it is worth reading ahead.
            let size = regular ? Int(status.st_size) : Int.max
            if regular { _ = posix_fadvise(fileDescriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL)) }
            if let pipeline = pipeline(forSize: size, reading: true) {
                let count = try pipeline.hash { (buffer) throws(SenimCryptoError) -> Int in
                    try StreamingReader.read(fileDescriptor, into: buffer, path: path)
                }
                total += count
                return count
            }
            var total = 0
            try StreamingReader.forEachChunk(fileDescriptor: fileDescriptor, path: path) { chunk in
                total += chunk.count
                for index in hashers.indices { hashers[index].update(bufferPointer: chunk) }
            }
            self.total += total
            return total
        }

        func finalize() -> [DigestAlgorithm: [UInt8]] {
            var result: [DigestAlgorithm: [UInt8]] = [:]
            if let pipeline {
                pipeline.withIdleHashers { hashers in
                    for index in hashers.indices { result[hashers[index].algorithm] = hashers[index].finalize() }
                }
            } else {
                for index in hashers.indices { result[hashers[index].algorithm] = hashers[index].finalize() }
            }
            return result
        }
    }
}
