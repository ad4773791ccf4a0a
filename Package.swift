// swift-tools-version:6.1
import PackageDescription

// Layers (DESIGN.md): C system libraries → SenimCrypto → SenimPKI → SenimCMS | SenimXMLDSig → SenimPDF
// → SenimVerify → SenimEvidence → SenimWorkflow → SenimServer → the `senimkey` executable.
// Each module imports only the layers below it.
let package = Package(
    name: "senimkey",
    // macOS 15: `Mutex` (the Synchronization module) is there from macOS 15 on; Hummingbird 2 needs 14.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SenimCrypto", targets: ["SenimCrypto"]),
        .library(name: "SenimPKI", targets: ["SenimPKI"]),
        .library(name: "SenimCMS", targets: ["SenimCMS"]),
        .library(name: "SenimXMLDSig", targets: ["SenimXMLDSig"]),
        .library(name: "SenimPDF", targets: ["SenimPDF"]),
        .library(name: "SenimVerify", targets: ["SenimVerify"]),
        .library(name: "SenimEvidence", targets: ["SenimEvidence"]),
        .library(name: "SenimWorkflow", targets: ["SenimWorkflow"]),
        .library(name: "SenimServer", targets: ["SenimServer"]),
        .executable(name: "senimkey", targets: ["senimkey"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // zlib's inflate for PDF FlateDecode streams (cross-reference and object streams, the DSS).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Function-like macros and globals that Swift cannot import (OPENSSL_free, BIO_get_mem_data, xmlFree).
        .target(name: "CShims", dependencies: ["COpenSSL", "CLibXML2"]),
        .target(
            name: "SenimCrypto",
            dependencies: [
                "COpenSSL", "CShims",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "SenimPKI",
            dependencies: [
                "SenimCrypto",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "SenimCMS",
            dependencies: [
                "SenimCrypto", "SenimPKI",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "SenimXMLDSig",
            dependencies: [
                "CLibXML2", "CShims", "SenimCrypto", "SenimPKI",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // PDF signatures (PAdES, ISO 32000-2 §12.8): a bounded reader of the revision chain, validation of each
        // embedded CMS over its ByteRange, and the modification analysis of later revisions.
        .target(
            name: "SenimPDF",
            dependencies: [
                "CZlib", "SenimCrypto", "SenimPKI", "SenimCMS",
            ]
        ),
        // The one entry point for validating a signature (SignatureVerifier) and the one format detector: above the
        // CMS, XML and PDF validators it combines, below SenimEvidence, whose package verifier uses it.
        .target(
            name: "SenimVerify",
            dependencies: [
                "SenimPKI", "SenimCMS", "SenimXMLDSig", "SenimPDF",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "SenimEvidence",
            dependencies: [
                "SenimCrypto", "SenimPKI", "SenimCMS", "SenimVerify",
            ]
        ),
        .target(
            name: "SenimWorkflow",
            dependencies: [
                "SenimCrypto", "SenimPKI", "SenimEvidence",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SenimServer",
            dependencies: [
                "SenimCrypto", "SenimPKI", "SenimCMS", "SenimVerify", "SenimEvidence", "SenimWorkflow",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            // The user agreement in force (its SHA-256 is what a first login accepts), the page templates and
            // the pages' CSS and JavaScript.
            resources: [.copy("Resources/user-agreement.ru.txt"), .copy("Resources/pages"), .copy("Resources/static")]
        ),
        .executableTarget(
            name: "senimkey",
            dependencies: [
                "SenimCrypto", "SenimPKI", "SenimCMS", "SenimXMLDSig", "SenimPDF", "SenimVerify", "SenimEvidence", "SenimWorkflow",
                "SenimServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            // The Swift runtime and Foundation linked into the binary: a process then maps 14 shared libraries
            // instead of 29, which is most of `senimkey digest`'s start-up (README, "Digest speed").
            linkerSettings: [
                .unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xclang-linker", "-no-pie"], .when(platforms: [.linux])),
                .linkedLibrary("CoreFoundation", .when(platforms: [.linux])),
                .linkedLibrary("_FoundationICU", .when(platforms: [.linux])),
                .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
                .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
            ]
        ),
        // Vector lookup, deterministic mutation, external tools, the language check and a loopback HTTP server,
        // shared by the test targets. It depends on no Senim module, so the crypto, PKI, CMS, XML and PDF tests
        // build neither GRDB nor postgres-nio.
        .target(
            name: "SenimTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/SenimTestSupport"
        ),
        // The stores under test (SQLite and PostgreSQL), for the workflow and server tests only.
        .target(
            name: "SenimStoreTestSupport",
            dependencies: ["SenimWorkflow"],
            path: "Tests/SenimStoreTestSupport"
        ),
        .testTarget(
            name: "SenimCryptoTests",
            dependencies: [
                "SenimCrypto", "SenimTestSupport",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "SenimPKITests",
            dependencies: [
                "SenimPKI", "SenimCrypto", "SenimTestSupport",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "SenimCMSTests",
            dependencies: [
                "SenimCMS", "SenimPKI", "SenimCrypto", "SenimTestSupport",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "SenimXMLDSigTests",
            dependencies: [
                "SenimXMLDSig", "SenimPKI", "SenimCrypto", "SenimTestSupport",
            ]
        ),
        .testTarget(
            name: "SenimPDFTests",
            dependencies: ["SenimPDF", "SenimCMS", "SenimPKI", "SenimCrypto", "SenimTestSupport"]
        ),
        .testTarget(
            name: "SenimVerifyTests",
            dependencies: ["SenimVerify", "SenimEvidence", "SenimCMS", "SenimXMLDSig", "SenimPDF", "SenimPKI", "SenimTestSupport"]
        ),
        .testTarget(
            name: "SenimEvidenceTests",
            dependencies: ["SenimEvidence", "SenimVerify", "SenimCMS", "SenimXMLDSig", "SenimPKI", "SenimCrypto", "SenimTestSupport"]
        ),
        .testTarget(
            name: "SenimWorkflowTests",
            dependencies: ["SenimWorkflow", "SenimEvidence", "SenimPKI", "SenimCrypto", "SenimTestSupport", "SenimStoreTestSupport"]
        ),
        .testTarget(
            name: "SenimServerTests",
            dependencies: [
                "SenimServer", "SenimWorkflow", "SenimEvidence", "SenimCMS", "SenimXMLDSig", "SenimPKI", "SenimCrypto",
                "SenimTestSupport", "SenimStoreTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "SenimkeyCLITests",
            dependencies: ["SenimCMS", "SenimCrypto", "SenimPKI", "SenimTestSupport", "SenimStoreTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
