import Foundation
import SenimCrypto
import SenimPKI

/// The human report of an evidence package for the arbitration court, in Russian, Kazakh or English, built for a
/// reader who is not technical (issue 22): the first page says what was signed, by whom, how and when, and whether
/// it holds, in one sentence each; then the timeline; then what each proof means and where it stops; then how to
/// verify it without the platform; the technical annex (every step, certificate, revocation source and the policy)
/// comes last. Every fact comes from what ``EvidencePackageVerifier`` read and checked; the words come from
/// ``ReportStrings``. Rendered as self-contained HTML with A4 print CSS (``html``) and, through headless Chromium,
/// as PDF (``ReportPDFRenderer``); the same facts as JSON.
public struct ArbitrationReport: Sendable, Encodable {
    /// Which package this copy speaks of. A file cannot carry the digest of the archive it is inside (nor of the
    /// manifest that lists it), so the copy inside a package names the document and the audit chain head instead.
    public enum Copy: Sendable, Hashable, Encodable {
        /// Rendered from a package file: its SHA-256 is printed in every footer and in "how to verify".
        case renderedFrom(packageSHA256: String)
        /// The copy stored as `report/report.<lang>.*` inside the package it describes.
        case insidePackage
    }

    public struct Document: Sendable, Encodable {
        /// The platform's document identifier (every audit event carries it).
        public let id: String
        public let name: String
        public let size: Int
        public let sha256: String
        public let gost34311: String
    }

    /// One signature, EDS or simple, with the facts a reader needs and the verdict of the step that judged it.
    public struct Signature: Sendable, Encodable {
        public enum Method: String, Sendable, Encodable {
            /// A CMS (CAdES) signature made with NCALayer or eGov mobile.
            case cms
            /// An XML signature (eGov mobile's XML method) of a statement naming the document.
            case xml
            /// A simple electronic signature by one-time SMS code.
            case simple
        }
        public let file: String
        public let method: Method
        /// The person's name: the certificate's common name, or the name the partner entered for an SMS signer.
        public let name: String?
        public let iin: String?
        public let bin: String?
        public let roles: [SignerRole]
        /// The phone the code went to, masked as in the audit log.
        public let phoneMasked: String?
        public let format: String?
        public let certificate: CertificateSummary?
        public let chain: [SignatureReport.ChainEntry]
        public let revocation: SignatureReport.RevocationSummary?
        /// The step's verdict: a file the audit log does not name fails whatever its signature says.
        public let indication: Indication
        public let subIndication: SubIndication?
        /// The validator's own sentences, quoted verbatim in the annex.
        public let messages: [String]
        /// The time the signer's software claims (signingTime), proven by nothing.
        public let claimedTime: Date?
        /// The genTime of a signature timestamp that holds.
        public let timestampTime: Date?
        /// For an SMS signature: the SHA-256 of the consent text the signer confirmed.
        public let consentTextSHA256: String?
    }

    /// One audit event as the timeline shows it.
    public struct Event: Sendable, Encodable {
        public let time: Date
        public let action: AuditAction
        public let actor: AuditActor
        /// The actor's name, matched by IIN to a signer the log or a certificate names.
        public let actorName: String?
        public let client: ClientContext
    }

    public struct Inclusion: Sendable, Encodable {
        public let leafIndex: UInt64
        public let treeSize: UInt64
        public let origin: String
    }

    /// The edition of the user agreement a signer accepted and the SHA-256 of its text (docs/user-agreement.md).
    public struct Agreement: Sendable, Encodable {
        public let edition: String
        public let sha256: String
    }

    public let language: Language
    public let copy: Copy
    /// The public page where anyone checks a document against the platform; printed with a QR code on page 1.
    public let verifyPage: String?
    public let document: Document
    public let signatures: [Signature]
    public let timeline: [Event]
    public let agreements: [Agreement]
    public let manifestSHA256: String?
    public let auditHead: String?
    public let inclusion: Inclusion?
    public let sealCertificate: CertificateSummary?
    public let policy: CertificateValidationReport.PolicyReference?
    /// The package's entries under `revocation/`: the CRLs and OCSP responses the checks used.
    public let revocationFiles: [String]
    /// The verifier's steps.
    public let steps: [EvidenceStep]
    public let overall: Indication

