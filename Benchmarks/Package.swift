// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so `swift test` in the root never builds them.
// Run: swift package --allow-writing-to-package-directory benchmark   (release build)
let package = Package(
    name: "SenimkeyBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "senimkey", path: ".."),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // The baselines call OpenSSL directly; the root's COpenSSL target is not a product, so this package
        // declares its own module map over the same system library.
        .systemLibrary(name: "CBaselineOpenSSL", path: "Sources/CBaselineOpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev", "libengine-gost-openssl"])]),
        .executableTarget(
            name: "SenimBenchmarks",
            dependencies: [
                .product(name: "SenimCrypto", package: "senimkey"),
                .product(name: "SenimPKI", package: "senimkey"),
                .product(name: "SenimCMS", package: "senimkey"),
                .product(name: "SenimXMLDSig", package: "senimkey"),
                .product(name: "SenimEvidence", package: "senimkey"),
                .product(name: "SenimWorkflow", package: "senimkey"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Benchmark", package: "benchmark"),
                "CBaselineOpenSSL",
            ],
            path: "Benchmarks/SenimBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The platform under load from wrk (64 connections), beside a bare Hummingbird "hello" route in the same
        // run: `swift run -c release ServerLoad` (needs `wrk`; PostgreSQL too with SENIMKEY_BENCH_POSTGRES_URL).
        .executableTarget(
            name: "ServerLoad",
            dependencies: [
                .product(name: "SenimServer", package: "senimkey"),
                .product(name: "SenimWorkflow", package: "senimkey"),
                .product(name: "SenimEvidence", package: "senimkey"),
                .product(name: "SenimPKI", package: "senimkey"),
                .product(name: "SenimCrypto", package: "senimkey"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/ServerLoad"
        ),
    ],
    swiftLanguageModes: [.v6]
)
