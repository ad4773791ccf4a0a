import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
///
/// Plain `read` into a page-aligned 1 MiB buffer: one system call per MiB, and no mapping that a file
/// truncated while it is read would turn into SIGBUS.
enum StreamingReader {
    static let chunkSize = 1 << 20

    /// Fills as much of `buffer` as one `read` gives (retrying EINTR); 0 at the end of the input.
    static func read(_ fileDescriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(SenimCryptoError) -> Int {
        while true {
            #if canImport(Glibc)
                let count = Glibc.read(fileDescriptor, buffer.baseAddress, buffer.count)
            #else
                let count = Darwin.read(fileDescriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
    }

    static func forEachChunk(
        fileDescriptor: Int32, path: String, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(SenimCryptoError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        defer { buffer.deallocate() }
        while true {
            let count = try read(fileDescriptor, into: buffer, path: path)
            if count == 0 { return }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
