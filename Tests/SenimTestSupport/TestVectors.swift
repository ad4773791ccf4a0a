import Foundation

/// Locates files under the repository's `testvectors/` folder (copied from ../shared/vectors with origins
/// in testvectors/README.md), independent of the working directory `swift test` runs in.
public enum TestVectors {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // SenimTestSupport
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository root
        .appendingPathComponent("testvectors")

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }

    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// All 18 NCA test keys of `kz/keys` (MANIFEST §3) with their passwords.
    public static let ncaKeys: [(path: String, password: String)] =
        [
            ("kz/keys/individual_valid_sign_2004.p12", "Qwerty12"), ("kz/keys/individual_valid_2015.p12", "Aa123456"),
            ("kz/keys/individual_auth_revoked_2004.p12", "Qwerty12"), ("kz/keys/individual_sign_revoked_2004.p12", "Qwerty12"),
            ("kz/keys/ceo_sign_revoked_2004.p12", "Qwerty12"), ("kz/keys/ceo_revoked_2015.p12", "Aa123456"),
        ]
        + [
            "individual/revoked/individual_revoked", "individual/valid/individual_valid",
            "legal/revoked/employee", "legal/revoked/employee_signright", "legal/revoked/head", "legal/revoked/infosystem",
            "legal/revoked/treasury_client", "legal/valid/employee", "legal/valid/employee_signright", "legal/valid/head",
            "legal/valid/infosystem", "legal/valid/treasury_client",
        ].map { ("kz/keys/sdk-2026/\($0).p12", "Qwerty12") }
}