    /// The report of a verified package. `copy` says which package it speaks of; `verifyPage` is the platform's
    /// public verification page (nil leaves the link and the QR code out).
    public init(_ verification: EvidencePackageVerification, language: Language, copy: Copy, verifyPage: String? = nil) {
        self.language = language
        self.copy = copy
        self.verifyPage = verifyPage
        let events = verification.auditLog
        document = Document(
            id: events.first?.event.documentID ?? "—", name: verification.document?.name ?? "—", size: verification.document?.size ?? 0,
            sha256: verification.document?.sha256 ?? "—", gost34311: verification.document?.gost34311 ?? "—")
        manifestSHA256 = verification.manifestSHA256
        auditHead = events.last?.hash
        inclusion = verification.inclusion.map {
            Inclusion(
                leafIndex: $0.leafIndex, treeSize: $0.treeSize,
                origin: $0.checkpoint.split(separator: "\n").first.map(String.init) ?? "—")
        }
        sealCertificate = verification.sealReport?.signatures.first?.signingCertificate
        revocationFiles = verification.entryNames.filter { $0.hasPrefix(EvidencePackageLayout.revocationFolder) }
        steps = verification.steps
        overall = verification.overall

        // Names by IIN and by signer id, from the log (what the partner entered) and the certificates (what the NCA certified).
        var namesByIIN: [String: String] = [:]
        var namesBySigner: [String: String] = [:]
        var agreements: [Agreement] = []
        for chained in events {
            switch chained.event.action {
            case .signerAdded(let signerID, let surname, let name, let iin, _, _):
                namesByIIN[iin] = namesByIIN[iin] ?? "\(surname) \(name)"
                namesBySigner[signerID] = "\(surname) \(name)"
            case .agreementAccepted(let edition, let sha256):
                if !agreements.contains(where: { $0.edition == edition && $0.sha256 == sha256 }) {
                    agreements.append(Agreement(edition: edition, sha256: sha256))
                }
            default: break
            }
        }
        self.agreements = agreements

        var signatures: [Signature] = []
        var policy: CertificateValidationReport.PolicyReference?
        for file in verification.signatures {
            if file.kind == .simple {
                let binding = file.simpleSignature?.binding
                signatures.append(
                    Signature(
                        file: file.file, method: .simple, name: binding.flatMap { namesBySigner[$0.signerID] }, iin: binding?.signerIIN,
                        bin: nil, roles: [], phoneMasked: binding.map { AuditActor.mask(phone: $0.phoneE164) }, format: nil,
                        certificate: nil, chain: [], revocation: nil, indication: file.indication,
                        subIndication: file.indication == .totalPassed ? nil : file.report.signatures.first?.subIndication,
                        messages: file.report.signatures.flatMap(\.messages), claimedTime: file.simpleSignature?.confirmedAt,
                        timestampTime: nil, consentTextSHA256: binding?.consentTextSHA256))
                continue
            }
            policy = policy ?? file.report.policy
            for signature in file.report.signatures {
                let stamp = signature.timestamps.first { $0.type == .signature && $0.indication == .totalPassed }
                let indication = file.indication == .totalFailed ? Indication.totalFailed : signature.indication
                if let iin = signature.signer?.iin?.digits, let name = signature.signer?.commonName, namesByIIN[iin] == nil {
                    namesByIIN[iin] = name
                }
                signatures.append(
                    Signature(
                        file: file.file, method: file.kind == .xml ? .xml : .cms, name: signature.signer?.commonName,
                        iin: signature.signer?.iin?.digits, bin: signature.signer?.bin?.digits, roles: signature.signer?.roles ?? [],
                        phoneMasked: nil, format: signature.format.rawValue, certificate: signature.signingCertificate,
                        chain: signature.chain, revocation: signature.revocation, indication: indication,
                        subIndication: indication == .totalPassed ? nil : signature.subIndication ?? file.report.subIndication,
                        messages: signature.messages, claimedTime: signature.claimedSigningTime, timestampTime: stamp?.genTime,
                        consentTextSHA256: nil))
            }
        }
        self.signatures = signatures
        self.policy = policy
        timeline = events.map { chained in
            Event(
                time: chained.event.time, action: chained.event.action, actor: chained.event.actor,
                actorName: chained.event.actor.iin.flatMap { namesByIIN[$0] }, client: chained.event.client)
        }
    }

    /// The report's words, in its language.
    var words: ReportWords { ReportWords(language) }

    /// The one-sentence outcome the first page leads with.
    public var outcome: String {
        let words = self.words
        switch overall {
        case .totalPassed:
            return words.format(.outcomePassed, document.name, "\(signatures.count)", "\(steps.count)")
        case .totalFailed, .indeterminate:
            let step = steps.first { $0.indication == overall } ?? steps.last
            let name = step.map { words.stepName($0.check) } ?? "—"
            let finding = step.map { words.finding($0.finding) } ?? "—"
            return words.format(overall == .totalFailed ? .outcomeFailed : .outcomeIndeterminate, name, finding)
        }
    }
}
