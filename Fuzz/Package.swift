// swift-tools-version:6.1
import PackageDescription

// Coverage-guided fuzzing (issue 26) lives in its own package so `swift test` in the root never builds it.
// One executable holds every harness and picks one by name (`--harness=NAME` or SENIM_FUZZ_HARNESS): the
// sanitizer build then compiles and links the root's modules once, not once per harness (README.md).
// Build: swift build --sanitize=fuzzer --sanitize=address   (smoke.sh does it)
let package = Package(
    name: "SenimkeyFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "senimkey", path: ".."),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        .executableTarget(
            name: "SenimFuzz",
            dependencies: [
                .product(name: "SenimCrypto", package: "senimkey"),
                .product(name: "SenimPKI", package: "senimkey"),
                .product(name: "SenimCMS", package: "senimkey"),
                .product(name: "SenimXMLDSig", package: "senimkey"),
                .product(name: "SenimPDF", package: "senimkey"),
                .product(name: "SenimEvidence", package: "senimkey"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Sources/SenimFuzz"
        )
    ],
    swiftLanguageModes: [.v6]
)
