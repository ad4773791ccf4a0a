import Foundation
import SenimCrypto
import SenimPKI

/// Writes an evidence package: an ASiC-E-compatible ZIP (`mimetype` first, stored) whose
/// `META-INF/manifest.json` lists the SHA-256 of every other file and whose `META-INF/seal.p7s` is the
/// platform's seal over the manifest.
public struct EvidencePackageBuilder: Sendable {
    public static let mimeType = "application/vnd.etsi.asic-e+zip"
    public let seal: PlatformSeal

    public init(seal: PlatformSeal) { self.seal = seal }

    public func build(_ contents: EvidencePackageContents, to path: String, at time: Date = Date()) async throws -> [String: String] {
        var manifest: [String: String] = [:]
        let writer = try StoredZIPWriter(path: path)
        try writer.add("mimetype", bytes: Array(Self.mimeType.utf8))
        func add(_ name: String, _ bytes: [UInt8]) throws {
            try writer.add(name, bytes: bytes)
            manifest[name] = Hex.encode(DigestAlgorithm.sha256.hash(bytes))
        }

        // The document is streamed twice (digest, then archive): constant memory for any size.
        let documentEntry = "document/" + Self.safeName(contents.documentName)
        var hasher = DigestAlgorithm.sha256.makeHasher()
        guard let handle = FileHandle(forReadingAtPath: contents.documentPath) else {
            throw StoredZIPError.io("cannot read \(contents.documentPath)")
        }
        try hasher.update(fileHandle: handle, path: contents.documentPath)
        try handle.close()
        manifest[documentEntry] = Hex.encode(hasher.finalize())
        try writer.add(documentEntry, contentsOfFile: contents.documentPath)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        for (index, signature) in contents.edsSignatures.enumerated() {
            try add("signatures/\(index + 1)-\(Self.safeName(signature.signerLabel)).\(signature.kind.rawValue)", signature.bytes)
            try add("validation/\(index + 1).json", Array(try encoder.encode(signature.report)))
        }
        try add("validation/policy.json", Array(try contents.policy.canonicalEncoding()))
        let offset = contents.edsSignatures.count
        for (index, signature) in contents.sesSignatures.enumerated() {
            let base = "signatures/\(offset + index + 1)-\(Self.safeName(signature.signerLabel))"
            try add(base + ".ses.json", signature.record.json)
            try add(base + ".ses.p7s", signature.record.seal)
        }
        for item in contents.revocationData { try add("revocation/" + Self.safeName(item.name), item.bytes) }
        // Named by SHA-256: two certificates never share a name (serial numbers are only unique per issuer).
        for certificate in contents.certificates {
            try add("chains/\(Hex.encode(certificate.sha256Fingerprint)).cer", certificate.derEncoded)
        }
        try add("audit/log.jsonl", try AuditLogJSONLines.encode(contents.auditLog))
        try add("audit/inclusion.json", try CanonicalJSON.encode(contents.inclusion))
        for report in contents.reports { try add("report/report.\(report.language).html", report.html) }

        let manifestBytes = try CanonicalJSON.encode(["files": manifest])
        try writer.add("META-INF/manifest.json", bytes: manifestBytes)
        let sealed = try await seal.seal(manifestBytes, at: time)
        try writer.add("META-INF/seal.p7s", bytes: sealed.derEncoded)
        try writer.finish()
        return manifest
    }

    /// A file name safe inside the archive: no path separators or control characters.
    static func safeName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { $0 == "/" || $0 == "\\" || $0.value < 0x20 ? "_" : Character($0) })
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "_" : cleaned
    }
}
