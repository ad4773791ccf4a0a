import Foundation
import SenimCrypto
import SenimPKI

/// Writes an evidence package: an ASiC-E-compatible ZIP (`mimetype` first, stored) whose
/// `META-INF/manifest.json` lists the SHA-256 of every other file and whose `META-INF/seal.p7s` is the
/// platform's seal over the manifest, followed by the first archive timestamp when a TSA is configured. Every
/// entry name comes from ``EvidencePackageLayout``.
public struct EvidencePackageBuilder: Sendable {
    /// ``EvidencePackageLayout/mimeType``, where the server names the package's media type.
    public static let mimeType = EvidencePackageLayout.mimeType
    public let seal: PlatformSeal

    public init(seal: PlatformSeal) { self.seal = seal }

    public func build(_ contents: EvidencePackageContents, to path: String, at time: Date = Date()) async throws -> [String: String] {
        var manifest: [String: String] = [:]
        let writer = try StoredZIPWriter(path: path)
        try writer.add(EvidencePackageLayout.mimetypeEntry, bytes: Array(EvidencePackageLayout.mimeType.utf8))
        func add(_ name: String, _ bytes: [UInt8]) throws {
            try writer.add(name, bytes: bytes)
            manifest[name] = Hex.encode(DigestAlgorithm.sha256.hash(bytes))
        }

        // The document is streamed twice (digest, then archive): constant memory for any size.
        let documentEntry = EvidencePackageLayout.document(named: Self.safeName(contents.documentName))
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
            let name = EvidencePackageLayout.edsSignature(
                number: index + 1, signer: Self.safeName(signature.signerLabel), kind: signature.kind)
            try add(name, signature.bytes)
            try add(EvidencePackageLayout.validationReport(number: String(index + 1)), Array(try encoder.encode(signature.report)))
        }
        try add(EvidencePackageLayout.policy, Array(try contents.policy.canonicalEncoding()))
        let offset = contents.edsSignatures.count
        for (index, signature) in contents.sesSignatures.enumerated() {
            let record = EvidencePackageLayout.simpleSignatureRecord(
                number: offset + index + 1, signer: Self.safeName(signature.signerLabel))
            try add(record, signature.record.json)
            try add(EvidencePackageLayout.simpleSignatureSeal(ofRecord: record), signature.record.seal)
        }
        for item in contents.revocationData { try add(EvidencePackageLayout.revocationData(named: Self.safeName(item.name)), item.bytes) }
        for certificate in contents.certificates {
            try add(EvidencePackageLayout.certificate(sha256: Hex.encode(certificate.sha256Fingerprint)), certificate.derEncoded)
        }
        try add(EvidencePackageLayout.auditLog, try AuditLogJSONLines.encode(contents.auditLog))
        try add(EvidencePackageLayout.inclusion, try CanonicalJSON.encode(contents.inclusion))
        for report in contents.reports { try add(EvidencePackageLayout.report(language: report.language), report.html) }
        for report in contents.reportPDFs { try add(EvidencePackageLayout.reportPDF(language: report.language), report.pdf) }

        let manifestBytes = try CanonicalJSON.encode(["files": manifest])
        try writer.add(EvidencePackageLayout.manifest, bytes: manifestBytes)
        let sealed = try await seal.seal(manifestBytes, at: time)
        try writer.add(EvidencePackageLayout.seal, bytes: sealed.derEncoded)
        // With a TSA, the seal is followed by the first archive timestamp over everything before it (the manifest
        // and the seal by their own digests, the rest by the manifest's), so the package can be renewed later.
        if let client = seal.timestampClient {
            var covered = manifest
            covered[EvidencePackageLayout.manifest] = Hex.encode(DigestAlgorithm.sha256.hash(manifestBytes))
            covered[EvidencePackageLayout.seal] = Hex.encode(DigestAlgorithm.sha256.hash(sealed.derEncoded))
            for (name, bytes) in try await EvidencePackageArchiver(client: client).pair(number: 1, digests: covered).entries {
                try writer.add(name, bytes: bytes)
            }
        }
        try writer.finish()
        return manifest
    }

    /// A file name safe inside the archive: no path separators or control characters.
    static func safeName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { $0 == "/" || $0 == "\\" || $0.value < 0x20 ? "_" : Character($0) })
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "_" : cleaned
    }
}
