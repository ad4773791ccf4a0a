import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimVerify

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
    ///
    /// One function per step (``EvidenceCheck``), in the order they are numbered; a step whose input is missing
    /// ends the verification there (nothing later could be judged without it).
    public func verify(_ source: StoredZIPReader.Source, at time: Date? = nil) async -> EvidencePackageVerification {
        var result = EvidencePackageVerification()
        guard let package = checkContainer(source, into: &result) else { return result }
        guard let manifest = checkManifest(package, into: &result) else { return result }
        let context = usesPackagePolicy ? Self.packagePolicy(package, over: self.context) : self.context
        let (proof, archiveSteps) = await checkArchiveTimestamps(package, context: context, at: time)
        let sealCertificate = await checkSeal(package, manifest: manifest, context: context, at: time, proof: proof, into: &result)
        for (check, indication, finding) in archiveSteps { result.record(check, indication, finding) }
        let (logLineCount, events) = AuditLogJSONLines.decode(package.files[EvidencePackageLayout.auditLog] ?? [])
        result.auditLog = events
        guard let document = checkDocument(package, events: events, into: &result) else { return result }
        let packaged = Self.withPackagedEvidence(package, over: context)
        for file in package.signatureFiles {
            switch EvidencePackageLayout.signatureEntry(file) {
            case .cms?, .xml?:
                await checkEDSSignature(file, package, document, packaged, at: time, proof: proof, events: events, into: &result)
            default: break
            }
        }
        for file in package.signatureFiles where EvidencePackageLayout.signatureEntry(file) == .simpleRecord {
            await checkSimpleSignature(file, package, document, packaged, at: time, proof: proof, events: events, into: &result)
        }
        let head = checkAuditChain(events, lineCount: logLineCount, into: &result)
        guard let inclusion = checkLogInclusion(package, events: events, head: head, into: &result) else { return result }
        checkCheckpoint(inclusion, sealedBy: sealCertificate, into: &result)
        return result
    }

    // MARK: Steps

    /// Step 1, container: the `mimetype` entry first with the ASiC-E media type, canonical framing, every entry
    /// but the document read whole and the document streamed once through its CRC-32 and every digest a later
    /// step needs.
    private func checkContainer(_ source: StoredZIPReader.Source, into result: inout EvidencePackageVerification) -> PackageFiles? {
        do {
            let zip = try StoredZIPReader(source: source)
            guard let first = zip.entries.first, first.name == EvidencePackageLayout.mimetypeEntry,
                try zip.contents(of: first) == Array(EvidencePackageLayout.mimeType.utf8)
            else {
                result.record(.container, .totalFailed, .mimetypeNotFirst)
                return nil
            }
            if let problem = try zip.canonicalFramingProblem() {
                result.record(.container, .totalFailed, .framingNotCanonical(problem: problem))
                return nil
            }
            let package = try PackageFiles(zip)
            result.entryNames = zip.entries.map(\.name)
            result.record(.container, .totalPassed, .containerIntact(entries: zip.entries.count))
            return package
        } catch .checksumMismatch(let entry) {
            result.record(.container, .totalFailed, .entryChecksumMismatch(entry: entry))
        } catch {
            result.record(.container, .totalFailed, .containerUnreadable(reason: error.description))
        }
        return nil
    }

    /// Step 2, manifest: canonical JSON listing every file with its SHA-256, nothing unlisted. Returns the
    /// manifest's bytes (what the seal covers), nil when it cannot be read.
    private func checkManifest(_ package: PackageFiles, into result: inout EvidencePackageVerification) -> [UInt8]? {
        guard let manifestBytes = package.files[EvidencePackageLayout.manifest],
            let manifest = try? CanonicalJSON.decoder().decode([String: [String: String]].self, from: Data(manifestBytes))["files"],
            (try? CanonicalJSON.encode(["files": manifest])) == manifestBytes
        else {
            result.record(.manifest, .totalFailed, .manifestUnreadable)
            return nil
        }
        result.manifestSHA256 = Hex.encode(DigestAlgorithm.sha256.hash(manifestBytes))
        let problems = Self.manifestProblems(manifest, package)
        result.record(
            .manifest, problems.isEmpty ? .totalPassed : .totalFailed,
            problems.isEmpty ? .manifestMatches(files: manifest.count) : .manifestProblems(problems))
        return manifestBytes
    }

    /// Step 3, seal: the platform's CMS over the manifest, at the time it was sealed. Returns the sealing
    /// certificate, whose key also signs the log's checkpoints (step 9).
    private func checkSeal(
        _ package: PackageFiles, manifest: [UInt8], context: ValidationContext, at time: Date?, proof: ArchiveProof?,
        into result: inout EvidencePackageVerification
    ) async -> Certificate? {
        guard let seal = package.files[EvidencePackageLayout.seal] else {
            result.record(.seal, .totalFailed, .sealMissing)
            return nil
        }
        let signedData = try? SignedData(bytes: seal)
        let certificate = signedData.flatMap { sealed in
            sealed.signerInfos.first.flatMap { signer in sealed.certificates.first { signer.signerIdentifier.matches($0) } }
        }
        let validator = CMSSignatureValidator(context: context)
        let (report, when, source) = await Self.validateSeal(seal, parsed: signedData, content: manifest, at: time, validator: validator)
        result.sealReport = report
        if let proof,
            let again = await Self.revalidated(
                report, judgedAt: time, proof: proof,
                again: {
                    await validator.validate(cms: seal, content: .bytes(manifest), at: $0)
                })
        {
            let finding = EvidenceFinding.sealValidated(at: proof.time, timeSource: .timestamp, summary: Self.summary(again))
            result.record(.seal, again.indication, .existedAt(proof.time, archive: proof.file, finding: finding))
        } else {
            result.record(.seal, report.indication, .sealValidated(at: when, timeSource: source, summary: Self.summary(report)))
        }
        return certificate
    }

    /// Step 4, document: exactly one file under `document/`, and every audit event bound to its SHA-256 and
    /// GOST 34.311 digests. Returns the document, nil when there is not exactly one.
    private func checkDocument(
        _ package: PackageFiles, events: [ChainedEvent], into result: inout EvidencePackageVerification
    ) -> EvidencePackageVerification.Document? {
        guard let document = package.document else {
            result.record(
                .document, .totalFailed,
                package.documentEntries.isEmpty ? .documentMissing : .documentAmbiguous(entries: package.documentEntries.count))
            return nil
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
                .documentBound(
                    entry: EvidencePackageLayout.document(named: document.name), sha256: document.sha256, gost34311: document.gost34311))
        }
        return document
    }

    /// Step 7, audit chain: every line decodes and each event's hash chains to the previous one. Returns the
    /// chain head (empty when the chain is broken).
    private func checkAuditChain(_ events: [ChainedEvent], lineCount: Int, into result: inout EvidencePackageVerification) -> [UInt8] {
        do {
            let head = try AuditChain.verify(events)
            guard lineCount == events.count, !events.isEmpty else {
                throw AuditChainError.encoding("\(lineCount - events.count) lines of the log do not decode")
            }
            result.record(.auditChain, .totalPassed, .auditChainIntact(events: events.count, head: Hex.encode(head)))
            return head
        } catch {
            result.record(.auditChain, .totalFailed, .auditChainBroken(reason: "\(DecodingErrorText.sentence(error))"))
            return []
        }
    }

    /// Step 8, log inclusion: the chain head's leaf is in the platform log at the checkpoint's size and root
    /// (RFC 9162 §2.1.3.2). Returns the inclusion record, nil when the package has none (nothing to check
    /// the checkpoint of).
    private func checkLogInclusion(
        _ package: PackageFiles, events: [ChainedEvent], head: [UInt8], into result: inout EvidencePackageVerification
    ) -> EvidencePackageContents.LogInclusion? {
        guard let inclusionBytes = package.files[EvidencePackageLayout.inclusion],
            let inclusion = try? JSONDecoder().decode(EvidencePackageContents.LogInclusion.self, from: Data(inclusionBytes)),
            let last = events.last
        else {
            result.record(.logInclusion, .totalFailed, .inclusionMissing)
            return nil
        }
        result.inclusion = inclusion
        do {
            let checkpoint = try Checkpoint(unverifiedNote: inclusion.checkpoint)
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
        return inclusion
    }

    /// Step 9, checkpoint: signed by the platform's key, the one that sealed the package (the note's key names
    /// are taken from its own signature lines; the key ID must still match).
    private func checkCheckpoint(
        _ inclusion: EvidencePackageContents.LogInclusion, sealedBy sealCertificate: Certificate?,
        into result: inout EvidencePackageVerification
    ) {
        do {
            guard let certificate = sealCertificate, let key = try? certificate.publicKey else { throw NoteError.noTrustedSignature }
            let algorithm = try SigningIdentity.defaultAlgorithm(for: certificate)
            let names = (try? SignedNote.parse(inclusion.checkpoint))?.signatures.map(\.keyName) ?? []
            let keys = names.compactMap { try? NoteKey(name: $0, publicKey: key, algorithm: algorithm) }
            let checkpoint = try Checkpoint.verify(inclusion.checkpoint, trusting: keys)
            result.record(.checkpoint, .totalPassed, .checkpointVerified(origin: checkpoint.origin, size: checkpoint.size))
        } catch {
            result.record(.checkpoint, .totalFailed, .checkpointFailed(reason: "\(DecodingErrorText.sentence(error))"))
        }
    }

    private static func manifestProblems(_ manifest: [String: String], _ package: PackageFiles) -> [EvidenceFinding.ManifestProblem] {
        var problems: [EvidenceFinding.ManifestProblem] = []
        let covered = package.names.filter { !EvidencePackageLayout.isOutsideManifest($0) }
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
        guard let bytes = package.files[EvidencePackageLayout.policy],
            let policy = try? JSONDecoder.iso8601.decode(ValidationPolicy.self, from: Data(bytes)),
            policy.sha256 == Hex.encode(DigestAlgorithm.sha256.hash(bytes))
        else { return context }
        return ValidationContext(
            trustStore: context.trustStore, policy: policy, revocationSources: context.revocationSources,
            certificateSources: context.certificateSources, extraCertificates: context.extraCertificates)
    }

    /// The context plus the package's CRLs, OCSP responses and path certificates.
    private static func withPackagedEvidence(_ package: PackageFiles, over context: ValidationContext) -> ValidationContext {
        func entries(under folder: String) -> [[UInt8]] {
            package.files.filter { $0.key.hasPrefix(folder) }.sorted { $0.key < $1.key }.map(\.value)
        }
        let revocation = entries(under: EvidencePackageLayout.revocationFolder)
        let lists = revocation.compactMap { try? CertificateRevocationList(bytes: $0) }
        let responses = revocation.compactMap { try? OCSPResponse(derEncoded: $0) }
        let certificates = entries(under: EvidencePackageLayout.chainsFolder).compactMap { try? Certificate(bytes: $0) }
        return ValidationContext(
            trustStore: context.trustStore, policy: context.policy,
            revocationSources: context.revocationSources + [OfflineRevocationSource(revocationLists: lists, ocspResponses: responses)],
            certificateSources: context.certificateSources, extraCertificates: context.extraCertificates + certificates)
    }

    /// Step 5 for one file: the signature re-validated (by ``SignatureVerifier``, the same rules as when it
    /// arrived), and its digest found among the audit log's received signatures.
    private func checkEDSSignature(
        _ file: String, _ package: PackageFiles, _ document: EvidencePackageVerification.Document, _ context: ValidationContext,
        at time: Date?, proof: ArchiveProof?, events: [ChainedEvent], into result: inout EvidencePackageVerification
    ) async {
        guard let bytes = package.files[file] else { return }
        let number = EvidencePackageLayout.signatureNumber(file)
        let recorded = package.files[EvidencePackageLayout.validationReport(number: number)].flatMap {
            try? JSONDecoder.iso8601.decode(SignatureValidationReport.self, from: Data($0))
        }
        let validationTime = time ?? recorded?.validationTime
        let verifier = SignatureVerifier(context: context)
        let isXML = EvidencePackageLayout.signatureEntry(file) == .xml
        // An XML signature (eGov mobile's XML sign method) signs a statement about the document: what it signed
        // must name this document (its id, as the audit log records it, and its SHA-256).
        let named = DocumentReference(id: events.first?.event.documentID, sha256: document.sha256)
        let validate = { (when: Date?) async -> SignatureValidationReport in
            if isXML { return await verifier.verifyXML(bytes, at: when, naming: named).report }
            return await verifier.verifyCMS(
                bytes: bytes, content: .hashed(digests: package.documentDigests, length: document.size), at: when)
        }
        var report = await validate(validationTime)
        var existedAt: ArchiveProof?
        if let proof, let again = await Self.revalidated(report, judgedAt: time, proof: proof, again: { await validate($0) }) {
            report = again
            existedAt = proof
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
                file: file, kind: isXML ? .xml : .cms, recordedReport: recorded, report: report, simpleSignature: nil,
                indication: indication))
        let finding = EvidenceFinding.signatureValidated(
            at: existedAt?.time ?? validationTime, summary: Self.summary(report), inAuditLog: logged)
        result.record(
            .signature(file: file), indication,
            existedAt.map { EvidenceFinding.existedAt($0.time, archive: $0.file, finding: finding) } ?? finding)
    }

    /// Step 6 for one record: its seal at the time it was sealed, its binding to the document, its digest in the audit log.
    private func checkSimpleSignature(
        _ file: String, _ package: PackageFiles, _ document: EvidencePackageVerification.Document, _ context: ValidationContext,
        at time: Date?, proof: ArchiveProof?, events: [ChainedEvent], into result: inout EvidencePackageVerification
    ) async {
        guard let json = package.files[file] else { return }
        let sealName = EvidencePackageLayout.simpleSignatureSeal(ofRecord: file)
        guard let seal = package.files[sealName] else {
            result.record(.simpleSignature(file: file), .totalFailed, .simpleSignatureSealMissing(seal: sealName))
            return
        }
        let sealed = SealedSESRecord(json: json, seal: seal)
        let (when, source) =
            time.map { ($0, EvidenceFinding.SealTime.given) } ?? (try? SignedData(bytes: seal)).flatMap(Self.sealingTime) ?? (Date(), .now)
        let validator = CMSSignatureValidator(context: context)
        var report = await sealed.verify(with: validator, documentSHA256: document.sha256, at: when)
        var existedAt: ArchiveProof?
        if let proof,
            let again = await Self.revalidated(
                report, judgedAt: time, proof: proof,
                again: {
                    await sealed.verify(with: validator, documentSHA256: document.sha256, at: $0)
                })
        {
            report = again
            existedAt = proof
        }
        let digest = package.sha256(of: file)
        let logged = events.contains {
            if case .sesSignatureRecorded(_, _, let recordDigest) = $0.event.action { return recordDigest == digest } else { return false }
        }
        let indication = logged ? report.indication : .totalFailed
        result.signatures.append(
            .init(
                file: file, kind: .simple, recordedReport: nil, report: report, simpleSignature: try? sealed.record, indication: indication)
        )
        let finding = EvidenceFinding.simpleSignatureValidated(
            at: existedAt?.time ?? when, timeSource: existedAt == nil ? source : .timestamp, summary: Self.summary(report),
            inAuditLog: logged)
        result.record(
            .simpleSignature(file: file), indication,
            existedAt.map { EvidenceFinding.existedAt($0.time, archive: $0.file, finding: finding) } ?? finding)
    }

    // MARK: Seals

    /// A seal validated at the time it was made: its timestamp's genTime when the timestamp holds, else the
    /// signing time it claims.
    static func validateSeal(_ seal: [UInt8], parsed: SignedData?, content: [UInt8], at time: Date?, validator: CMSSignatureValidator) async
        -> (report: SignatureValidationReport, time: Date, source: EvidenceFinding.SealTime)
    {
        let (when, claimedSource) = time.map { ($0, EvidenceFinding.SealTime.given) } ?? parsed.flatMap(sealingTime) ?? (Date(), .now)
        let report = await validator.validate(cms: seal, content: .bytes(content), at: when)
        let stamped = report.signatures.first?.timestamps.contains { $0.type == .signature && $0.indication == .totalPassed } ?? false
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
            let verdict = signature.indication.rawValue + (signature.subIndication.map { "/\($0.rawValue)" } ?? "")
            return "\(signature.signer?.commonName ?? "unknown signer"): \(verdict)\(signature.reason.map { " — \($0)" } ?? "")"
        }.joined(separator: "; ") + (report.signatures.isEmpty ? report.messages.joined(separator: "; ") : "")
    }
}

/// Evidence packages plug into ``SignatureVerifier`` through this conformance: SenimVerify, a layer below,
/// cannot import the package verifier, so ``SignatureVerifier/init(context:xmlOptions:evidencePackages:)``
/// takes one.
extension EvidencePackageVerifier: EvidencePackageVerifying {
    public func verifyEvidencePackage(_ source: EvidencePackageSource, at time: Date?) async -> any EvidencePackageOutcome {
        switch source {
        case .bytes(let bytes): return await verify(.bytes(bytes), at: time)
        case .file(let path): return await verify(.file(path: path), at: time)
        }
    }
}

extension EvidencePackageVerification: EvidencePackageOutcome {
    /// ``overall``: the worst step decides.
    public var indication: Indication { overall }
}
