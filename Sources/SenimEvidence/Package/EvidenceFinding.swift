import Foundation
import SenimPKI

/// What a verification step found, as a value: the CLI prints it in English and the arbitration report in the
/// court's language, from the same templates (``ReportKey`` `finding…`, one table per language). Texts quoted
/// from a signature validator or a lower layer (its summaries and reasons) stay in English, in quotation marks: they
/// are that layer's own words, and the report explains the verdict in its own sentences.
public enum EvidenceFinding: Sendable, Hashable {
    /// Why the verifier validated the seal at the time it did (EN 319 102-1 past-signature validation).
    public enum SealTime: Sendable, Hashable {
        /// The time the caller asked for (`--at`).
        case given
        /// The genTime of the seal's RFC 3161 timestamp.
        case timestamp
        /// The seal's own signingTime: claimed by the platform, proven by nothing.
        case claimed
        /// Now: the seal names no time.
        case now

        var reportKey: ReportKey {
            switch self {
            case .given: return .findingTimeGiven
            case .timestamp: return .findingTimeTimestamp
            case .claimed: return .findingTimeClaimed
            case .now: return .findingTimeNow
            }
        }
    }

    public enum ManifestProblem: Sendable, Hashable {
        case unlisted(String)
        case missing(String)
        case digestMismatch(String)
    }

    case containerUnreadable(reason: String)
    case mimetypeNotFirst
    case framingNotCanonical(problem: StoredZIPFramingProblem)
    case entryChecksumMismatch(entry: String)
    case containerIntact(entries: Int)
    case manifestUnreadable
    case manifestProblems([ManifestProblem])
    case manifestMatches(files: Int)
    case sealMissing
    case sealValidated(at: Date, timeSource: SealTime, summary: String)
    case documentMissing
    case documentAmbiguous(entries: Int)
    case documentNotInLog
    case documentBoundElsewhere(events: Int)
    case documentBound(entry: String, sha256: String, gost34311: String)
    case signatureValidated(at: Date?, summary: String, inAuditLog: Bool)
    case simpleSignatureSealMissing(seal: String)
    case simpleSignatureValidated(at: Date, timeSource: SealTime, summary: String, inAuditLog: Bool)
    case auditChainIntact(events: Int, head: String)
    case auditChainBroken(reason: String)
    case inclusionMissing
    case inclusionVerified(leafIndex: UInt64, treeSize: UInt64, origin: String)
    case inclusionFailed(reason: String)
    case checkpointVerified(origin: String, size: UInt64)
    case checkpointFailed(reason: String)
    /// The archive entries are not the numbered pairs the layout names, last in the package.
    case archiveLayoutBroken(entries: [String])
    /// An archive manifest that does not cover exactly the entries before it, or whose digests differ.
    case archiveManifestProblems(manifest: String, problems: [String])
    /// An archive timestamp over its manifest, validated at the time the next one (or the validation time) proves.
    case archiveTimestampValidated(at: Date, genTime: Date?, entries: Int, summary: String)
    /// A finding about a signature or seal that was validated at the time an archive timestamp proves it existed.
    indirect case existedAt(Date, archive: String, finding: EvidenceFinding)

    public func text(in language: Language) -> String {
        let table = ReportStrings.table(language)
        func t(_ key: ReportKey, _ arguments: String...) -> String { ReportWords.fill(table[key] ?? key.rawValue, arguments) }
        func logged(_ inLog: Bool, _ summary: String) -> String { inLog ? summary : t(.findingNotInAuditLog) + "; " + summary }
        // What a lower layer wrote (a validator's summary, a ZIP, JSON or log error) is English: quoted as it was said.
        func quoted(_ reason: String) -> String { language == .en ? reason : "\u{201C}\(reason)\u{201D}" }
        switch self {
        case .containerUnreadable(let reason): return t(.findingContainerUnreadable, quoted(reason))
        case .mimetypeNotFirst: return t(.findingMimetypeNotFirst, EvidencePackageLayout.mimeType)
        case .framingNotCanonical(let problem): return t(.findingFramingNotCanonical, problem.text(in: language))
        case .entryChecksumMismatch(let entry): return t(.findingEntryChecksumMismatch, entry)
        case .containerIntact(let entries): return t(.findingContainerIntact, "\(entries)")
        case .manifestUnreadable: return t(.findingManifestUnreadable)
        case .manifestProblems(let problems):
            return problems.map { problem in
                switch problem {
                case .unlisted(let name): return t(.findingManifestUnlisted, name)
                case .missing(let name): return t(.findingManifestMissing, name)
                case .digestMismatch(let name): return t(.findingManifestDigestMismatch, name)
                }
            }.joined(separator: "; ")
        case .manifestMatches(let files): return t(.findingManifestMatches, "\(files)")
        case .sealMissing: return t(.findingSealMissing)
        case .sealValidated(let time, let source, let summary):
            return t(.findingValidatedAt, time.iso8601, t(source.reportKey)) + ": " + quoted(summary)
        case .documentMissing: return t(.findingDocumentMissing)
        case .documentAmbiguous(let entries): return t(.findingDocumentAmbiguous, "\(entries)")
        case .documentNotInLog: return t(.findingDocumentNotInLog)
        case .documentBoundElsewhere(let events): return t(.findingDocumentBoundElsewhere, "\(events)")
        case .documentBound(let entry, let sha256, let gost): return t(.findingDocumentBound, entry, sha256, gost)
        case .signatureValidated(let time, let summary, let inLog):
            return logged(inLog, (time.map { t(.findingValidatedAt, $0.iso8601, t(.findingTimeRecorded)) + ": " } ?? "") + quoted(summary))
        case .simpleSignatureSealMissing(let seal): return t(.findingSESSealMissing, seal)
        case .simpleSignatureValidated(let time, let source, let summary, let inLog):
            return logged(
                inLog, t(.findingSESNotEDS) + "; " + t(.findingValidatedAt, time.iso8601, t(source.reportKey)) + ": " + quoted(summary))
        case .auditChainIntact(let events, let head): return t(.findingAuditChainIntact, "\(events)", head)
        case .auditChainBroken(let reason): return t(.findingAuditChainBroken, quoted(reason))
        case .inclusionMissing: return t(.findingInclusionMissing)
        case .inclusionVerified(let index, let size, let origin): return t(.findingInclusionVerified, "\(index)", "\(size)", origin)
        case .inclusionFailed(let reason): return t(.findingInclusionFailed, quoted(reason))
        case .checkpointVerified(let origin, let size): return t(.findingCheckpointVerified, origin, "\(size)")
        case .checkpointFailed(let reason): return t(.findingCheckpointFailed, quoted(reason))
        case .archiveLayoutBroken(let entries): return t(.findingArchiveLayoutBroken, entries.joined(separator: ", "))
        case .archiveManifestProblems(let manifest, let problems):
            return t(.findingArchiveManifestProblems, manifest, problems.joined(separator: "; "))
        case .archiveTimestampValidated(let time, let genTime, let entries, let summary):
            return t(.findingArchiveTimestamp, genTime?.iso8601 ?? "?", "\(entries)", time.iso8601) + ": " + quoted(summary)
        case .existedAt(let time, let archive, let finding):
            return t(.findingExistedAt, time.iso8601, archive) + "; " + finding.text(in: language)
        }
    }
}
