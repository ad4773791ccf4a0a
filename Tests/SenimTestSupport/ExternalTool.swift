import Foundation

/// Runs a reference tool (`openssl`, `xmlsec1`, `python3`, `chromium`) or a built binary the tests check, and
/// captures what it printed. Every test process goes through ``outcome(_:_:in:standardInput:timeout:)``: off the
/// cooperative pool, both streams read at once, and ended (SIGKILL) if it outlives its timeout, so no process a
/// test starts survives the test.
public enum ExternalTool {
    /// What a process printed on each stream, and how it ended.
    public struct Outcome: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
        /// True when the process was killed for outliving its timeout.
        public let timedOut: Bool

        /// Both streams, standard output first (for a check that does not care which stream a line is on).
        public var output: String { standardOutput + standardError }
    }

    /// The default time a tool may take before it is killed.
    public static let defaultTimeout: Duration = .seconds(300)

    /// Runs `executable` and waits for it on a thread of its own, never on the calling task: a blocking wait on
    /// Swift's cooperative pool (two threads on a two-core machine) would stall every other test of the run, the
    /// loopback servers' handlers among them. Standard output and standard error are read at the same time, so a
    /// process that writes more than a pipe holds to one of them cannot deadlock.
    public static func outcome(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, standardInput: Data? = nil,
        timeout: Duration = defaultTimeout
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try outcomeBlocking(executable, arguments, in: directory, standardInput: standardInput, timeout: timeout)
                    })
            }.start()
        }
    }

    /// ``outcome(_:_:in:standardInput:timeout:)`` for a tool given by its path.
    public static func outcome(
        _ path: String, _ arguments: [String], in directory: URL? = nil, standardInput: Data? = nil,
        timeout: Duration = defaultTimeout
    ) async throws -> Outcome {
        try await outcome(URL(fileURLWithPath: path), arguments, in: directory, standardInput: standardInput, timeout: timeout)
    }

    /// The blocking form, for the few callers that are not async (a lazily computed probe). It blocks the
    /// calling thread: prefer ``outcome(_:_:in:standardInput:timeout:)`` in a test.
    public static func run(_ executable: String, _ arguments: [String], timeout: Duration = defaultTimeout) throws -> (
        status: Int32, output: String
    ) {
        let outcome = try outcomeBlocking(URL(fileURLWithPath: executable), arguments, in: nil, standardInput: nil, timeout: timeout)
        return (outcome.status, outcome.output)
    }

    private static func outcomeBlocking(
        _ executable: URL, _ arguments: [String], in directory: URL?, standardInput: Data?, timeout: Duration
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let watchdog = Watchdog(process, after: timeout)
        let outputReader = PipeReader(out.fileHandleForReading)
        let errorReader = PipeReader(err.fileHandleForReading)
        if let standardInput { input.fileHandleForWriting.write(standardInput) }
        try input.fileHandleForWriting.close()
        let outData = outputReader.wait()
        let errData = errorReader.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self), timedOut: watchdog.finish())
    }
}

/// Kills a process that outlives its time, unless ``finish()`` came first.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var fired = false

    init(_ process: Process, after timeout: Duration) {
        let identifier = process.processIdentifier
        let (seconds, attoseconds) = timeout.components
        let delay = Double(seconds) + Double(attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
            lock.lock()
            defer { lock.unlock() }
            guard !finished else { return }
            fired = true
            kill(identifier, SIGKILL)
        }
    }

    /// Stops the watchdog; true when it had already killed the process.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return fired
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
