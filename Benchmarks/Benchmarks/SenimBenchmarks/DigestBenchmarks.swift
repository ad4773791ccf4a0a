import Benchmark
import Foundation
import SenimCrypto

/// Digest speed on 64 MiB (issue 25), each Senimkey measurement next to its baseline in the same run: the gost
/// engine's md_gost12_512 / md_gost12_256 / md_gost94 (GOST R 34.11-94, CryptoPro S-box) and OpenSSL's SHA-256;
/// then one DigestSet pass over SHA-256 + GOST 34.311 + Streebog-512 in parallel against the same set on one
/// thread (the sequential pass is the baseline: the parallel one should cost about its slowest digest).
/// `SENIMKEY_BENCH_GROUPS=digest`.
func registerDigestBenchmarks() {
    let data = (0..<(64 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .throughput], timeUnits: .milliseconds,
                                                maxDuration: .seconds(6), maxIterations: 20)

    for (name, algorithm, engine) in [("Streebog-512", DigestAlgorithm.streebog512, "md_gost12_512"),
                                      ("Streebog-256", .streebog256, "md_gost12_256"),
                                      ("GOST R 34.11-94 (CryptoPro S-box)", .gostR341194CryptoPro, "md_gost94")] {
        Benchmark("\(name) 64 MiB: Senimkey", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(algorithm.hash(data)) }
        }
        Benchmark("\(name) 64 MiB: baseline gost engine \(engine)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(Baseline.gostDigest(engine, data)) }
        }
    }
    Benchmark("GOST 34.311-95 (test S-box) 64 MiB: Senimkey", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(DigestAlgorithm.gost34311.hash(data)) }
    }

    let set: [DigestAlgorithm] = [.sha256, .gost34311, .streebog512]
    Benchmark("DigestSet SHA-256 + GOST 34.311 + Streebog-512 64 MiB: Senimkey parallel", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(DigestSet.digests(of: data, algorithms: set, threading: .parallel)) }
    }
    Benchmark("DigestSet SHA-256 + GOST 34.311 + Streebog-512 64 MiB: baseline one thread", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(DigestSet.digests(of: data, algorithms: set, threading: .sequential)) }
    }
}
