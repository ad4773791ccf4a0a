import Foundation
import SenimCrypto

/// One archive manifest of an evidence package: the digest of every entry that came before it (the document, the
/// signatures, the manifest and its seal, and every earlier archive manifest and timestamp), in canonical JSON, with
/// the digest algorithm named. An RFC 3161 timestamp over its bytes follows it.
///
/// This is the archive manifest of ETSI EN 319 162-1 (ASiC-E, `ASiCArchiveManifest`) in the package's JSON form
/// (its manifest is JSON too), chosen over RFC 4998 evidence records because it keeps the package one ZIP that any
/// unzip tool opens: each renewal adds one manifest and one token after the last entry, covering every entry
/// before it, so the earlier bytes are never touched; and naming the algorithm lets a renewal switch to a stronger
/// one (hash-tree renewal, RFC 4998 §5.2, in the same step).
public struct ArchiveManifest: Sendable, Codable, Hashable {
    /// ``DigestAlgorithm/rawValue`` of every digest below.
    public let algorithm: String
    /// Entry name → lowercase hex digest.
    public let files: [String: String]

    public init(algorithm: DigestAlgorithm, files: [String: String]) {
        self.algorithm = algorithm.rawValue
        self.files = files
    }

    public var digestAlgorithm: DigestAlgorithm? { DigestAlgorithm(rawValue: algorithm) }

    /// RFC 8785 canonical JSON: the bytes the timestamp covers.
    public func encoded() throws -> [UInt8] { try CanonicalJSON.encode(self) }

    /// A manifest read back, only if its bytes are exactly its canonical encoding (one meaning per package).
    public init?(canonical bytes: [UInt8]) {
        guard let decoded = try? CanonicalJSON.decoder().decode(ArchiveManifest.self, from: Data(bytes)),
            (try? decoded.encoded()) == bytes
        else { return nil }
        self = decoded
    }
}
