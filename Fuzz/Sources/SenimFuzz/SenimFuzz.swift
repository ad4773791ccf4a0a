import Foundation

// The fuzzing executable: `SenimFuzz --harness=NAME [libFuzzer flags] [corpus directories]`.
//
// One binary holds every harness (README.md says why); `main` is libFuzzer's (`-sanitize=fuzzer` links it in).
// The harness name comes from `--harness=NAME` (libFuzzer ignores flags that start with `--` and passes them on to
// the child processes of `-fork`, `-jobs` and `-merge`) or from the environment variable `SENIM_FUZZ_HARNESS`.

/// libFuzzer calls this once before any input: the harness is chosen and its fixtures loaded.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    var arguments: [String] = []
    if let vector = argv.pointee {
        for index in 0..<Int(argc.pointee) { if let argument = vector[index] { arguments.append(String(cString: argument)) } }
    }
    var name = ProcessInfo.processInfo.environment[HarnessRegistry.environmentVariable]
    for argument in arguments where argument.hasPrefix("--harness=") { name = String(argument.dropFirst("--harness=".count)) }
    if arguments.contains("--list") {
        for harness in HarnessRegistry.all { print("\(harness.name)\t\(harness.summary)") }
        exit(0)
    }
    guard let name, let harness = HarnessRegistry.harness(named: name) else {
        let names = HarnessRegistry.all.map(\.name).joined(separator: ", ")
        let usage = "usage: SenimFuzz --harness=NAME [libFuzzer flags] [corpus...]; NAME is one of \(names)\n"
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
    setenv(HarnessRegistry.environmentVariable, name, 1)
    HarnessRegistry.selected = harness
    harness.prepare()
    return 0
}

/// libFuzzer's callback: one input through the selected harness. Returning 0 keeps the input eligible for the
/// corpus; faults end the process (a trap, an ASan report) and libFuzzer saves the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    HarnessRegistry.selected?.run(bytes)
    return 0
}
