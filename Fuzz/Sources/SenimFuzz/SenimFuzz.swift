import CLibFuzzer
import Foundation

/// The fuzzing executable: `SenimFuzz --harness=NAME [libFuzzer flags] [corpus directories]`.
///
/// One binary holds every harness (README.md says why). The harness name comes from `--harness=NAME` or the
/// environment variable `SENIM_FUZZ_HARNESS`; it is stripped from the arguments and exported, so the child
/// processes libFuzzer starts for `-jobs`, `-fork` and `-merge` run the same harness.
@main
struct SenimFuzzMain {
    static func main() {
        var arguments = CommandLine.arguments
        var name = ProcessInfo.processInfo.environment[HarnessRegistry.environmentVariable]
        arguments.removeAll { argument in
            guard argument.hasPrefix("--harness=") else { return false }
            name = String(argument.dropFirst("--harness=".count))
            return true
        }
        if arguments.contains("--list") {
            for harness in HarnessRegistry.all { print("\(harness.name)\t\(harness.summary)") }
            exit(0)
        }
        guard let name, let harness = HarnessRegistry.harness(named: name) else {
            let names = HarnessRegistry.all.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(
                Data("usage: SenimFuzz --harness=NAME [libFuzzer flags] [corpus...]; NAME is one of \(names)\n".utf8))
            exit(2)
        }
        setenv(HarnessRegistry.environmentVariable, name, 1)
        HarnessRegistry.selected = harness
        harness.prepare()

        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var count = Int32(arguments.count)
        let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var argv = buffer.baseAddress
            return LLVMFuzzerRunDriver(&count, &argv, runOne)
        }
        exit(status)
    }
}

/// libFuzzer's callback: one input through the selected harness. Returning 0 keeps the input eligible for the
/// corpus; faults end the process (a trap, an ASan report) and libFuzzer saves the input.
private func runOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    HarnessRegistry.selected?.run(bytes)
    return 0
}
