import Foundation
import SenimCrypto
import SenimPKI

/// The human report of an evidence package for the arbitration court: document identity, parties, each
/// signature (EDS or simple, with its verdict and its proof of time), the ordered timeline with IP and device,
/// the integrity proofs and the package verification, in Russian, Kazakh or English. Self-contained HTML (no
/// external assets) with A4 print CSS; the same facts as JSON.
public struct ArbitrationReport: Sendable, Codable {
    public struct Party: Sendable, Codable {
        public let name: String
        public let iin: String?
        public let bin: String?
        public let role: String
        public let phone: String?
    }
    public struct SignatureEntry: Sendable, Codable {
        public let file: String
        public let type: String
        public let signer: String
        public let iin: String?
        public let bin: String?
        public let certificateSubject: String?
        public let certificateIssuer: String?
        public let certificateSerial: String?
        public let validity: String?
        public let indication: String
        public let subIndication: String?
        public let time: String?
        public let proof: String
    }
    public struct Step: Sendable, Codable {
        public let number: Int
        public let name: String
        public let indication: Indication
        public let detail: String
    }
    public struct TimelineEntry: Sendable, Codable {
        public let time: String
        public let action: String
        public let actor: String
        public let ipAddress: String?
        public let device: String?
    }

    public let language: Language
    public let documentName: String
    public let documentSize: Int
    public let documentSHA256: String
    public let documentGOST34311: String
    public let parties: [Party]
    public let signatures: [SignatureEntry]
    public let timeline: [TimelineEntry]
    public let manifestSHA256: String
    public let auditHead: String?
    public let logInclusion: String?
    /// The verifier's steps, their findings in the report's language.
    public let steps: [Step]
    public let overall: Indication

    /// The report of a verified package: every fact comes from what the verifier read and checked.
    public init(_ verification: EvidencePackageVerification, language: Language) {
        let strings = ReportStrings.table(language)
        self.language = language
        documentName = verification.document?.name ?? "—"
        documentSize = verification.document?.size ?? 0
        documentSHA256 = verification.document?.sha256 ?? "—"
        documentGOST34311 = verification.document?.gost34311 ?? "—"
        manifestSHA256 = verification.manifestSHA256 ?? "—"
        let events = verification.auditLog
        auditHead = events.last?.hash
        logInclusion = verification.inclusion.map { "\($0.leafIndex) / \($0.treeSize)" }

        var parties: [Party] = []
        for event in events {
            if case .signerAdded(_, let surname, let name, let iin, let phone, _) = event.event.action {
                parties.append(Party(name: "\(surname) \(name)", iin: iin, bin: nil, role: AuditActor.Role.client.rawValue, phone: phone))
            }
        }
        var signatures: [SignatureEntry] = []
        for file in verification.signatures {
            if file.kind == .simple {
                let record = file.simpleSignature
                signatures.append(
                    SignatureEntry(
                        file: file.file, type: strings[.signatureTypeSES] ?? "",
                        signer: record.map { AuditActor.mask(phone: $0.binding.phoneE164) } ?? "—",
                        iin: record?.binding.signerIIN, bin: nil, certificateSubject: nil, certificateIssuer: nil, certificateSerial: nil,
                        validity: nil, indication: file.indication.rawValue, subIndication: nil,
                        time: record.map { CanonicalJSON.timestamp($0.confirmedAt) }, proof: strings[.proofNone] ?? ""))
                continue
            }
            // The facts and verdict are the verifier's own (re-validated from the package); a file the audit log
            // does not name fails whatever its signature says.
            for signature in file.report.signatures {
                let certificate = signature.signingCertificate
                let stamped = signature.timestamps.contains { $0.type == .signature && $0.indication == .totalPassed }
                let indication = file.indication == .totalFailed ? Indication.totalFailed : signature.indication
                signatures.append(
                    SignatureEntry(
                        file: file.file, type: strings[.signatureTypeEDS] ?? "", signer: signature.signer?.commonName ?? "—",
                        iin: signature.signer?.iin?.digits, bin: signature.signer?.bin?.digits, certificateSubject: certificate?.subject,
                        certificateIssuer: certificate?.issuer, certificateSerial: certificate?.serialNumber,
                        validity: certificate.map { "\($0.notBefore.iso8601) — \($0.notAfter.iso8601)" },
                        indication: indication.rawValue, subIndication: signature.subIndication?.rawValue,
                        time: (signature.claimedSigningTime ?? signature.bestSignatureTime).iso8601,
                        proof: stamped
                            ? "\(strings[.proofTimestamp] ?? ""), \(signature.bestSignatureTime.iso8601)" : strings[.proofNone] ?? ""))
                if let signer = signature.signer, !parties.contains(where: { $0.iin == signer.iin?.digits && $0.bin == signer.bin?.digits })
                {
                    parties.append(
                        Party(
                            name: signer.commonName ?? "—", iin: signer.iin?.digits, bin: signer.bin?.digits,
                            role: signer.roles.map(\.rawValue).joined(separator: ", "), phone: nil))
                }
            }
        }
        self.parties = parties
        self.signatures = signatures
        timeline = events.map { chained in
            TimelineEntry(
                time: CanonicalJSON.timestamp(chained.event.time), action: Self.label(chained.event.action, strings),
                actor: [chained.event.actor.role.rawValue, chained.event.actor.phoneMasked].compactMap { $0 }.joined(separator: " "),
                ipAddress: chained.event.client.ipAddress, device: chained.event.client.device ?? chained.event.client.userAgent)
        }
        steps = verification.steps.map {
            Step(number: $0.number, name: $0.name, indication: $0.indication, detail: $0.finding.text(in: language))
        }
        overall = verification.overall
    }

