import Foundation
import Synchronization
import Testing

/// `senimkey serve` as an operator starts it: a fresh data directory, no flags but the port.
@Suite("senimkey serve")
struct ServeCommandTests {
    /// What a started server printed, collected while it runs.
    final class Output: Sendable {
        private let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        var current: String { text.withLock { $0 } }
    }

    /// Starts the server, waits for it to listen (at most 60 s), hands over what it printed, then stops it.
    static func whileServing(_ arguments: [String], _ body: (String) throws -> Void) async throws {
        let process = Process()
        process.executableURL = CLIProcess.binary
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        process.currentDirectoryURL = CLIProcess.repositoryRoot
        let pipe = Pipe()
        let output = Output()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            pipe.fileHandleForReading.readabilityHandler = nil
        }
        let deadline = Date().addingTimeInterval(60)
        while !output.current.contains("listening") && process.isRunning && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        try #require(output.current.contains("listening"), "the server did not start: \(output.current)")
        try body(output.current)
    }

    /// Without an SMS provider the codes go to files: the operator is warned, the keys are the owner's alone and the
    /// database lives apart from them.
    @Test func freshStartWarnsAboutTheOutboxAndKeepsKeysPrivate() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await Self.whileServing(["--data", data]) { printed in
            #expect(
                printed.contains("SMS are written to the outbox directory, not sent: for development only. Give --sms-url to send them."))
            for key in ["keys/ses.key", "keys/seal.key.pem"] {
                let mode = try FileManager.default.attributesOfItem(atPath: data + "/" + key)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(key)")
            }
            #expect(FileManager.default.fileExists(atPath: data + "/db/senimkey.sqlite"))
            #expect(!FileManager.default.fileExists(atPath: data + "/keys/senimkey.sqlite"))
        }
    }

    /// With a provider configured there is nothing to warn about.
    @Test func noOutboxWarningWithAProvider() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await Self.whileServing(["--data", data, "--sms-url", "http://127.0.0.1:9/sms"]) { printed in
            #expect(!printed.contains("outbox directory, not sent"))
        }
    }

    /// A bad flag is refused with a sentence.
    @Test func badAdministratorPhoneIsASentence() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let refused = try await CLIProcess.run(["serve", "--data", data, "--port", "0", "--admin-phone", "12345"])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("--admin-phone: 12345 is not a Kazakh mobile number"))
        #expect(refused.standardError.range(of: #"Error\.|\.swift:|nil"#, options: .regularExpression) == nil)
    }
}
