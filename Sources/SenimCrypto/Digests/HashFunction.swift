#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A streaming hash: feed bytes with `update`, read the digest once with `finalize`.
///
/// Implementations are value types whose copies are independent, so a caller can hash a common
/// prefix once and branch (`var b = a; b.update(...)`).
public protocol HashFunction: Sendable {
    mutating func update(bufferPointer: UnsafeRawBufferPointer)
    /// Returns the digest in the function's natural byte order (the bytes `openssl dgst` prints,
    /// and the bytes stored in CMS `messageDigest` and XML `DigestValue`).
    mutating func finalize() -> [UInt8]
}

extension HashFunction {
    public mutating func update<Bytes: DataProtocol>(data: Bytes) {
        for region in data.regions {
            region.withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    public mutating func update(bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(bufferPointer: $0) }
    }
}

/// Reads a file descriptor in fixed chunks, so hashing a 1 GB file uses constant memory.
enum StreamingReader {
    static let chunkSize = 1 << 20

    static func forEachChunk(
        fileDescriptor: Int32, path: String, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(SenimCryptoError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fileDescriptor, buffer.baseAddress, chunkSize)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
            }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
