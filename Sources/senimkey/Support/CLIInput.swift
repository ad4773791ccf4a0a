import ArgumentParser
import Foundation
import SenimPKI

/// Reading the files a command is given: evidence, certificates, trust stores.
enum CLIInput {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PKIError.malformedEncoding(what: "file", reason: "cannot read \(path)")
        }
        return Array(data)
    }

    /// `--trust FILE` trusts that certificate as an anchor; `--trust DIR` loads a trust store (roots are anchors,
    /// the other certificates only help build paths).
    static func trustStore(_ paths: [String]) throws -> TrustStore {
        var roots: [Certificate] = [], intermediates: [Certificate] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PKIError.malformedEncoding(what: "trust anchor", reason: "\(path) does not exist")
            }
            if isDirectory.boolValue {
                let store = try TrustStore(directory: path)
                roots += store.roots
                intermediates += store.intermediates
            } else {
                roots.append(try Certificate(bytes: try read(path)))
            }
        }
        return TrustStore(roots: roots, intermediates: intermediates)
    }

    /// The shipped `certs/` folder: in the working directory, or beside the executable in a source checkout
    /// (`.build/debug/senimkey` → `certs/`).
    static func defaultTrustDirectory() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/certs"]
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("certs").path)
            directory = directory.deletingLastPathComponent()
        }
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    static func time(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw ValidationError("--at must be ISO 8601, e.g. 2022-08-01T00:00:00Z")
    }
}
