import Foundation

/// Runs the built `senimkey` binary (SwiftPM builds it next to the test bundle) and captures its output.
///
/// The process is waited for on a thread of its own, never on the test's task: a blocking wait on Swift's
/// cooperative pool (two threads on a two-core machine) would stall every other test of the run, the loopback
/// servers' handlers among them. Standard output and standard error are read at the same time, so a process that
/// writes more than a pipe holds to one of them cannot deadlock.
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
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(arguments, standardInput: standardInput) }) }.start()
        }
    }

    private static func runBlocking(_ arguments: [String], standardInput: Data?) throws -> CLIProcess {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let errorReader = PipeReader(err.fileHandleForReading)
        if let standardInput { input.fileHandleForWriting.write(standardInput) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errorReader.wait()
        process.waitUntilExit()
        return CLIProcess(status: process.terminationStatus,
                          standardOutput: String(decoding: outData, as: UTF8.self),
                          standardError: String(decoding: errData, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
