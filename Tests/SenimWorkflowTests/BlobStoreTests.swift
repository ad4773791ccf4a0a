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
        let stored = try blobs.store(bytes)
        #expect(stored.sha256 == "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650")
        #expect(stored.gost34311 == Hex.encode(DigestAlgorithm.gost34311.hash(bytes)))
        #expect(stored.path.hasSuffix("/f7/f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650") && stored.size == 14)
        #expect(try blobs.contents(of: stored.path) == bytes)
        #expect(try blobs.store(bytes).path == stored.path) // the same bytes are one file

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
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: blobs.directory).filter { $0.hasPrefix(".incoming-") }
        #expect(leftovers.isEmpty)
        #expect(throws: StoreError.self) { try blobs.contents(of: blobs.directory + "/00/missing") }
    }
}
