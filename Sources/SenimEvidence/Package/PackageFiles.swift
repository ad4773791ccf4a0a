import Foundation
import SenimCMS
import SenimCrypto

/// An evidence package's entries as the verifier uses them: every entry but the document read whole (each
/// checked against its CRC-32 and hashed once), and the document streamed once through its CRC-32 and all the
/// digests the later steps need, so its bytes are never held.
struct PackageFiles {
    /// Above this an entry other than the document is not one the platform writes (a signature, a report, the
    /// log); refusing it bounds the verifier's memory whatever the package claims.
    static let entryLimit = 64 << 20

    let names: Set<String>
    /// Every entry's name in archive order (what each archive manifest must cover is the entries before it).
    let orderedNames: [String]
    /// Every entry except `document/…`, by name.
    let files: [String: [UInt8]]
    /// `signatures/…` entries in archive order.
    let signatureFiles: [String]
    let documentEntries: [String]
    /// The single document, when there is exactly one.
    let document: EvidencePackageVerification.Document?
    /// The document's digests for SHA-256, GOST 34.311 and every CMS signer's algorithm.
    let documentDigests: [DigestAlgorithm: [UInt8]]
    private let sha256ByName: [String: String]

    init(_ zip: StoredZIPReader) throws(StoredZIPError) {
        var files: [String: [UInt8]] = [:]
        var sha256ByName: [String: String] = [:]
        let documentEntries = zip.entries.filter { $0.name.hasPrefix(EvidencePackageLayout.documentFolder) }
        for entry in zip.entries where !entry.name.hasPrefix(EvidencePackageLayout.documentFolder) {
            guard entry.range.count <= Self.entryLimit else {
                throw .malformed("\(entry.name) is \(entry.range.count) bytes; only the document may exceed \(Self.entryLimit)")
            }
            let bytes = try zip.contents(of: entry)
            files[entry.name] = bytes
            sha256ByName[entry.name] = Hex.encode(DigestAlgorithm.sha256.hash(bytes))
        }
        names = Set(zip.entries.map(\.name))
        orderedNames = zip.entries.map(\.name)
        signatureFiles = zip.entries.map(\.name).filter { $0.hasPrefix(EvidencePackageLayout.signaturesFolder) }
        self.documentEntries = documentEntries.map(\.name)

        var algorithms: Set<DigestAlgorithm> = [.sha256, .gost34311]
        for (name, bytes) in files where name.hasPrefix(EvidencePackageLayout.archivePrefix) {
            if let algorithm = ArchiveManifest(canonical: bytes)?.digestAlgorithm { algorithms.insert(algorithm) }
        }
        for name in signatureFiles where EvidencePackageLayout.signatureEntry(name) == .cms {
            if let bytes = files[name], let signedData = try? SignedData(bytes: bytes) {
                algorithms.formUnion(signedData.contentDigestAlgorithms)
            }
        }
        var documentDigests: [DigestAlgorithm: [UInt8]] = [:]
        var document: EvidencePackageVerification.Document?
        for entry in documentEntries {
            var set = DigestSet(algorithms: algorithms.sorted { $0.rawValue < $1.rawValue })
            try zip.stream(entry) { set.update(bufferPointer: $0) }
            let digests = set.finalize()
            sha256ByName[entry.name] = digests[.sha256].map(Hex.encode)
            if documentEntries.count == 1 {
                documentDigests = digests
                document = .init(
                    name: String(entry.name.dropFirst(EvidencePackageLayout.documentFolder.count)), size: entry.range.count,
                    sha256: digests[.sha256].map(Hex.encode) ?? "", gost34311: digests[.gost34311].map(Hex.encode) ?? "")
            }
        }
        self.files = files
        self.sha256ByName = sha256ByName
        self.document = document
        self.documentDigests = documentDigests
    }

    /// The SHA-256 of any entry, document included, computed when it was read.
    func sha256(of name: String) -> String? { sha256ByName[name] }

    /// Any entry's digest in `algorithm`: the document's from the one pass over it, the others' from their bytes.
    func digest(of name: String, _ algorithm: DigestAlgorithm) -> [UInt8]? {
        if let bytes = files[name] { return algorithm.hash(bytes) }
        guard let document, name == EvidencePackageLayout.document(named: document.name) else { return nil }
        return documentDigests[algorithm]
    }
}
