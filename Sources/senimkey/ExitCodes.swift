import ArgumentParser

/// Exit codes shared by every command (sysexits.h values for usage and input errors).
enum SenimkeyExit {
    static let totalPassed = ExitCode(0)
    static let totalFailed = ExitCode(1)
    static let indeterminate = ExitCode(2)
    static let usage = ExitCode(64)
    static let unreadableInput = ExitCode(65)
}
