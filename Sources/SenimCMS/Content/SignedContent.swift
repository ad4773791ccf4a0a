import Foundation
import SenimCrypto

/// The content a detached signature covers, in whatever form the caller has it. Large content is never held
/// in memory: a file or a stream is hashed in one pass with every digest algorithm the signers need.
public enum SignedContent: Sendable {
    case bytes([UInt8])
    case file(path: String)
    case stream(AsyncThrowingStream<[UInt8], any Error>)
    /// Only digests (the platform stores documents by digest; NCALayer `digested: true` signs a hash). The
    /// verifier then never sees the bytes, and the report says so (scope DIGEST).
    case digests([DigestAlgorithm: [UInt8]])
    /// Digests the caller computed itself over all of the content (`length` bytes), for example while
    /// reading it once out of an archive for several checks. The bytes were seen, so the scope is FULL; the
    /// caller must include every algorithm the signers use, or their digests do not match.
    case hashed(digests: [DigestAlgorithm: [UInt8]], length: Int)

    /// The digests of the content for each algorithm, and its length when the bytes were seen.
    func digests(for algorithms: Set<DigestAlgorithm>) async throws(CMSError) -> (digests: [DigestAlgorithm: [UInt8]], length: Int?) {
        var set = DigestSet(algorithms: algorithms.sorted { $0.rawValue < $1.rawValue })
        switch self {
        case .bytes(let bytes):
            set.update(bytes: bytes)
        case .file(let path):
            do { try set.update(contentsOfFile: path) } catch { throw .contentUnavailable(error.description) }
        case .stream(let stream):
            do {
                for try await chunk in stream { set.update(bytes: chunk) }
            } catch {
                throw .contentUnavailable("content stream failed: \(DecodingErrorText.sentence(error))")
            }
        case .digests(let given):
            return (given, nil)
        case .hashed(let given, let length):
            return (given, length)
        }
        let length = set.byteCount
        return (set.finalize(), length)
    }
}
