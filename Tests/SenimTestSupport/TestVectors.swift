import Foundation

/// Locates files under the repository's `testvectors/` folder (copied from ../shared/vectors with origins
/// in testvectors/README.md), independent of the working directory `swift test` runs in.
public enum TestVectors {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SenimTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("testvectors")

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }

    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }
}
