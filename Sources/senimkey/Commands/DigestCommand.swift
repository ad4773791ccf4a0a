import ArgumentParser
import Foundation
import SenimCrypto

/// `senimkey digest [--alg NAME[,NAME…]] FILE...`: sha256sum-style lines, in constant memory.
///
/// With one algorithm a line is `hex  FILE`, as sha256sum prints; with several (`--alg sha256,gost34311`)
/// each file is read once, every digest runs on its own thread (``DigestSet``), and each line is prefixed
/// by the algorithm's name: `sha256 ab12…  FILE`. Files are read with plain `read` into 1 MiB page-aligned
/// buffers, the next chunk read while the digests run on the last one.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print message digests of files (streaming).",
        discussion: "Algorithms: \(DigestAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")); name several, "
            + "separated by commas, to compute them in one read (one line each, prefixed by the name). "
            + "GOST digests print in natural byte order, the bytes CMS messageDigest and XML DigestValue hold "
            + "(gostsum prints the same bytes reversed)."
    )

    @Option(name: [.customLong("alg"), .short], help: "Digest algorithm, or several separated by commas.")
    var algorithm: String = DigestAlgorithm.sha256.rawValue

    @Argument(help: "Files to hash; '-' reads standard input.")
    var files: [String]

    /// The named algorithms in order, duplicates dropped; nil if a name is unknown or the list is empty.
    static func algorithms(named list: String) -> [DigestAlgorithm]? {
        var result: [DigestAlgorithm] = []
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            // Trimmed by hand: Foundation's trimming bridges through NSString, a start-up cost (DigestFastPath).
            var name = item
            while name.first?.isWhitespace == true { name.removeFirst() }
            while name.last?.isWhitespace == true { name.removeLast() }
            guard let algorithm = DigestAlgorithm(rawValue: String(name)) else { return nil }
            if !result.contains(algorithm) { result.append(algorithm) }
        }
        return result.isEmpty ? nil : result
    }

    func validate() throws {
        guard Self.algorithms(named: algorithm) != nil else {
            let names = DigestAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown algorithm in '\(algorithm)'; choose from: \(names)")
        }
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
    }

    func run() throws {
        // validate() has already checked the names.
        guard let algorithms = Self.algorithms(named: algorithm) else { throw SenimkeyExit.usage }
        if !Self.printDigests(of: files, algorithms: algorithms) { throw SenimkeyExit.unreadableInput }
    }

    /// Prints one line per file and algorithm; a file that cannot be read gets a sentence on standard error and
    /// the others are still printed. Returns whether every file was read. Shared by ``run()`` and
    /// ``DigestFastPath``, so both print the same bytes.
    static func printDigests(of files: [String], algorithms: [DigestAlgorithm]) -> Bool {
        var failed = false
        for path in files {
            do {
                var set = DigestSet(algorithms: algorithms)
                if path == "-" {
                    try set.update(fileDescriptor: FileHandle.standardInput.fileDescriptor, path: "standard input")
                } else {
                    try set.update(contentsOfFile: path)
                }
                let digests = set.finalize()
                var lines = ""
                for algorithm in algorithms {
                    let prefix = algorithms.count > 1 ? algorithm.rawValue + " " : ""
                    lines += prefix + Hex.encode(digests[algorithm] ?? []) + "  " + path + "\n"
                }
                FileHandle.standardOutput.write(Data(lines.utf8))
            } catch {
                FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
                failed = true
            }
        }
        return !failed
    }
}
