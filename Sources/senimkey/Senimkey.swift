import ArgumentParser

/// `senimkey`: the forensic CLI over the Senimkey toolkit (docs/ARCHITECTURE.md, "The CLI contract").
struct Senimkey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "senimkey",
        abstract: "Verify Kazakh (NCA RK) electronic signatures and evidence, offline.",
        discussion: """
            Digests include GOST 34.311-95 (the Kazakh variant of GOST R 34.11-94, test S-box) and \
            Streebog (GOST 34.11-2015). Exit codes: 0 success/TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, \
            64 usage error, 65 unreadable input.
            """,
        version: "0.2.0",
        subcommands: [
            VerifyCommand.self, EvidenceCommand.self, DigestCommand.self, CertificateCommand.self, TrustCommand.self, ServeCommand.self,
        ]
    )
}
