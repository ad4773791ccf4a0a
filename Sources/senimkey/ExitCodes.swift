import ArgumentParser
import SenimPKI

/// Exit codes shared by every command (sysexits.h values for usage and input errors).
enum SenimkeyExit {
    static let totalPassed = ExitCode(0)
    static let totalFailed = ExitCode(1)
    static let indeterminate = ExitCode(2)
    static let usage = ExitCode(64)
    static let unreadableInput = ExitCode(65)
    /// A service or tool the command needs did not answer or is not installed (sysexits EX_UNAVAILABLE): a time-stamping
    /// authority for `evidence renew`, Chromium for `evidence report --format pdf`.
    static let unavailable = ExitCode(69)
}

extension SenimkeyExit {
    /// Ends a command the way its verdict says: returns on TOTAL_PASSED, exits 1 or 2 otherwise.
    static func finish(with indication: Indication) throws {
        switch indication {
        case .totalPassed: return
        case .totalFailed: throw totalFailed
        case .indeterminate: throw indeterminate
        }
    }
}
