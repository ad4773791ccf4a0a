import Foundation
import Testing

/// The check the browser walk ends with can fail: a child this process started is found while it runs and
/// no longer once it has been ended and reaped.
@Suite struct ChildProcessesTests {
    @Test func aStartedChildIsFoundUntilItIsEnded() async throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["3600"]
        try child.run()
        #expect(ChildProcesses.running(named: "sleep") == [child.processIdentifier])
        await ChildProcesses.end(child)
        // Ended by a signal, not waited out: an hour-long sleep cannot have exited by itself.
        #expect(child.terminationReason == .uncaughtSignal)
        #expect([SIGTERM, SIGKILL].contains(child.terminationStatus))
        #expect(ChildProcesses.running(named: "sleep").isEmpty)
    }
}
