import ArgumentParser
import Foundation

/// The process's entry point: a plain `digest` command line runs without the argument parser
/// (``DigestFastPath`` says why), every other one goes to ``Senimkey``.
@main
enum EntryPoint {
    static func main() async {
        if let digest = DigestFastPath.parse(Array(CommandLine.arguments.dropFirst())) {
            let allRead = DigestCommand.printDigests(of: digest.files, algorithms: digest.algorithms)
            exit(allRead ? SenimkeyExit.totalPassed.rawValue : SenimkeyExit.unreadableInput.rawValue)
        }
        await Senimkey.main()
    }
}
