import Foundation
import SenimCrypto

/// The certificates a deployment trusts: self-signed roots become trust anchors, everything else is an
/// intermediate that path building may use but never trusts on its own.
///
/// A directory store can be pinned: `certs/README.md` lists the SHA-256 of every file, and a file whose digest
/// is missing from that table or differs is refused rather than silently trusted.
public struct TrustStore: Sendable {
    public let roots: [Certificate]
    public let intermediates: [Certificate]

    public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadableDirectory(String)
        case notACertificate(file: String, reason: String)
        case fingerprintNotPinned(file: String, sha256: String)

        public var description: String {
            switch self {
            case .unreadableDirectory(let path): return "cannot read the trust store directory \(path)"
            case .notACertificate(let file, let reason): return "\(file) is not a certificate: \(reason)"
            case .fingerprintNotPinned(let file, let sha256): return "\(file) (SHA-256 \(sha256)) is not in the pinned list"
            }
        }
    }

    public init(roots: [Certificate], intermediates: [Certificate] = []) {
        self.roots = roots
        self.intermediates = intermediates
    }

    /// Loads every `.cer`/`.crt`/`.der`/`.pem` file below `directory` (one level of sub-folders, as in `certs/`).
    /// - Parameter pinnedSHA256: the allowed fingerprints (lowercase hex); nil to trust whatever the folder holds.
    public init(directory: String, pinnedSHA256: Set<String>? = nil) throws(LoadError) {
        let manager = FileManager.default
        guard let top = try? manager.contentsOfDirectory(atPath: directory) else { throw .unreadableDirectory(directory) }
        var files: [String] = []
        for name in top.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            manager.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                let nested = (try? manager.contentsOfDirectory(atPath: path)) ?? []
                files += nested.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var roots: [Certificate] = []
        var intermediates: [Certificate] = []
        for file in files where ["cer", "crt", "der", "pem"].contains((file as NSString).pathExtension.lowercased()) {
            guard let data = manager.contents(atPath: file) else { throw .unreadableDirectory(file) }
            let certificate: Certificate
            do { certificate = try Certificate(bytes: Array(data)) } catch { throw .notACertificate(file: file, reason: error.description) }
            let fingerprint = Hex.encode(certificate.sha256Fingerprint)
            if let pinnedSHA256, !pinnedSHA256.contains(fingerprint) { throw .fingerprintNotPinned(file: file, sha256: fingerprint) }
            if certificate.isSelfIssued, let key = try? certificate.publicKey, (try? certificate.isSignatureValid(issuerKey: key)) == true {
                roots.append(certificate)
            } else {
                intermediates.append(certificate)
            }
        }
        self.init(roots: roots, intermediates: intermediates)
    }

    /// The SHA-256 fingerprints of a `SHA256SUMS` file (`sha256sum` format, as `senimkey trust sync` writes).
    public static func pinnedFingerprints(sha256sums: String) -> Set<String> {
        Set(
            sha256sums.split(separator: "\n").compactMap { line in
                let digest = line.prefix(64)
                return digest.count == 64 && digest.allSatisfy(\.isHexDigit) ? digest.lowercased() : nil
            })
    }

    /// The SHA-256 fingerprints written in a README table (any 64-hex-digit token in backticks).
    public static func pinnedFingerprints(readme: String) -> Set<String> {
        var result = Set<String>()
        for part in readme.split(separator: "`") where part.count == 64 && part.allSatisfy(\.isHexDigit) {
            result.insert(part.lowercased())
        }
        return result
    }
}
