import SenimPKI

/// What one step of a package verification checks, in the order the verifier runs them.
public enum EvidenceCheck: Sendable, Hashable {
    case container
    case manifest
    case seal
    /// An archive timestamp of the package (`META-INF/archive-timestamp-NNN.tst`) and the manifest it stamps.
    case archiveTimestamp(file: String)
    case document
    /// An EDS signature file (CMS or XML) under `signatures/`.
    case signature(file: String)
    /// An SMS-OTP simple signature record under `signatures/`.
    case simpleSignature(file: String)
    case auditChain
    case logInclusion
    case checkpoint

    /// The step's name as the CLI and the JSON output print it.
    public var name: String {
        switch self {
        case .container: return "container"
        case .manifest: return "manifest"
        case .seal: return "seal"
        case .archiveTimestamp(let file): return "archive timestamp \(file)"
        case .document: return "document"
        case .signature(let file): return "signature \(file)"
        case .simpleSignature(let file): return "simple signature \(file)"
        case .auditChain: return "audit chain"
        case .logInclusion: return "log inclusion"
        case .checkpoint: return "checkpoint"
        }
    }

    /// The package file a signature step is about.
    public var file: String? {
        switch self {
        case .signature(let file), .simpleSignature(let file), .archiveTimestamp(let file): return file
        default: return nil
        }
    }
}

/// One numbered step of an offline package verification: what was checked, the verdict, and what was found.
public struct EvidenceStep: Sendable, Encodable {
    public let number: Int
    public let check: EvidenceCheck
    public let indication: Indication
    public let finding: EvidenceFinding

    public var name: String { check.name }
    /// The finding in English (the CLI and JSON); ``EvidenceFinding/text(in:)`` gives it in the report's language.
    public var detail: String { finding.text(in: .en) }

    private enum CodingKeys: String, CodingKey { case number, name, indication, detail }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(name, forKey: .name)
        try container.encode(indication, forKey: .indication)
        try container.encode(detail, forKey: .detail)
    }
}
