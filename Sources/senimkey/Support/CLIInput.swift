import ArgumentParser
import Foundation
import SenimPKI

/// Reading the files a command is given: evidence, certificates, trust stores.
enum CLIInput {
    /// The whole file, read straight into the array (no intermediate Data copy of a 20 MB document).
    static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw PKIError.malformedEncoding(what: "file", reason: "cannot read \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        if fseek(file, 0, SEEK_END) == 0 {
            let size = ftell(file)
            if size > 0 { bytes.reserveCapacity(size) }
            rewind(file)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: chunk[..<count]) }
            if count < chunk.count {
                guard ferror(file) == 0 else { throw PKIError.malformedEncoding(what: "file", reason: "cannot read \(path)") }
                return bytes
            }
        }
    }

    /// `--trust FILE` trusts that certificate as an anchor; `--trust DIR` loads a trust store (roots are anchors,
    /// the other certificates only help build paths).
    static func trustStore(_ paths: [String]) throws -> TrustStore {
        var roots: [Certificate] = []
        var intermediates: [Certificate] = []
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
