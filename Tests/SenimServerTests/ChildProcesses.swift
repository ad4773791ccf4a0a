import Foundation

/// The test process's own live children, read from `/proc` (Linux): what a test started and did not end.
enum ChildProcesses {
    /// The process ids of this process's children whose command is `name` (zombies excluded: they have exited).
    static func running(named name: String) -> [Int32] {
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else { return nil }
            // `pid (comm) state ppid …`; the command may contain spaces, so the fields after its closing parenthesis count.
            guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
            let command = stat[stat.index(after: open)..<close]
            let rest = stat[stat.index(after: close)...].split(separator: " ")
            guard rest.count >= 2, command == name, rest[0] != "Z", Int32(rest[1]) == me else { return nil }
            return pid
        }
    }

    /// Ends a child: SIGTERM, then SIGKILL when it has not exited within two seconds (a child may inherit an
    /// ignored SIGTERM from the test runner), and reaps it either way.
    static func end(_ process: Process) async {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<20 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
