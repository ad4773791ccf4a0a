import Foundation
import SenimCrypto
import Testing

@testable import SenimWorkflow

@Suite("Blob store")
struct BlobStoreTests {
    static func make() throws -> BlobStore {
        try BlobStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-blobs-\(UUID().uuidString)").path)
    }

    @Test func contentAddressedWithBothDigestsAndNoLeftovers() async throws {
        let blobs = try Self.make()
        let bytes = Array("message digest".utf8)
        let stored = try await blobs.store(bytes)
        #expect(stored.sha256 == "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650")
        #expect(stored.gost34311 == Hex.encode(DigestAlgorithm.gost34311.hash(bytes)))
        #expect(stored.path.hasSuffix("/f7/f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650") && stored.size == 14)
        #expect(try await blobs.contents(of: stored.path) == bytes)
        #expect(try await blobs.store(bytes).path == stored.path) // the same bytes are one file

        // Streamed in chunks as an upload arrives; over the limit nothing is kept.
        let chunks = AsyncStream<[UInt8]> { continuation in
            for _ in 0..<4 { continuation.yield([UInt8](repeating: 0x41, count: 1000)) }
            continuation.finish()
        }
        let streamed = try await blobs.store(chunks, limit: 4000)
        #expect(streamed.size == 4000 && streamed.sha256 == Hex.encode(DigestAlgorithm.sha256.hash([UInt8](repeating: 0x41, count: 4000))))
        let tooLarge = AsyncStream<[UInt8]> { continuation in
            for _ in 0..<5 { continuation.yield([UInt8](repeating: 0x42, count: 1000)) }
            continuation.finish()
        }
        let refusal = await #expect(throws: StoreError.self) { try await blobs.store(tooLarge, limit: 4000) }
        guard case .blobTooLarge(let limit) = refusal else {
            Issue.record("\(String(describing: refusal))")
            return
        }
        #expect(limit == 4000)
        let directory = try #require(blobs.directory)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".incoming-") }
        #expect(leftovers.isEmpty)
        await #expect(throws: StoreError.self) { try await blobs.contents(of: directory + "/00/missing") }
    }

    /// Read back in pieces of 256 KiB (a download streams them), and a file blob is its own file for a reader
    /// that needs one.
    @Test func readsBackInChunks() async throws {
        let blobs = try Self.make()
        let bytes = (0..<(600 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let stored = try await blobs.store(bytes)
        var sizes: [Int] = []
        var joined: [UInt8] = []
        try await blobs.read(stored.path) { chunk in
            sizes.append(chunk.count)
            joined += chunk
        }
        #expect(sizes == [262_144, 262_144, 90_112] && joined == bytes)
        #expect(try await blobs.withFile(of: stored.path) { $0 } == stored.path)
    }
}
