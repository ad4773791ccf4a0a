import Benchmark
import CBaselineOpenSSL
import Foundation
import SenimCrypto

// Each Senimkey benchmark has a baseline right after it, measured in the same run on the same data:
// OpenSSL EVP for SHA-256 and RSA, the gost engine (libengine-gost-openssl) for GOST R 34.11-94 with the
// CryptoPro S-box (the same algorithm as GOST 34.311-95 with another S-box), Streebog, and GOST R 34.10-2001
// verification on the CryptoPro-A curve (the KZ GOST 34.310-2004 curve).

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident],
        timeUnits: .microseconds,
        maxDuration: .seconds(4),
        maxIterations: 1_000_000
    )

    // SENIMKEY_BENCH_GROUPS=workflow,evidence registers only those groups (their set-up is what takes the time):
    // crypto, digest, pki, cms, xml, merkle, evidence, workflow.
    let groups = ProcessInfo.processInfo.environment["SENIMKEY_BENCH_GROUPS"].map { Set($0.split(separator: ",").map(String.init)) }
    func wants(_ group: String) -> Bool { groups?.contains(group) ?? true }
    if wants("digest") { registerDigestBenchmarks() }
    if wants("pki") { registerPKIBenchmarks() }
    if wants("cms") { registerCMSBenchmarks() }
    if wants("xml") { registerXMLBenchmarks() }
    if wants("merkle") { registerMerkleBenchmarks() }
    if wants("evidence") { registerEvidenceBenchmarks() }
    if wants("workflow") { registerWorkflowBenchmarks() }
    guard wants("crypto") else { return }

    let sixtyFourMiB = (0..<(64 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
    let eightMiB = Array(sixtyFourMiB.prefix(8 << 20))

    // MARK: SHA-256, 64 MiB

    Benchmark("SHA-256 64 MiB: Senimkey DigestAlgorithm.sha256") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(DigestAlgorithm.sha256.hash(sixtyFourMiB)) }
    }
    Benchmark("SHA-256 64 MiB: baseline OpenSSL EVP_Digest") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Baseline.evpDigest("SHA256", sixtyFourMiB)) }
    }

    // MARK: GOST R 34.11-94 / GOST 34.311-95, 8 MiB

    Benchmark("GOST 34.311-95 (test S-box) 8 MiB: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(DigestAlgorithm.gost34311.hash(eightMiB)) }
    }
    Benchmark("GOST R 34.11-94 (CryptoPro S-box) 8 MiB: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(DigestAlgorithm.gostR341194CryptoPro.hash(eightMiB)) }
    }
    Benchmark("GOST R 34.11-94 (CryptoPro S-box) 8 MiB: baseline gost engine md_gost94") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Baseline.gostDigest("md_gost94", eightMiB)) }
    }

    // MARK: Streebog-512, 8 MiB

    Benchmark("Streebog-512 8 MiB: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(DigestAlgorithm.streebog512.hash(eightMiB)) }
    }
    Benchmark("Streebog-512 8 MiB: baseline gost engine md_gost12_512") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Baseline.gostDigest("md_gost12_512", eightMiB)) }
    }

    // MARK: GOST verify on CryptoPro-A: the gost engine's own signature, verified by both

    let gost2001 = Baseline.GOST2001Signature.make()
    Benchmark("GOST 34.310-2004 / R 34.10-2001 verify (CryptoPro-A): Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try gost2001.senimkeyKey.isValidSignature(gost2001.signature, digest: gost2001.digest, algorithm: .gost(.gostR3410_2001)))
        }
    }
    Benchmark("GOST 34.310-2004 / R 34.10-2001 verify (CryptoPro-A): baseline gost engine") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(gost2001.engineVerify()) }
    }

    // KZ GOST-2015-512 with an NCA test key: no baseline exists for this curve and byte order.
    let gost2015 = try! KZKeyFixture.load("keys/individual_valid_2015.p12", password: "Aa123456", scheme: .gost34102015_512)
    Benchmark("GOST 34.10-2015 512 verify (tc26-512-A, KZ byte order): Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try gost2015.publicKey.isValidSignature(gost2015.signature, for: gost2015.message, algorithm: .gost(.gost34102015_512)))
        }
    }
    let gost2004 = try! KZKeyFixture.load("keys/ceo_sign_revoked_2004.p12", password: "Qwerty12", scheme: .gost34310_2004)
    Benchmark("GOST 34.310-2004 verify incl. GOST 34.311 hashing (NCA key): Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try gost2004.publicKey.isValidSignature(gost2004.signature, for: gost2004.message, algorithm: .gost(.gost34310_2004)))
        }
    }


    // MARK: RSA-2048 verify, same key and message

    let rsa = try! Baseline.RSAFixture.make()
    Benchmark("RSA-2048 PKCS#1 SHA-256 verify: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try rsa.senimkeyKey.isValidSignature(rsa.signature, for: rsa.message, algorithm: .rsaPKCS1v15(.sha256)))
        }
    }
    Benchmark("RSA-2048 PKCS#1 SHA-256 verify: baseline OpenSSL EVP_DigestVerify") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(rsa.evpVerify()) }
    }
}
