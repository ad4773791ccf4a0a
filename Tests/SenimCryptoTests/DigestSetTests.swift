import Foundation
import SenimTestSupport
import Testing

@testable import SenimCrypto

/// The parallel DigestSet (one thread per digest, chunks read once) gives the sequential values for every
/// way of cutting the input, and for files, copies and empty inputs.
@Suite("DigestSet, parallel and sequential")
struct DigestSetTests {
    static let algorithms: [DigestAlgorithm] = [.sha256, .gost34311, .streebog512, .streebog256, .gostR341194CryptoPro]

    static func sequential(_ message: [UInt8], _ algorithms: [DigestAlgorithm] = algorithms) -> [DigestAlgorithm: [UInt8]] {
        Dictionary(uniqueKeysWithValues: algorithms.map { ($0, $0.hash(message)) })
    }

    /// Every split point of a 300-byte message into two updates (and a three-way split around it).
    @Test func everyTwoWaySplitGivesTheOneShotDigests() {
        var generator = SeededGenerator(state: 7)
        let message = [UInt8].random(count: 300, using: &generator)
        let expected = Self.sequential(message)
        #expect(expected.count == 5)
        for split in 0...message.count {
            var set = DigestSet(algorithms: Self.algorithms, threading: .parallel)
            set.update(bytes: Array(message[..<split]))
            let third = (split + message.count) / 2
            set.update(bytes: Array(message[split..<third]))
            set.update(bytes: Array(message[third...]))
            #expect(set.byteCount == message.count)
            #expect(set.finalize() == expected, "split \(split)")
        }
    }

    /// Random multi-chunk splits of larger messages (up to 3 MiB, so the ring of four 1 MiB slots wraps),
    /// on both threadings.
    @Test(arguments: [DigestSet.Threading.parallel, .sequential, .automatic])
    func randomMultiChunkSplitsGiveTheOneShotDigests(threading: DigestSet.Threading) {
        var generator = SeededGenerator(state: 11)
        for length in [0, 1, 31, 65, 70_001, 300_000, (3 << 20) + 5] {
            let message = [UInt8].random(count: length, using: &generator)
            let expected = Self.sequential(message)
            var set = DigestSet(algorithms: Self.algorithms, threading: threading)
            var offset = 0
            while offset < message.count {
                let size = min(Int.random(in: 1...(600 << 10), using: &generator), message.count - offset)
                message[offset..<(offset + size)].withUnsafeBytes { set.update(bufferPointer: $0) }
                offset += size
            }
            #expect(set.finalize() == expected, "\(threading) length \(length)")
            #expect(DigestSet.digests(of: message, algorithms: Self.algorithms, threading: threading) == expected)
        }
    }

    /// An upload's pattern: many 16 KiB network chunks (staged into the pipeline's buffers, hashed while the
    /// caller goes on), with a copy of the caller's array changed after each update to show nothing aliases it.
    @Test func smallChunksAreStagedNotAliased() {
        var generator = SeededGenerator(state: 19)
        let message = [UInt8].random(count: (2 << 20) + 1000, using: &generator)
        var set = DigestSet(algorithms: Self.algorithms)
        var offset = 0
        while offset < message.count {
            var chunk = Array(message[offset..<min(offset + (16 << 10), message.count)])
            set.update(bytes: chunk)
            for index in chunk.indices { chunk[index] = 0 }
            offset += 16 << 10
        }
        #expect(set.finalize() == Self.sequential(message))
    }

    /// A file read ahead into the pipeline's buffers, in both threadings; and a wrong path is a typed error.
    @Test func fileIsReadOnceForEveryDigestAndAWrongPathIsTyped() throws {
        var generator = SeededGenerator(state: 13)
        let message = [UInt8].random(count: (5 << 20) + 333, using: &generator)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("senim-set-\(UInt64.random(in: 0...UInt64.max))")
        try Data(message).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let expected = Self.sequential(message)
        for threading in [DigestSet.Threading.parallel, .sequential, .automatic] {
            var set = DigestSet(algorithms: Self.algorithms, threading: threading)
            try set.update(contentsOfFile: url.path)
            #expect(set.byteCount == message.count)
            #expect(set.finalize() == expected, "\(threading)")
        }
        // One digest: the file is still read ahead on the caller's thread while a worker hashes.
        var single = DigestSet(algorithms: [.streebog256])
        try single.update(contentsOfFile: url.path)
        #expect(single.finalize() == [.streebog256: DigestAlgorithm.streebog256.hash(message)])
        var missing = DigestSet(algorithms: Self.algorithms, threading: .parallel)
        #expect(throws: SenimCryptoError.self) { try missing.update(contentsOfFile: "/nonexistent/senim-digest") }
    }

    /// A copy taken from a running parallel set continues independently (copy on write of the hashers).
    @Test func copyOfARunningSetContinuesIndependently() {
        var generator = SeededGenerator(state: 17)
        let prefix = [UInt8].random(count: 400_000, using: &generator)
        let tailA = [UInt8].random(count: 300_000, using: &generator)
        let tailB = [UInt8].random(count: 5, using: &generator)
        var a = DigestSet(algorithms: Self.algorithms, threading: .parallel)
        a.update(bytes: prefix)
        var b = a
        a.update(bytes: tailA)
        b.update(bytes: tailB)
        #expect(a.finalize() == Self.sequential(prefix + tailA))
        #expect(b.finalize() == Self.sequential(prefix + tailB))
        #expect(a.byteCount == 700_000 && b.byteCount == 400_005)
    }

    /// Duplicates are dropped, order kept; an empty set hashes nothing.
    @Test func duplicateAlgorithmsAreDroppedAndAnEmptySetHashesNothing() {
        let set = DigestSet(algorithms: [.gost34311, .sha256, .gost34311])
        #expect(set.algorithms == [.gost34311, .sha256])
        var empty = DigestSet(algorithms: [], threading: .parallel)
        empty.update(bytes: [1, 2, 3])
        #expect(empty.finalize().isEmpty)
        #expect(empty.byteCount == 3)
    }
}
