import Foundation
import SenimPKI

/// The report's words in one language: the sentences of ``ReportStrings`` with their values filled in, and the
/// vocabulary that turns the verifier's values (steps, verdicts, ETSI sub-indications, certificate roles, audit
/// actions, revocation statuses) into plain words. The ETSI codes themselves are printed only in the technical annex.
struct ReportWords: Sendable {
    let language: Language
    let table: [ReportKey: String]

    init(_ language: Language) {
        self.language = language
        table = ReportStrings.table(language)
    }

    func text(_ key: ReportKey) -> String { table[key] ?? key.rawValue }

    func html(_ key: ReportKey) -> String { ArbitrationReport.escape(text(key)) }

    /// The sentence of `key` with `%1`, `%2`… replaced (from the last, so `%1` never eats `%10`).
    func format(_ key: ReportKey, _ arguments: String...) -> String { Self.fill(text(key), arguments) }

    static func fill(_ template: String, _ arguments: [String]) -> String {
        var text = template
        for (index, argument) in arguments.enumerated().reversed() {
            text = text.replacingOccurrences(of: "%\(index + 1)", with: argument)
        }
        return text
    }

    /// `17.08.2026 20:53:20 UTC` in Russian and Kazakh, `2026-08-17 20:53:20 UTC` in English.
    func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = language == .en ? "yyyy-MM-dd HH:mm:ss" : "dd.MM.yyyy HH:mm:ss"
        return formatter.string(from: date) + " UTC"
    }

    func verdictKey(_ indication: Indication) -> ReportKey {
        switch indication {
        case .totalPassed: return .passed
        case .totalFailed: return .failed
        case .indeterminate: return .indeterminate
        }
    }

    /// The verdict on one signature as a sentence, the sub-indication explained.
    func verdict(of signature: ArbitrationReport.Signature) -> String {
        let reason = signature.subIndication.map(subIndication) ?? text(.reasonNotRecorded)
        switch signature.indication {
        case .totalPassed: return text(signature.method == .simple ? .verdictSESPassed : .verdictEDSPassed)
        case .totalFailed: return format(.verdictFailed, reason)
        case .indeterminate: return format(.verdictIndeterminate, reason)
        }
    }

    func subIndication(_ value: SubIndication) -> String {
        ReportStrings.subIndications(language)[value] ?? value.rawValue
    }

    /// A certificate role in words; nil for the key-usage presets that say nothing about the person.
    func role(_ role: SignerRole) -> String? {
        ReportStrings.roles(language)[role]
    }

    /// The roles a certificate states, most specific first; "a representative of a legal entity" is left out when a
    /// more specific legal-entity role (first head, signing right…) already says it.
    func roles(_ roles: [SignerRole]) -> [String] {
        let order = ReportStrings.personRoles
        let specific: Set<SignerRole> = [.firstHead, .signingRight, .financialSigning, .humanResources, .employee, .treasuryClient]
        let stated = Set(roles)
        return order.filter { stated.contains($0) && !($0 == .legalEntity && !stated.isDisjoint(with: specific)) }.compactMap(role)
    }

    func actorRole(_ role: AuditActor.Role) -> String {
        switch role {
        case .client: return text(.actorClient)
        case .partner: return text(.actorPartner)
        case .partnerEmployee: return text(.actorPartnerEmployee)
        case .administrator: return text(.actorAdministrator)
        case .platform: return text(.actorPlatform)
        }
    }

    func revocation(_ status: RevocationStatus.Name) -> String {
        switch status {
        case .good: return text(.revocationGood)
        case .revoked: return text(.revocationRevoked)
        case .unknown: return text(.revocationUnknown)
        case .unchecked: return text(.revocationUnchecked)
        case .trustAnchor: return text(.revocationTrustAnchor)
        }
    }

    func stepName(_ check: EvidenceCheck) -> String {
        switch check {
        case .container: return text(.stepContainer)
        case .manifest: return text(.stepManifest)
        case .seal: return text(.stepSeal)
        case .archiveTimestamp: return text(.stepArchiveTimestamp)
        case .document: return text(.stepDocument)
        case .signature: return text(.stepSignature)
        case .simpleSignature: return text(.stepSimpleSignature)
        case .auditChain: return text(.stepAuditChain)
        case .logInclusion: return text(.stepLogInclusion)
        case .checkpoint: return text(.stepCheckpoint)
        }
    }

    func finding(_ finding: EvidenceFinding) -> String { finding.text(in: language) }

    /// A value the vocabulary has no word for, quoted as it was recorded (guillemets in Russian and Kazakh).
    func quoted(_ value: String) -> String { language == .en ? "\u{201C}\(value)\u{201D}" : "«\(value)»" }

    /// What an audit event says, as a sentence with its facts.
    func action(_ action: AuditAction) -> String {
        switch action {
        case .agreementAccepted(let edition, _): return format(.actionAgreementAccepted, quoted(edition))
        case .documentUploaded(let name, _, let size): return format(.actionDocumentUploaded, quoted(name), "\(size)")
        case .signerAdded(_, let surname, let name, let iin, let phone, let order):
            return format(.actionSignerAdded, "\(surname) \(name)", iin, phone, "\(order)")
        case .sentForSigning(let method, let order): return format(.actionSentForSigning, signingMethod(method), signingOrder(order))
        case .smsSent(_, let phone, let purpose, _): return format(.actionSmsSent, phone, smsPurpose(purpose))
        case .linkOpened: return text(.actionLinkOpened)
        case .documentViewed: return text(.actionDocumentViewed)
        case .otpRequested(_, let purpose): return format(.actionOtpRequested, smsPurpose(purpose))
        case .otpFailed(_, let attempt): return format(.actionOtpFailed, "\(attempt)")
        case .otpConfirmed: return text(.actionOtpConfirmed)
        case .edsSignatureReceived(_, let format, _, let indication, _, _, _):
            let verdict = Indication(rawValue: indication).map { text(verdictKey($0)) } ?? quoted(indication)
            return self.format(.actionEdsSignatureReceived, quoted(format), verdict)
        case .sesSignatureRecorded: return text(.actionSesSignatureRecorded)
        case .signatureRefused(_, let reason): return format(.actionSignatureRefused, quoted(reason))
        case .rejected(_, let reason): return format(.actionRejected, quoted(reason))
        case .completed: return text(.actionCompleted)
        case .cancelled(let reason): return reason.map { format(.actionCancelledBecause, quoted($0)) } ?? text(.actionCancelled)
        case .expired: return text(.actionExpired)
        case .tariffDebited(_, let left): return format(.actionTariffDebited, "\(left)")
        case .downloaded(let item): return format(.actionDownloaded, quoted(item))
        case .evidenceExported(let sha256): return format(.actionEvidenceExported, sha256)
        case .administrative(let action, let target): return format(.actionAdministrative, quoted(action), quoted(target))
        }
    }

    func signingMethod(_ raw: String) -> String {
        switch raw {
        case "EDS": return text(.methodEDSOnly)
        case "SES": return text(.methodSESOnly)
        case "EDS_OR_SES": return text(.methodEither)
        default: return quoted(raw)
        }
    }

    func signingOrder(_ raw: String) -> String {
        switch raw {
        case "SEQUENTIAL": return text(.orderSequential)
        case "PARALLEL": return text(.orderParallel)
        default: return quoted(raw)
        }
    }

    func smsPurpose(_ raw: String) -> String {
        switch raw {
        case "login", "login code": return text(.purposeLogin)
        case "signing link": return text(.purposeLink)
        case "sign", "sign code": return text(.purposeSign)
        case "reject", "reject code": return text(.purposeReject)
        case "confirm", "confirm code": return text(.purposeConfirm)
        default: return quoted(raw)
        }
    }
}
