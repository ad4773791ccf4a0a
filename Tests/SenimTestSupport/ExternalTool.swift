import Foundation

/// Runs a reference tool (`openssl`, `xmlsec1`) the tests check our output against, capturing its output.
public enum ExternalTool {
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// What a process printed on each stream, and how it ended.
    public struct Outcome: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs `executable` and waits for it on a thread of its own, never on the calling task: a blocking wait on
    /// Swift's cooperative pool (two threads on a two-core machine) would stall every other test of the run, the
    /// loopback servers' handlers among them. Standard output and standard error are read at the same time, so a
    /// process that writes more than a pipe holds to one of them cannot deadlock.
    public static func outcome(_ executable: URL, _ arguments: [String], in directory: URL, standardInput: Data? = nil) async throws
        -> Outcome
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result { try outcomeBlocking(executable, arguments, in: directory, standardInput: standardInput) })
            }.start()
        }
    }

    private static func outcomeBlocking(_ executable: URL, _ arguments: [String], in directory: URL, standardInput: Data?) throws -> Outcome
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
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
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
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
