import ArgumentParser
import Foundation
import SenimCrypto

/// `senimkey digest [--alg NAME] FILE...`: prints `hex  name` per file, like sha256sum, in constant memory.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print message digests of files (streaming).",
        discussion: "Algorithms: \(DigestAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")). " +
            "GOST digests print in natural byte order, the bytes CMS messageDigest and XML DigestValue hold " +
            "(gostsum prints the same bytes reversed)."
    )

    @Option(name: [.customLong("alg"), .short], help: "Digest algorithm.")
    var algorithm: String = DigestAlgorithm.sha256.rawValue

    @Argument(help: "Files to hash; '-' reads standard input.")
    var files: [String]

    func validate() throws {
        guard DigestAlgorithm(rawValue: algorithm) != nil else {
            throw ValidationError("unknown algorithm '\(algorithm)'; choose one of: \(DigestAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
    }

    func run() throws {
        // validate() has already checked the name.
        guard let algorithm = DigestAlgorithm(rawValue: algorithm) else { throw SenimkeyExit.usage }
        var failed = false
        for path in files {
            do {
                let digest: [UInt8]
                if path == "-" {
                    var hasher = algorithm.makeHasher()
                    try hasher.update(fileHandle: FileHandle.standardInput, path: "<stdin>")
                    digest = hasher.finalize()
                } else {
                    digest = try algorithm.hash(contentsOfFile: path)
                }
                print("\(Hex.encode(digest))  \(path)")
            } catch {
                FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
                failed = true
            }
        }
        if failed { throw SenimkeyExit.unreadableInput }
    }
}
