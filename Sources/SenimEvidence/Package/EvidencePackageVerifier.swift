import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimXMLDSig

/// One numbered step of an offline package verification.
public struct EvidenceStep: Sendable, Codable {
    public let number: Int
    public let name: String
    public let indication: Indication
    public let detail: String
}

/// Verifies an evidence package offline, needing nothing but the package and the trust anchors: every step
/// of the chain of custody, each reported, so an expert can see which one fails.
public struct EvidencePackageVerifier: Sendable {
    public let context: ValidationContext

    public init(context: ValidationContext) { self.context = context }

    public func verify(packageBytes: [UInt8]) async -> [EvidenceStep] {
        var steps: [EvidenceStep] = []
        func record(_ name: String, _ indication: Indication, _ detail: String) {
            steps.append(EvidenceStep(number: steps.count + 1, name: name, indication: indication, detail: detail))
        }

        // 1. Container.
        let zip: StoredZIPReader
        do { zip = try StoredZIPReader(bytes: packageBytes) } catch {
            record("container", .totalFailed, error.description)
            return steps
        }
        guard zip.entries.first?.name == "mimetype", zip.data("mimetype").map(Array.init) == Array(EvidencePackageBuilder.mimeType.utf8) else {
            record("container", .totalFailed, "the first entry is not mimetype = \(EvidencePackageBuilder.mimeType)")
            return steps
        }
        guard (try? StoredZIP.canonical(zip)) == packageBytes else {
            record("container", .totalFailed, "the archive's framing (headers, flags, directory) differs from the canonical form the platform writes")
            return steps
        }
        record("container", .totalPassed, "\(zip.entries.count) entries, every CRC-32 correct, mimetype first, canonical framing")

        // 2. Manifest: every file listed with its SHA-256, nothing unlisted.
        guard let manifestBytes = zip.data("META-INF/manifest.json").map(Array.init),
              let manifest = try? CanonicalJSON.decoder().decode([String: [String: String]].self, from: Data(manifestBytes))["files"],
              (try? CanonicalJSON.encode(["files": manifest])) == manifestBytes else {
            record("manifest", .totalFailed, "META-INF/manifest.json is missing or not canonical JSON")
            return steps
        }
        let covered = Set(zip.entries.map(\.name)).subtracting(["mimetype", "META-INF/manifest.json", "META-INF/seal.p7s"])
        var manifestProblems: [String] = []
        for name in covered.sorted() where manifest[name] == nil { manifestProblems.append("\(name) is not in the manifest") }
        for (name, digest) in manifest.sorted(by: { $0.key < $1.key }) {
            guard let data = zip.data(name) else { manifestProblems.append("\(name) is listed but missing"); continue }
            if Hex.encode(DigestAlgorithm.sha256.hash(data)) != digest { manifestProblems.append("\(name) does not match its SHA-256") }
        }
        record("manifest", manifestProblems.isEmpty ? .totalPassed : .totalFailed,
               manifestProblems.isEmpty ? "\(manifest.count) files match their SHA-256" : manifestProblems.joined(separator: "; "))

        // The policy the package was made under, when it carries one and its hash is what the reports name.
        var context = self.context
        if let policyBytes = zip.data("validation/policy.json"),
           let policy = try? JSONDecoder.iso8601.decode(ValidationPolicy.self, from: Data(policyBytes)),
           policy.sha256 == Hex.encode(DigestAlgorithm.sha256.hash(policyBytes)) {
            context = ValidationContext(trustStore: context.trustStore, policy: policy, revocationSources: context.revocationSources,
                                        certificateSources: context.certificateSources, extraCertificates: context.extraCertificates)
        }

        // 3. The platform seal over the manifest.
        let cms = CMSSignatureValidator(context: context)
        var sealCertificate: Certificate?
        if let seal = zip.data("META-INF/seal.p7s").map(Array.init) {
            let report = await cms.validate(cms: seal, content: .bytes(manifestBytes))
            if let signedData = try? SignedData(bytes: seal), let signer = signedData.signerInfos.first {
                sealCertificate = signedData.certificates.first { signer.signerIdentifier.matches($0) }
            }
            record("seal", report.indication, Self.summary(report))
        } else {
            record("seal", .totalFailed, "META-INF/seal.p7s is missing")
        }

        // 4. The document and the digests the log and the signatures are bound to.
        guard let documentEntry = zip.entries.first(where: { $0.name.hasPrefix("document/") }) else {
            record("document", .totalFailed, "no document/ entry")
            return steps
        }
        let document = zip.bytes[documentEntry.range]
        let sha256 = Hex.encode(DigestAlgorithm.sha256.hash(document)), gost = Hex.encode(DigestAlgorithm.gost34311.hash(document))
        let (logLineCount, events) = AuditLogJSONLines.decode(zip.data("audit/log.jsonl") ?? [])
        let boundElsewhere = events.filter { $0.event.documentSHA256 != sha256 || $0.event.documentGOST34311 != gost }
        record("document", boundElsewhere.isEmpty && !events.isEmpty ? .totalPassed : .totalFailed,
               boundElsewhere.isEmpty ? "\(documentEntry.name): SHA-256 \(sha256), GOST 34.311 \(gost), as in every audit event"
                                      : "\(boundElsewhere.count) audit events name other document digests")

        // 5. Each EDS signature again, at the time its report recorded, with the package's own revocation data.
        let lists = zip.entries.filter { $0.name.hasPrefix("revocation/") }.compactMap { try? CertificateRevocationList(bytes: Array(zip.bytes[$0.range])) }
        let responses = zip.entries.filter { $0.name.hasPrefix("revocation/") }.compactMap { try? OCSPResponse(derEncoded: Array(zip.bytes[$0.range])) }
        let certificates = zip.entries.filter { $0.name.hasPrefix("chains/") }.compactMap { try? Certificate(bytes: Array(zip.bytes[$0.range])) }
        let packaged = ValidationContext(trustStore: context.trustStore, policy: context.policy,
                                         revocationSources: context.revocationSources + [OfflineRevocationSource(revocationLists: lists, ocspResponses: responses)],
                                         extraCertificates: context.extraCertificates + certificates)
        let signatureFiles = zip.entries.filter { $0.name.hasPrefix("signatures/") }
        for file in signatureFiles where file.name.hasSuffix(".p7s") || file.name.hasSuffix(".xml") {
            guard !file.name.hasSuffix(".ses.p7s") else { continue }
            let number = file.name.dropFirst("signatures/".count).prefix { $0.isNumber }
            let recorded = zip.data("validation/\(number).json").flatMap { try? JSONDecoder.iso8601.decode(SignatureValidationReport.self, from: Data($0)) }
            let time = recorded?.validationTime
            var report: SignatureValidationReport
            if file.name.hasSuffix(".xml") {
                // An XML signature (eGov mobile's XML sign method) signs an XML statement about the document: what it
                // signed must name the document's SHA-256, or it is not a signature of this document.
                let result = await XMLSignatureValidator(context: packaged).validate(xml: Array(zip.bytes[file.range]), at: time)
                report = result.report
                let signedText = result.signedData.flatMap { $0 }.map { String(decoding: $0.canonicalBytes, as: UTF8.self).lowercased() }
                if !signedText.contains(where: { $0.contains(sha256) }) {
                    report.failEverySignature(.signedDataNotFound, "the signed XML does not name the document's SHA-256")
                    report = report.recombined(container: "XML")
                }
            } else {
                report = await CMSSignatureValidator(context: packaged).validate(cms: Array(zip.bytes[file.range]), content: .bytes(Array(document)), at: time)
            }
            let fileDigest = Hex.encode(DigestAlgorithm.sha256.hash(zip.bytes[file.range]))
            let logged = events.contains { if case .edsSignatureReceived(_, _, let digest, _, _, _, _) = $0.event.action { return digest == fileDigest } else { return false } }
            let indication = logged ? report.indication : .totalFailed
            record("signature \(file.name)", indication, (logged ? "" : "not recorded in the audit log; ") + Self.summary(report))
        }

        // 6. Each SMS-OTP simple signature: its seal, and its binding to this document.
        for file in signatureFiles where file.name.hasSuffix(".ses.json") {
            let sealName = String(file.name.dropLast(".json".count)) + ".p7s"
            guard let seal = zip.data(sealName) else { record("simple signature \(file.name)", .totalFailed, "\(sealName) is missing"); continue }
            let sealed = SealedSESRecord(json: Array(zip.bytes[file.range]), seal: Array(seal))
            let report = await sealed.verify(with: CMSSignatureValidator(context: packaged), documentSHA256: sha256)
            let digest = Hex.encode(DigestAlgorithm.sha256.hash(sealed.json))
            let logged = events.contains { if case .sesSignatureRecorded(_, _, let recordDigest) = $0.event.action { return recordDigest == digest } else { return false } }
            record("simple signature \(file.name)", logged ? report.indication : .totalFailed,
                   (logged ? "" : "not recorded in the audit log; ") + "a simple electronic signature by SMS code (not an EDS): " + Self.summary(report))
        }

        // 7. The audit chain.
        var head: [UInt8] = []
        do {
            head = try AuditChain.verify(events)
            guard logLineCount == events.count, !events.isEmpty else { throw AuditChainError.encoding("\(logLineCount - events.count) lines of the log do not decode") }
            record("audit chain", .totalPassed, "\(events.count) events, hash chain unbroken, head \(Hex.encode(head))")
        } catch {
            record("audit chain", .totalFailed, "\(error)")
        }

        // 8–9. The head's inclusion in the platform log and the checkpoint's signature by the platform key.
        guard let inclusionBytes = zip.data("audit/inclusion.json"),
              let inclusion = try? JSONDecoder().decode(EvidencePackageContents.LogInclusion.self, from: Data(inclusionBytes)),
              let last = events.last else {
            record("log inclusion", .totalFailed, "audit/inclusion.json is missing or malformed")
            return steps
        }
        do {
            let checkpoint = try Checkpoint(text: String(inclusion.checkpoint.components(separatedBy: "\n\n")[0]) + "\n")
            let leaf = MerkleHash.leaf(AuditAnchor(documentID: last.event.documentID, lastSequence: last.event.sequence, head: Hex.encode(head)).leafData)
            guard checkpoint.size == inclusion.treeSize else { throw MerkleProofError.rootMismatch }
            try MerkleProof.verifyInclusion(leafHash: leaf, index: inclusion.leafIndex, treeSize: inclusion.treeSize,
                                            proof: inclusion.proof.map { Array(Data(base64Encoded: $0) ?? Data()) }, root: checkpoint.rootHash)
            record("log inclusion", .totalPassed, "leaf \(inclusion.leafIndex) of \(inclusion.treeSize) in \(checkpoint.origin)")
        } catch {
            record("log inclusion", .totalFailed, "\(error)")
        }
        do {
            guard let certificate = sealCertificate, let key = try? certificate.publicKey else { throw NoteError.noTrustedSignature }
            let algorithm = try SigningIdentity.defaultAlgorithm(for: certificate)
            let names = inclusion.checkpoint.split(separator: "\n").filter { $0.hasPrefix("\u{2014} ") }.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
            let keys = names.compactMap { try? NoteKey(name: $0, publicKey: key, algorithm: algorithm) }
            let checkpoint = try Checkpoint.verify(inclusion.checkpoint, trusting: keys)
            record("checkpoint", .totalPassed, "signed by the sealing key: \(checkpoint.origin), size \(checkpoint.size)")
        } catch {
            record("checkpoint", .totalFailed, "\(error)")
        }
        return steps
    }

    /// The worst step decides: TOTAL_FAILED before INDETERMINATE.
    public static func overall(_ steps: [EvidenceStep]) -> Indication {
        if steps.contains(where: { $0.indication == .totalFailed }) { return .totalFailed }
        if steps.contains(where: { $0.indication == .indeterminate }) { return .indeterminate }
        return .totalPassed
    }

    static func summary(_ report: SignatureValidationReport) -> String {
        report.signatures.map { signature in
            "\(signature.signer?.commonName ?? "unknown signer"): \(signature.indication.rawValue)\(signature.subIndication.map { "/\($0.rawValue)" } ?? "")\(signature.reason.map { " — \($0)" } ?? "")"
        }.joined(separator: "; ") + (report.signatures.isEmpty ? report.messages.joined(separator: "; ") : "")
    }
}