    static func label(_ action: AuditAction, _ strings: [ReportKey: String]) -> String {
        let key: ReportKey
        var detail = ""
        switch action {
        case .agreementAccepted(let edition, _):
            key = .actionAgreementAccepted
            detail = edition
        case .documentUploaded(let name, _, _):
            key = .actionDocumentUploaded
            detail = name
        case .signerAdded(_, let surname, let name, _, _, _):
            key = .actionSignerAdded
            detail = "\(surname) \(name)"
        case .sentForSigning: key = .actionSentForSigning
        case .smsSent(_, let phone, _, _):
            key = .actionSmsSent
            detail = phone
        case .linkOpened: key = .actionLinkOpened
        case .documentViewed: key = .actionDocumentViewed
        case .otpRequested: key = .actionOtpRequested
        case .otpFailed(_, let attempt):
            key = .actionOtpFailed
            detail = "#\(attempt)"
        case .otpConfirmed: key = .actionOtpConfirmed
        case .edsSignatureReceived(_, let format, _, let indication, _, _, _):
            key = .actionEdsSignatureReceived
            detail = "\(format), \(indication)"
        case .sesSignatureRecorded: key = .actionSesSignatureRecorded
        case .signatureRefused(_, let reason):
            key = .actionSignatureRefused
            detail = reason
        case .rejected(_, let reason):
            key = .actionRejected
            detail = reason
        case .completed: key = .actionCompleted
        case .cancelled: key = .actionCancelled
        case .expired: key = .actionExpired
        case .tariffDebited: key = .actionTariffDebited
        case .downloaded(let item):
            key = .actionDownloaded
            detail = item
        case .evidenceExported: key = .actionEvidenceExported
        case .administrative(let action, let target):
            key = .actionAdministrative
            detail = "\(action) \(target)"
        }
        let text = strings[key] ?? key.rawValue
        return detail.isEmpty ? text : "\(text): \(detail)"
    }

    // MARK: HTML

