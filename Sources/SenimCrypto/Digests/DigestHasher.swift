import Foundation

/// A streaming hasher for any ``DigestAlgorithm``, chosen at run time (from an OID, a URI or a CLI flag).
public struct DigestHasher: Sendable {
    public let algorithm: DigestAlgorithm
    private var function: any HashFunction

    init(algorithm: DigestAlgorithm, function: any HashFunction) {
        self.algorithm = algorithm
        self.function = function
    }

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        function.update(bufferPointer: bufferPointer)
    }

    public mutating func update<Bytes: DataProtocol>(data: Bytes) {
        function.update(data: data)
    }

    public mutating func update(bytes: [UInt8]) {
        function.update(bytes: bytes)
    }

    /// Reads `fileHandle` to its end in 1 MiB chunks.
    public mutating func update(fileHandle: FileHandle, path: String = "<file>") throws(SenimCryptoError) {
        try StreamingReader.forEachChunk(fileDescriptor: fileHandle.fileDescriptor, path: path) {
            function.update(bufferPointer: $0)
        }
    }

    public mutating func finalize() -> [UInt8] {
        function.finalize()
    }
}
