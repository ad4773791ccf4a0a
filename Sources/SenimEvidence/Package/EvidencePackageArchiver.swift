import Foundation
import SenimCMS
import SenimCrypto

/// Adds archive timestamps to an evidence package (``ArchiveManifest``): the first right after the seal when the
/// package is built with a TSA, and one more at each renewal (`senimkey evidence renew`), which copies every earlier
/// entry byte for byte and rewrites only the ZIP's central directory. Each renewal must come before the previous
/// archive timestamp's TSA certificate expires or its algorithms are retired: the new token is then the proof that
/// everything before it existed while the old one could still be trusted.
public struct EvidencePackageArchiver: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The input is not an evidence package this verifier could renew.
        case package(String)
        case timestamp(TimeStampClient.Failure)

        public var description: String {
            switch self {
            case .package(let why): return "the package cannot be renewed: \(why)"
            case .timestamp(let failure): return "no archive timestamp was obtained: \(failure.description)"
            }
        }
    }

    /// One renewal's result: the pair's number and the new token's time.
    public struct Renewal: Sendable, Equatable {
        public let number: Int
        public let genTime: Date
        public let entries: [String]
    }

    public let client: TimeStampClient
    /// What the archive manifest's digests are computed with.
    public let algorithm: DigestAlgorithm

    public init(client: TimeStampClient, algorithm: DigestAlgorithm = .sha256) {
        self.client = client
        self.algorithm = algorithm
    }

    /// The archive manifest numbered `number` over `digests` (every entry before it, hex in ``algorithm``), and the
    /// TSA's token over its bytes: the two entries to append, in order.
    func pair(number: Int, digests: [String: String]) async throws(Failure) -> (entries: [(String, [UInt8])], token: TimeStampToken) {
        let manifest: [UInt8]
        do { manifest = try ArchiveManifest(algorithm: algorithm, files: digests).encoded() } catch {
            throw .package("\(DecodingErrorText.sentence(error))")
        }
        let token: TimeStampToken
        do { token = try await client.timestamp(manifest) } catch { throw .timestamp(error) }
        return (
            [
                (EvidencePackageLayout.archiveManifest(number: number), manifest),
                (EvidencePackageLayout.archiveTimestamp(number: number), token.derEncoded),
            ], token
        )
    }

    /// Writes `output`: the package at `path` unchanged, then the next archive manifest over all its entries and its
    /// timestamp.
    public func renew(packageAt path: String, to output: String) async throws(Failure) -> Renewal {
        guard URL(fileURLWithPath: path).standardizedFileURL != URL(fileURLWithPath: output).standardizedFileURL else {
            throw .package("the renewed package must be written to another file than the one it renews")
        }
        let zip: StoredZIPReader
        do throws(StoredZIPError) {
            zip = try StoredZIPReader(source: .file(path: path))
            guard zip.entries.first?.name == EvidencePackageLayout.mimetypeEntry,
                try zip.contents(of: zip.entries[0]) == Array(EvidencePackageLayout.mimeType.utf8)
            else { throw StoredZIPError.malformed("it does not start with the ASiC-E mimetype entry") }
            if let problem = try zip.canonicalFramingProblem() { throw StoredZIPError.malformed(problem.description) }
        } catch {
            throw .package(DecodingErrorText.sentence(error))
        }
        let number = zip.entries.filter { $0.name.hasPrefix(EvidencePackageLayout.archivePrefix + "manifest-") }.count + 1
        var digests: [String: String] = [:]
        do {
            for entry in zip.entries where entry.name != EvidencePackageLayout.mimetypeEntry {
                var set = DigestSet(algorithms: [algorithm])
                try zip.stream(entry) { set.update(bufferPointer: $0) }
                digests[entry.name] = set.finalize()[algorithm].map(Hex.encode)
            }
        } catch {
            throw .package(error.description)
        }
        let (entries, token) = try await pair(number: number, digests: digests)
        do {
            let writer = try StoredZIPWriter(path: output, continuing: zip)
            for (name, bytes) in entries { try writer.add(name, bytes: bytes) }
            try writer.finish()
        } catch {
            throw .package(error.description)
        }
        return Renewal(number: number, genTime: token.info.genTime, entries: entries.map(\.0))
    }
}