    public var html: String {
        let t = ReportStrings.table(language)
        func s(_ key: ReportKey) -> String { Self.escape(t[key] ?? key.rawValue) }
        func row(_ label: ReportKey, _ value: String?) -> String { "<tr><th>\(s(label))</th><td>\(Self.escape(value ?? "—"))</td></tr>" }
        func verdict(_ indication: Indication) -> String {
            switch indication {
            case .totalPassed: return s(.passed)
            case .totalFailed: return s(.failed)
            case .indeterminate: return s(.indeterminate)
            }
        }
        var body =
            "<h1>\(s(.title))</h1><p class=\"sub\">\(s(.subtitle))</p><p class=\"verdict \(overall.rawValue.lowercased())"
            + "\">\(Self.escape(overall.rawValue)) — \(verdict(overall))</p>"
        body +=
            "<h2>\(s(.documentSection))</h2><table class=\"kv\">" + row(.fileName, documentName)
            + row(.size, "\(documentSize) \(t[.bytes] ?? "")")
            + row(.sha256, documentSHA256) + row(.gost34311, documentGOST34311) + "</table>"
        body +=
            "<h2>\(s(.partiesSection))</h2><table><tr><th>\(s(.signer))</th><th>\(s(.iin))</th><th>\(s(.bin))</th><th>\(s(.role))</th>"
            + "<th>\(s(.phone))</th></tr>"
        for party in parties {
            body +=
                "<tr><td>\(Self.escape(party.name))</td><td>\(Self.escape(party.iin ?? "—"))</td><td>\(Self.escape(party.bin ?? "—"))</td>"
                + "<td>\(Self.escape(party.role))</td><td>\(Self.escape(party.phone ?? "—"))</td></tr>"
        }
        body += "</table><h2>\(s(.signaturesSection))</h2>"
        for signature in signatures {
            body +=
                "<table class=\"kv signature\">" + row(.signer, signature.signer)
                + "<tr><th>\(s(.signatureTypeEDS))/\(s(.signatureTypeSES))</th><td>\(Self.escape(signature.type))</td></tr>"
                + row(.iin, signature.iin) + row(.bin, signature.bin) + row(.certificate, signature.certificateSubject)
                + row(.issuer, signature.certificateIssuer)
                + row(.serial, signature.certificateSerial) + row(.validity, signature.validity)
                + row(.verdict, signature.indication + (signature.subIndication.map { " / \($0)" } ?? "")) + row(.signedAt, signature.time)
                + row(.proof, signature.proof) + "</table>"
        }
        if signatures.contains(where: { $0.type == t[.signatureTypeSES] }) { body += "<p class=\"note\">\(s(.sesNotice))</p>" }
        body +=
            "<h2>\(s(.timelineSection))</h2><table><tr><th>\(s(.time))</th><th>\(s(.action))</th><th>\(s(.actor))</th><th>\(s(.ipAddress))"
            + "</th><th>\(s(.device))</th></tr>"
        for entry in timeline {
            body +=
                "<tr><td>\(Self.escape(entry.time))</td><td>\(Self.escape(entry.action))</td><td>\(Self.escape(entry.actor))</td>"
                + "<td>\(Self.escape(entry.ipAddress ?? "—"))</td><td>\(Self.escape(entry.device ?? "—"))</td></tr>"
        }
        body +=
            "</table><h2>\(s(.integritySection))</h2><table class=\"kv\">" + row(.manifest, "SHA-256 " + manifestSHA256)
            + row(.auditHead, auditHead) + row(.logInclusion, logInclusion) + "</table>"
        body += "<h2>\(s(.verificationSection))</h2><table><tr><th>\(s(.step))</th><th>\(s(.result))</th><th></th></tr>"
        for step in steps {
            body +=
                "<tr><td>\(step.number). \(Self.escape(step.name))</td><td>\(verdict(step.indication))</td><td>\(Self.escape(step.detail))"
                + "</td></tr>"
        }
        body += "</table><h2>\(s(.howToSection))</h2><p>\(s(.howToText))</p><p class=\"note\">\(s(.finalNotice))</p>"
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(s(.title))</title><style>
            @page { size: A4; margin: 18mm 15mm; }
            body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 190mm;\
             margin: auto; }
            h1 { font-size: 17pt; margin-bottom: 0; } h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin-top: 18pt; }
            .sub { color: #555; margin-top: 2pt; } table { border-collapse: collapse; width: 100%; margin: 6pt 0;\
             page-break-inside: avoid; }
            th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; vertical-align: top; word-break: break-word; }
            th { background: #f1f1f1; } .kv th { width: 28%; } .verdict { font-weight: bold; padding: 4pt 6pt; }
            .total_passed { background: #e3f4e3; } .total_failed { background: #f8e0e0; } .indeterminate { background: #fff3d6; }
            .note { color: #444; font-style: italic; } table.signature { margin-bottom: 10pt; }
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
