import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimXMLDSig

/// Verifies an evidence package offline, needing nothing but the package and the trust anchors: every step
/// of the chain of custody, each reported, so an expert can see which one fails.
///
/// The package is read from a file by offset: every small entry is read once, and the document is streamed
/// once through its CRC-32 and every digest any check needs (SHA-256, GOST 34.311, and each CMS signer's),
/// so a 100 MB document costs one pass and 1 MiB of buffer.
public struct EvidencePackageVerifier: Sendable {
    public let context: ValidationContext

    /// Whether the policy inside the package (`validation/policy.json`) replaces the context's. Off by default:
    /// a package is made by the party whose evidence it is, so the verifier's own policy decides unless the
    /// one verifying asks to check the package against the policy it claims.
    public let usesPackagePolicy: Bool

    public init(context: ValidationContext, usesPackagePolicy: Bool = false) {
        self.context = context
        self.usesPackagePolicy = usesPackagePolicy
    }

    public func verify(packageBytes: [UInt8], at time: Date? = nil) async -> EvidencePackageVerification {
        await verify(.bytes(packageBytes), at: time)
    }

    public func verify(packageAt path: String, at time: Date? = nil) async -> EvidencePackageVerification {
        await verify(.file(path: path), at: time)
    }

    /// `time`, when given, is the validation time of every signature and seal; otherwise each EDS signature is
    /// validated at the time its report at completion recorded, and each seal at the time it was sealed (its
    /// timestamp, or its claimed signing time), as EN 319 102-1 past-signature validation does.
    public func verify(_ source: StoredZIPReader.Source, at time: Date? = nil) async -> EvidencePackageVerification {
        var result = EvidencePackageVerification()

        // 1. Container: canonical framing, and every entry's CRC-32 as it is read.
        guard let package = readContainer(source, into: &result) else { return result }

        // 2. Manifest: every file listed with its SHA-256, nothing unlisted.
        guard let manifestBytes = package.files["META-INF/manifest.json"],
            let manifest = try? CanonicalJSON.decoder().decode([String: [String: String]].self, from: Data(manifestBytes))["files"],
            (try? CanonicalJSON.encode(["files": manifest])) == manifestBytes
        else {
            result.record(.manifest, .totalFailed, .manifestUnreadable)
            return result
        }
        result.manifestSHA256 = Hex.encode(DigestAlgorithm.sha256.hash(manifestBytes))
        let problems = Self.manifestProblems(manifest, package)
        result.record(
            .manifest, problems.isEmpty ? .totalPassed : .totalFailed,
            problems.isEmpty ? .manifestMatches(files: manifest.count) : .manifestProblems(problems))

        let context = usesPackagePolicy ? Self.packagePolicy(package, over: self.context) : self.context

        // 3. The platform seal over the manifest.
        var sealCertificate: Certificate?
        if let seal = package.files["META-INF/seal.p7s"] {
            let signedData = try? SignedData(bytes: seal)
            sealCertificate = signedData.flatMap { sealed in
                sealed.signerInfos.first.flatMap { signer in sealed.certificates.first { signer.signerIdentifier.matches($0) } }
            }
            let (report, when, source) = await Self.validateSeal(
                seal, parsed: signedData, content: manifestBytes, at: time, validator: CMSSignatureValidator(context: context))
            result.record(.seal, report.indication, .sealValidated(at: when, timeSource: source, summary: Self.summary(report)))
        } else {
            result.record(.seal, .totalFailed, .sealMissing)
        }

        // 4. The document and the digests the log and the signatures are bound to.
        let (logLineCount, events) = AuditLogJSONLines.decode(package.files["audit/log.jsonl"] ?? [])
        result.auditLog = events
        guard let document = package.document else {
            result.record(
                .document, .totalFailed,
                package.documentEntries.isEmpty ? .documentMissing : .documentAmbiguous(entries: package.documentEntries.count))
            return result
        }
        result.document = document
        let boundElsewhere = events.filter {
            $0.event.documentSHA256 != document.sha256 || $0.event.documentGOST34311 != document.gost34311
        }
        if events.isEmpty {
            result.record(.document, .totalFailed, .documentNotInLog)
        } else if !boundElsewhere.isEmpty {
            result.record(.document, .totalFailed, .documentBoundElsewhere(events: boundElsewhere.count))
        } else {
            result.record(
                .document, .totalPassed,
                .documentBound(entry: "document/" + document.name, sha256: document.sha256, gost34311: document.gost34311))
        }

        // 5. Each EDS signature again, at the time its report recorded, with the package's own revocation data.
        let packaged = Self.withPackagedEvidence(package, over: context)
        for file in package.signatureFiles where !file.hasSuffix(".ses.p7s") && (file.hasSuffix(".p7s") || file.hasSuffix(".xml")) {
            await verifyEDSSignature(file, package, packaged, at: time, events: events, into: &result)
        }

        // 6. Each SMS-OTP simple signature: its seal, and its binding to this document.
        for file in package.signatureFiles where file.hasSuffix(".ses.json") {
            await verifySimpleSignature(file, package, packaged, at: time, events: events, into: &result)
        }

        // 7. The audit chain.
        var head: [UInt8] = []
        do {
            head = try AuditChain.verify(events)
            guard logLineCount == events.count, !events.isEmpty else {
                throw AuditChainError.encoding("\(logLineCount - events.count) lines of the log do not decode")
            }
            result.record(.auditChain, .totalPassed, .auditChainIntact(events: events.count, head: Hex.encode(head)))
        } catch {
            result.record(.auditChain, .totalFailed, .auditChainBroken(reason: "\(DecodingErrorText.sentence(error))"))
        }

        // 8–9. The head's inclusion in the platform log and the checkpoint's signature by the platform key.
        guard let inclusionBytes = package.files["audit/inclusion.json"],
            let inclusion = try? JSONDecoder().decode(EvidencePackageContents.LogInclusion.self, from: Data(inclusionBytes)),
            let last = events.last
        else {
            result.record(.logInclusion, .totalFailed, .inclusionMissing)
            return result
        }
        result.inclusion = inclusion
        do {
            let checkpoint = try Checkpoint(text: String(inclusion.checkpoint.components(separatedBy: "\n\n")[0]) + "\n")
            let leaf = MerkleHash.leaf(
                try AuditAnchor(documentID: last.event.documentID, lastSequence: last.event.sequence, head: Hex.encode(head)).leafData())
            guard checkpoint.size == inclusion.treeSize else { throw MerkleProofError.rootMismatch }
            let proof = try inclusion.proof.map { encoded throws(MerkleProofError) -> [UInt8] in
                guard let node = Data(base64Encoded: encoded) else { throw .malformedHash }
                return Array(node)
            }
            try MerkleProof.verifyInclusion(
                leafHash: leaf, index: inclusion.leafIndex, treeSize: inclusion.treeSize, proof: proof, root: checkpoint.rootHash)
            result.record(
                .logInclusion, .totalPassed,
                .inclusionVerified(leafIndex: inclusion.leafIndex, treeSize: inclusion.treeSize, origin: checkpoint.origin))
        } catch {
            result.record(.logInclusion, .totalFailed, .inclusionFailed(reason: "\(DecodingErrorText.sentence(error))"))
        }
        do {
            guard let certificate = sealCertificate, let key = try? certificate.publicKey else { throw NoteError.noTrustedSignature }
            let algorithm = try SigningIdentity.defaultAlgorithm(for: certificate)
            let names = inclusion.checkpoint.split(separator: "\n").filter { $0.hasPrefix("\u{2014} ") }.compactMap {
                $0.split(separator: " ").dropFirst().first.map(String.init)
            }
            let keys = names.compactMap { try? NoteKey(name: $0, publicKey: key, algorithm: algorithm) }
            let checkpoint = try Checkpoint.verify(inclusion.checkpoint, trusting: keys)
            result.record(.checkpoint, .totalPassed, .checkpointVerified(origin: checkpoint.origin, size: checkpoint.size))
        } catch {
            result.record(.checkpoint, .totalFailed, .checkpointFailed(reason: "\(DecodingErrorText.sentence(error))"))
        }
        return result
    }

