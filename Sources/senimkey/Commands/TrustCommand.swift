import ArgumentParser
import Foundation
import SenimPKI

/// `senimkey trust …`: maintenance of the trust-store folder.
struct TrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Maintain the trust store (certs/).",
        subcommands: [TrustSyncCommand.self]
    )
}

/// `senimkey trust sync [--dir certs/production] [--accept-changes] [--mirror HOST=URL]…`: exit 0 when every
/// certificate was fetched, checked and is new or unchanged; 1 otherwise.
struct TrustSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Download the current NCA RK roots and intermediates, check them, and write them with SHA256SUMS."
    )

    @Option(help: "The folder to write into.") var dir = "certs/production"
    @Flag(help: "Overwrite certificates whose published bytes changed (otherwise a change is reported and refused).") var acceptChanges =
        false
    @Option(name: .customLong("mirror"), help: "HOST=BASEURL: fetch that host's URLs from a mirror (repeatable).") var mirrors: [String] =
        []

    func run() async throws {
        let mirrorTable: MirrorTable
        do { mirrorTable = try MirrorTable(parsing: mirrors) } catch { throw ValidationError(error.description) }
        let outcomes = await TrustSync(mirrors: mirrorTable).run(into: dir, acceptChanges: acceptChanges)
        var failed = false
        for (source, outcome) in outcomes {
            switch outcome {
            case .new(let sha256): print("new        \(source.fileName)  \(sha256)")
            case .unchanged(let sha256): print("unchanged  \(source.fileName)  \(sha256)")
            case .changed(let old, let new, let written):
                print(
                    "\(written ? "replaced" : "CHANGED ")   \(source.fileName)  \(old) -> \(new)"
                        + "\(written ? "" : " (not written; rerun with --accept-changes after checking)")"
                )
                if !written { failed = true }
            case .failed(let reason):
                print("FAILED     \(source.fileName)  \(reason)")
                failed = true
            }
        }
        if failed { throw SenimkeyExit.totalFailed }
    }
}
