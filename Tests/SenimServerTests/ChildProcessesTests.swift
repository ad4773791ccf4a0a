import Foundation
import Testing

/// The check the browser walk ends with can fail: a child this process started is found while it runs and
/// no longer once it has been ended and reaped.
@Suite struct ChildProcessesTests {
    @Test func aStartedChildIsFoundUntilItIsEnded() async throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["30"]
        try child.run()
        #expect(ChildProcesses.running(named: "sleep") == [child.processIdentifier])
        let started = Date()
        await ChildProcesses.end(child)
        #expect(Date().timeIntervalSince(started) < 5, "ended, not waited out")
        #expect(ChildProcesses.running(named: "sleep").isEmpty)
    }
}