    // MARK: Steps

    /// Step 1. Reads every entry but the document whole, and streams the document once through its CRC-32 and
    /// every digest a later step needs.
    private func readContainer(_ source: StoredZIPReader.Source, into result: inout EvidencePackageVerification) -> PackageFiles? {
        do {
            let zip = try StoredZIPReader(source: source)
            guard let first = zip.entries.first, first.name == "mimetype",
                try zip.contents(of: first) == Array(EvidencePackageBuilder.mimeType.utf8)
            else {
                result.record(.container, .totalFailed, .mimetypeNotFirst)
                return nil
            }
            if let problem = try zip.canonicalFramingProblem() {
                result.record(.container, .totalFailed, .framingNotCanonical(problem: problem))
                return nil
            }
            let package = try PackageFiles(zip)
            result.record(.container, .totalPassed, .containerIntact(entries: zip.entries.count))
            return package
        } catch .checksumMismatch(let entry) {
            result.record(.container, .totalFailed, .entryChecksumMismatch(entry: entry))
        } catch {
            result.record(.container, .totalFailed, .containerUnreadable(reason: error.description))
        }
        return nil
    }

    private static func manifestProblems(_ manifest: [String: String], _ package: PackageFiles) -> [EvidenceFinding.ManifestProblem] {
        var problems: [EvidenceFinding.ManifestProblem] = []
        let covered = package.names.subtracting(["mimetype", "META-INF/manifest.json", "META-INF/seal.p7s"])
        for name in covered.sorted() where manifest[name] == nil { problems.append(.unlisted(name)) }
        for (name, digest) in manifest.sorted(by: { $0.key < $1.key }) {
            guard let actual = package.sha256(of: name) else {
                problems.append(.missing(name))
                continue
            }
            if actual != digest { problems.append(.digestMismatch(name)) }
        }
        return problems
    }

