import Foundation
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// The evidence package of one document (docs/ARCHITECTURE.md, "The evidence package"), built from the store as it is now:
/// the document, every signature as received with its report or seal, the audit chain, the Merkle inclusion
/// of its head in the platform log under a freshly signed checkpoint, and the platform seal over it all.
extension SenimPlatform {
    /// Builds the package into a temporary file and returns its path (the caller streams and removes it).
    /// Only a party of the document may export it; the export itself is recorded (`evidenceExported`).
    public func exportEvidence(documentID: String, by principal: WorkflowPrincipal, client: ClientContext) async throws -> String {
        let state = try await engine.state(ofDocument: documentID, for: principal, .readContent)
        if let wait = await exports.refusal(for: principal.user.id, at: now) { throw APIError(.tooManyRequests(retryAfter: wait)) }
        guard let document = state.document else { throw WorkflowError.documentNotFound(documentID) }
        let time = now
        let log = try await engine.auditLog(ofDocument: documentID)
        guard let leaf = try await engine.latestLeaf(ofDocument: documentID), leaf.lastSequence + 1 == UInt64(log.count) else {
            throw StoreError.corruptRow("the platform log does not anchor the last event of document \(documentID)")
        }
        let seal = configuration.sealIdentity
        let origin = configuration.logOrigin
        let noteKey = try NoteKey(name: origin, publicKey: try seal.certificate.publicKey, algorithm: seal.algorithm)
        let included = try await logMirror.inclusion(of: leaf.leafIndex, engine: engine) { size, root in
            try Checkpoint(origin: origin, size: size, rootHash: root).signed(by: noteKey, privateKey: seal.privateKey)
        }

        var eds: [EvidencePackageContents.EDSSignature] = []
        var ses: [EvidencePackageContents.SESSignature] = []
        var certificates: [Certificate] = []
        var validated = Set<String>()
        // Refused attempts stay out of signatures/: the audit log records each with its digest and reason.
        for stored in try await engine.signatures(ofDocument: documentID) where stored.accepted {
            let label = Self.label(of: stored.signerID, in: state)
            let bytes = try await blobs.contents(of: stored.blobPath)
            guard let companion = stored.companionPath else { continue }
            switch stored.kind {
            case .eds:
                let report = try JSONDecoder.iso8601.decode(
                    SignatureValidationReport.self, from: Data(try await blobs.contents(of: companion)))
                let isXML = EDSFormat.of(bytes) == .xml
                eds.append(.init(signerLabel: label, kind: isXML ? .xml : .cms, bytes: bytes, report: report))
                validated.formUnion(report.signatures.flatMap(Self.pathCertificates))
                if !isXML, let signedData = try? SignedData(bytes: bytes) { certificates += signedData.certificates }
            case .ses:
                ses.append(.init(signerLabel: label, record: SealedSESRecord(json: bytes, seal: try await blobs.contents(of: companion))))
            }
        }
        // Only certificates on a validated path go in (a signer cannot plant others, such as one that copies the
        // seal's serial), with the seal's own path beside them.
        certificates =
            (certificates + configuration.validation.trustStore.intermediates).filter {
                validated.contains(Hex.encode($0.sha256Fingerprint))
            } + [seal.certificate] + seal.chain
        let directory = (configuration.blobDirectory as NSString).appendingPathComponent(".exports")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("\(documentID)-\(UUID().uuidString).asice")
        // A database blob is copied to a private temporary file for the ZIP writer, and removed after. The package is
        // built twice: first without its report, which is verified to write the report (in the document's language,
        // HTML and, where Chromium is installed, PDF), then again with it, so the report is listed in the manifest and
        // covered by the seal like every other file.
        try await blobs.withFile(of: try await engine.blobPath(ofDocument: documentID)) { documentPath in
            var contents = EvidencePackageContents(
                documentName: document.fileName, documentPath: documentPath, edsSignatures: eds,
                sesSignatures: ses,
                revocationData: configuration.revocationFiles, certificates: Self.unique(certificates), auditLog: log,
                inclusion: .init(
                    leafIndex: leaf.leafIndex, treeSize: included.treeSize, proof: included.proof, checkpoint: included.checkpoint),
                policy: configuration.validation.policy)
            let sealer = PlatformSeal(
                identity: seal, timestampAuthorityURL: configuration.timestampAuthorityURL,
                fetcher: configuration.timestampAuthorityURL.map { _ in OnlineFetcher() })
            let draft = path + ".draft"
            defer { try? FileManager.default.removeItem(atPath: draft) }
            _ = try await EvidencePackageBuilder(seal: sealer).build(contents, to: draft, at: time)
            let verification = await EvidencePackageVerifier(context: configuration.validation).verify(packageAt: draft)
            let report = ArbitrationReport(
                verification, language: document.language, copy: .insidePackage, verifyPage: verifyPage)
            contents = EvidencePackageContents(
                documentName: contents.documentName, documentPath: documentPath, edsSignatures: eds, sesSignatures: ses,
                revocationData: contents.revocationData, certificates: contents.certificates, auditLog: log,
                inclusion: contents.inclusion, reports: [(document.language.rawValue, Array(report.html.utf8))],
                policy: contents.policy)
            if let renderer = configuration.reportRenderer, let pdf = try? await renderer.render(html: report.html) {
                contents.reportPDFs = [(document.language.rawValue, pdf)]
            }
            _ = try await EvidencePackageBuilder(seal: sealer).build(contents, to: path, at: time)
        }
        try await engine.recordDownload(
            documentID: documentID, item: "evidence package sha256:\(Hex.encode(try DigestAlgorithm.sha256.hash(contentsOfFile: path)))",
            by: principal,
            client: client, at: time)
        return path
    }

    /// The arbitration report of the package as this platform verifies it, naming the package's SHA-256 and the
    /// platform's public verification page.
    public func arbitrationReport(packageAt path: String, language: Language) async throws -> ArbitrationReport {
        let verification = await EvidencePackageVerifier(context: configuration.validation).verify(packageAt: path)
        let sha256 = Hex.encode(try DigestAlgorithm.sha256.hash(contentsOfFile: path))
        return ArbitrationReport(verification, language: language, copy: .renderedFrom(packageSHA256: sha256), verifyPage: verifyPage)
    }

    /// `/verify` on the platform's public address: printed with a QR code on the report's first page.
    var verifyPage: String {
        (configuration.publicBaseURL.hasSuffix("/") ? String(configuration.publicBaseURL.dropLast()) : configuration.publicBaseURL)
            + "/verify"
    }

    static func label(of signerID: String, in state: DocumentState) -> String {
        guard let signer = state.signers.first(where: { $0.id == signerID }) else { return signerID }
        return signer.party == .partner ? (state.partner?.organisation ?? signer.surname) : "\(signer.surname) \(signer.name)"
    }

    /// The SHA-256 of every certificate on the paths a signature's report validated: the signer's, its
    /// timestamps' and its countersignatures'.
    static func pathCertificates(_ signature: SignatureReport) -> [String] {
        signature.chain.map(\.sha256) + signature.timestamps.flatMap { $0.chain.map(\.sha256) }
            + signature.counterSignatures.flatMap(pathCertificates)
    }

    static func unique(_ certificates: [Certificate]) -> [Certificate] {
        var seen = Set<[UInt8]>()
        return certificates.filter { seen.insert($0.derEncoded).inserted }
    }

}
