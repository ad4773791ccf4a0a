import Foundation
import SenimTestSupport

/// Runs the built `senimkey` binary (SwiftPM builds it next to the test bundle) from the repository's root and
/// captures its output (off the cooperative pool, both streams at once: ``ExternalTool/outcome(_:_:in:standardInput:)``).
struct CLIProcess: Sendable {
    let status: Int32
    let standardOutput: String
    let standardError: String

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("senimkey")
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func run(_ arguments: [String], standardInput: Data? = nil) async throws -> CLIProcess {
        let outcome = try await ExternalTool.outcome(binary, arguments, in: repositoryRoot, standardInput: standardInput)
        return CLIProcess(status: outcome.status, standardOutput: outcome.standardOutput, standardError: outcome.standardError)
    }
}