    /// The policy the package was made under, when it carries one and its hash is what the reports name.
    private static func packagePolicy(_ package: PackageFiles, over context: ValidationContext) -> ValidationContext {
        guard let bytes = package.files["validation/policy.json"],
            let policy = try? JSONDecoder.iso8601.decode(ValidationPolicy.self, from: Data(bytes)),
            policy.sha256 == Hex.encode(DigestAlgorithm.sha256.hash(bytes))
        else { return context }
        return ValidationContext(
            trustStore: context.trustStore, policy: policy, revocationSources: context.revocationSources,
            certificateSources: context.certificateSources, extraCertificates: context.extraCertificates)
    }

    /// The context plus the package's CRLs, OCSP responses and path certificates.
    private static func withPackagedEvidence(_ package: PackageFiles, over context: ValidationContext) -> ValidationContext {
        let revocation = package.files.filter { $0.key.hasPrefix("revocation/") }.sorted { $0.key < $1.key }.map(\.value)
        let lists = revocation.compactMap { try? CertificateRevocationList(bytes: $0) }
        let responses = revocation.compactMap { try? OCSPResponse(derEncoded: $0) }
        let certificates = package.files.filter { $0.key.hasPrefix("chains/") }.sorted { $0.key < $1.key }.compactMap {
            try? Certificate(bytes: $0.value)
        }
        return ValidationContext(
            trustStore: context.trustStore, policy: context.policy,
            revocationSources: context.revocationSources + [OfflineRevocationSource(revocationLists: lists, ocspResponses: responses)],
            certificateSources: context.certificateSources, extraCertificates: context.extraCertificates + certificates)
    }

    /// Step 5 for one file: the signature re-validated, and its digest found among the audit log's received signatures.
    private func verifyEDSSignature(
        _ file: String, _ package: PackageFiles, _ context: ValidationContext, at time: Date?,
        events: [ChainedEvent], into result: inout EvidencePackageVerification
    ) async {
        guard let bytes = package.files[file], let document = package.document else { return }
        let number = file.dropFirst("signatures/".count).prefix { $0.isNumber }
        let recorded = package.files["validation/\(number).json"].flatMap {
            try? JSONDecoder.iso8601.decode(SignatureValidationReport.self, from: Data($0))
        }
        let validationTime = time ?? recorded?.validationTime
        var report: SignatureValidationReport
        if file.hasSuffix(".xml") {
            // An XML signature (eGov mobile's XML sign method) signs a statement about the document: what it signed
            // must name this document (its id, as the audit log records it, and its SHA-256).
            let validated = await XMLSignatureValidator(context: context).validate(xml: bytes, at: validationTime)
            report = validated.report
            let signed = validated.signedData.flatMap { $0 }.map(\.canonicalBytes)
            if !DocumentStatement.names(signed, documentID: events.first?.event.documentID, sha256: document.sha256) {
                report.failEverySignature(.signedDataNotFound, "the signed XML does not name this document's id and SHA-256")
                report = report.recombined(container: "XML")
            }
        } else {
            report = await CMSSignatureValidator(context: context).validate(
                cms: bytes, content: .hashed(digests: package.documentDigests, length: document.size), at: validationTime)
        }
        let fileDigest = package.sha256(of: file)
        let logged = events.contains {
            if case .edsSignatureReceived(_, _, let digest, _, _, _, _) = $0.event.action {
                return digest == fileDigest
            } else {
                return false
            }
        }
        let indication = logged ? report.indication : .totalFailed
        result.signatures.append(
            .init(
                file: file, kind: file.hasSuffix(".xml") ? .xml : .cms, recordedReport: recorded, report: report, simpleSignature: nil,
                indication: indication))
        result.record(
            .signature(file: file), indication, .signatureValidated(at: validationTime, summary: Self.summary(report), inAuditLog: logged))
    }

