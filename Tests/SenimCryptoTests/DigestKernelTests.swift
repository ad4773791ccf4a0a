import Foundation
import SenimTestSupport
import Testing

@testable import SenimCrypto

/// A fixed-seed generator (SplitMix64), so every failure reproduces.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension [UInt8] {
    static func random(count: Int, using generator: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// Feeds `message` to `hasher` in random chunk sizes (1…max), crossing block boundaries at random offsets.
func feedInRandomChunks<H: HashFunction>(_ hasher: inout H, _ message: [UInt8], max: Int, using generator: inout SeededGenerator) {
    var offset = 0
    while offset < message.count {
        let size = Swift.min(Int.random(in: 1...max, using: &generator), message.count - offset)
        message[offset..<(offset + size)].withUnsafeBytes { hasher.update(bufferPointer: $0) }
        offset += size
    }
}

@Suite("Streebog kernels and GOST 34.311 core")
struct DigestKernelTests {
    /// The static C tables are exactly what the standard's π, A and C give (computed here in Swift).
    @Test func staticTablesFollowFromTheStandard() {
        let tables = StreebogKernel.staticTables
        #expect(tables.lps == StreebogTables.lps)
        #expect(tables.constants == StreebogTables.constants)
        #expect(tables.lps.count == 2048)
        // gost-engine's Ax[0][0], an independent check of the first entry.
        #expect(tables.lps[0] == 0xd01f_715b_5c7e_f8e6)
    }

    /// The portable kernel runs everywhere; the selected one is the fastest the CPU supports (order as
    /// measured: AVX-512, AVX2, SSE2, portable).
    @Test func portableKernelRunsEverywhereAndTheFastestSupportedIsSelected() {
        #expect(StreebogKernel.portable.isSupported)
        let expected = [StreebogKernel.avx512, .avx2, .sse2].first(where: \.isSupported) ?? .portable
        #expect(StreebogKernel.selected == expected)
        let cpuFlags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        if cpuFlags.contains(" avx512f") { #expect(StreebogKernel.avx512.isSupported) }
        if cpuFlags.contains(" avx2") { #expect(StreebogKernel.avx2.isSupported) }
    }

    /// Every supported SIMD kernel against the portable one: random lengths 0…10,000, random chunkings, both
    /// output sizes; and the known answer of RFC 6986 §10 M1 on each kernel.
    @Test(arguments: [StreebogKernel.sse2, .avx2, .avx512])
    func simdKernelMatchesPortable(kernel: StreebogKernel) throws {
        guard kernel.isSupported else { return }
        var generator = SeededGenerator(state: 0x5eed_0000 + UInt64(StreebogKernel.allCases.firstIndex(of: kernel)!))
        var lengths = [0, 1, 63, 64, 65, 127, 128, 129, 10_000]
        for _ in 0..<60 { lengths.append(Int.random(in: 0...10_000, using: &generator)) }
        for length in lengths {
            let message = [UInt8].random(count: length, using: &generator)
            for size in [Streebog.OutputSize.bits256, .bits512] {
                var reference = Streebog(outputBits: size, kernel: .portable)
                reference.update(bytes: message)
                let expected = reference.finalize()
                var oneShot = Streebog(outputBits: size, kernel: kernel)
                oneShot.update(bytes: message)
                #expect(oneShot.finalize() == expected, "\(kernel) length \(length)")
                var chunked = Streebog(outputBits: size, kernel: kernel)
                feedInRandomChunks(&chunked, message, max: 200, using: &generator)
                #expect(chunked.finalize() == expected, "\(kernel) chunked length \(length)")
            }
        }
        // RFC 6986 §10.1 M1 (63 bytes), 512-bit, in natural byte order (the RFC prints it reversed).
        var m1 = Streebog(outputBits: .bits512, kernel: kernel)
        m1.update(bytes: Array("012345678901234567890123456789012345678901234567890123456789012".utf8))
        #expect(
            Hex.encode(m1.finalize()) == "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
                + "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48")
    }

    /// A kernel the CPU lacks is refused by the check and computes with the portable code instead.
    @Test func kernelTheCPULacksIsUnsupportedAndFallsBackToPortable() {
        #expect(senimKernelSupported(rawValue: 7) == false)
    }

    /// GOST 34.311 (test and CryptoPro S-boxes): random lengths and chunkings give the one-shot value, and
    /// the two S-boxes never agree (the box is a real parameter).
    @Test func gost94ChunkedDigestsEqualOneShotAndTheTwoSBoxesDiffer() {
        var generator = SeededGenerator(state: 94)
        for _ in 0..<40 {
            let message = [UInt8].random(count: Int.random(in: 0...10_000, using: &generator), using: &generator)
            var values: [[UInt8]] = []
            for sBox in [GOST28147SBox.testParamSet, .cryptoProParamSet] {
                var oneShot = GOSTR341194(sBox: sBox)
                oneShot.update(bytes: message)
                let expected = oneShot.finalize()
                var chunked = GOSTR341194(sBox: sBox)
                feedInRandomChunks(&chunked, message, max: 100, using: &generator)
                #expect(chunked.finalize() == expected, "length \(message.count)")
                values.append(expected)
            }
            #expect(values[0] != values[1])
        }
    }

    /// The gost engine as an oracle on random files: Streebog-512/256 and GOST R 34.11-94 (CryptoPro S-box,
    /// the engine's md_gost94), when `openssl` has the engine (libengine-gost-openssl).
    @Test func digestsAgreeWithTheGostEngineOnRandomFiles() async throws {
        let probe = try await ExternalTool.outcome("/usr/bin/openssl", ["dgst", "-engine", "gost", "-md_gost12_512", "/dev/null"])
        guard probe.status == 0 else {
            Issue.record("openssl has no gost engine (.ci/run installs libengine-gost-openssl): \(probe.output)")
            return
        }
        var generator = SeededGenerator(state: 2012)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senim-engine-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for length in [0, 31, 32, 64, 1000, 4095, Int.random(in: 5000...70_000, using: &generator)] {
            let message = [UInt8].random(count: length, using: &generator)
            let file = directory.appendingPathComponent("m\(length)").path
            try Data(message).write(to: URL(fileURLWithPath: file))
            for (flag, algorithm) in [
                ("-md_gost12_512", DigestAlgorithm.streebog512), ("-md_gost12_256", .streebog256),
                ("-md_gost94", .gostR341194CryptoPro),
            ] {
                let run = try await ExternalTool.outcome("/usr/bin/openssl", ["dgst", "-engine", "gost", flag, "-r", file])
                #expect(run.status == 0, "\(run.output)")
                // The `-r` line ("hex *file") is on standard output, the engine's "Engine set" notice on standard error.
                let line = run.standardOutput.split(separator: "\n").first { $0.contains(" *") }
                let engineHex = line.map { String($0.prefix { $0 != " " }) }
                #expect(engineHex == Hex.encode(algorithm.hash(message)), "\(algorithm) length \(length)")
            }
        }
    }
}
