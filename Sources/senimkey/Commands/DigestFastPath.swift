import SenimCrypto

/// `senimkey digest` without the argument parser, for the plain command lines a script runs in a loop
/// (`digest FILE…`, `digest --alg LIST FILE…`, `-a LIST`, `--alg=LIST`).
///
/// Why: the argument parser finds a command's options by reflection, and each first dynamic cast makes the
/// Swift runtime scan every protocol conformance in the binary. This binary also carries the platform
/// server, so that scan was most of a digest's start-up (README, "Digest speed"). Anything else — help,
/// an unknown name, an option this path does not know, `--` — goes to the parser, which prints the usual
/// messages; the digests themselves are ``DigestCommand/printDigests(of:algorithms:)`` in both paths.
enum DigestFastPath {
    /// The algorithms and files of a plain `digest` command line (without the program name), or nil when the
    /// argument parser should read it.
    static func parse(_ arguments: [String]) -> (algorithms: [DigestAlgorithm], files: [String])? {
        guard arguments.first == "digest" else { return nil }
        var list: String?
        var files: [String] = []
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            if argument == "--alg" || argument == "-a" {
                guard list == nil, let value = rest.popFirst() else { return nil }
                list = value
            } else if argument.hasPrefix("--alg=") {
                guard list == nil else { return nil }
                list = String(argument.dropFirst("--alg=".count))
            } else if argument.hasPrefix("-"), argument != "-" {
                return nil
            } else {
                files.append(argument)
            }
        }
        guard !files.isEmpty, let algorithms = DigestCommand.algorithms(named: list ?? DigestAlgorithm.sha256.rawValue) else {
            return nil
        }
        return (algorithms, files)
    }
}