    /// Step 6 for one record: its seal at the time it was sealed, its binding to the document, its digest in the audit log.
    private func verifySimpleSignature(
        _ file: String, _ package: PackageFiles, _ context: ValidationContext, at time: Date?,
        events: [ChainedEvent], into result: inout EvidencePackageVerification
    ) async {
        guard let json = package.files[file], let document = package.document else { return }
        let sealName = String(file.dropLast(".json".count)) + ".p7s"
        guard let seal = package.files[sealName] else {
            result.record(.simpleSignature(file: file), .totalFailed, .simpleSignatureSealMissing(seal: sealName))
            return
        }
        let sealed = SealedSESRecord(json: json, seal: seal)
        let (when, source) =
            time.map { ($0, EvidenceFinding.SealTime.given) } ?? (try? SignedData(bytes: seal)).flatMap(Self.sealingTime) ?? (Date(), .now)
        let report = await sealed.verify(with: CMSSignatureValidator(context: context), documentSHA256: document.sha256, at: when)
        let digest = package.sha256(of: file)
        let logged = events.contains {
            if case .sesSignatureRecorded(_, _, let recordDigest) = $0.event.action { return recordDigest == digest } else { return false }
        }
        let indication = logged ? report.indication : .totalFailed
        result.signatures.append(
            .init(
                file: file, kind: .simple, recordedReport: nil, report: report, simpleSignature: try? sealed.record, indication: indication)
        )
        result.record(
            .simpleSignature(file: file), indication,
            .simpleSignatureValidated(at: when, timeSource: source, summary: Self.summary(report), inAuditLog: logged))
    }

    // MARK: Seals

    /// A seal validated at the time it was made: its timestamp's genTime when the timestamp holds, else the
    /// signing time it claims.
    static func validateSeal(_ seal: [UInt8], parsed: SignedData?, content: [UInt8], at time: Date?, validator: CMSSignatureValidator) async
        -> (report: SignatureValidationReport, time: Date, source: EvidenceFinding.SealTime)
    {
        let (when, claimedSource) = time.map { ($0, EvidenceFinding.SealTime.given) } ?? parsed.flatMap(sealingTime) ?? (Date(), .now)
        let report = await validator.validate(cms: seal, content: .bytes(content), at: when)
        let stamped = report.signatures.first?.timestamps.contains { $0.type == "signature" && $0.indication == .totalPassed } ?? false
        return (report, when, claimedSource == .timestamp && !stamped ? .claimed : claimedSource)
    }

    /// The genTime of the first signer's signature timestamp, or its claimed signing time.
    static func sealingTime(of seal: SignedData) -> (time: Date, source: EvidenceFinding.SealTime)? {
        guard let signer = seal.signerInfos.first else { return nil }
        let tokens = signer.unsignedAttributes.all(.CMS.signatureTimeStampToken).flatMap(\.values)
        if let token = tokens.lazy.compactMap({ try? TimeStampToken(bytes: $0) }).first { return (token.info.genTime, .timestamp) }
        return (try? signer.claimedSigningTime)?.map { ($0, .claimed) }
    }

    static func summary(_ report: SignatureValidationReport) -> String {
        report.signatures.map { signature in
            "\(signature.signer?.commonName ?? "unknown signer"): \(signature.indication.rawValue)\(signature.subIndication.map { "/\($0.rawValue)" } ?? "")\(signature.reason.map { " — \($0)" } ?? "")"
        }.joined(separator: "; ") + (report.signatures.isEmpty ? report.messages.joined(separator: "; ") : "")
    }
}
