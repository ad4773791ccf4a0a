/// The names of an evidence package's entries (docs/ARCHITECTURE.md, "The evidence package"; the ASiC-E layout of ETSI EN
/// 319 162-1 §4.4: `mimetype` first, then the platform's folders, `META-INF/` for the manifest and the seal),
/// in one place for the builder that writes them and the verifier that reads them, so they cannot drift.
public enum EvidencePackageLayout {
    /// The ASiC-E media type, the contents of the first entry (EN 319 162-1 §A.1).
    public static let mimeType = "application/vnd.etsi.asic-e+zip"

    /// The first entry, stored: its name and contents identify the container.
    public static let mimetypeEntry = "mimetype"
    /// The SHA-256 of every other entry (canonical JSON `{"files": {name: hex}}`).
    public static let manifest = "META-INF/manifest.json"
    /// The platform seal: a CMS over the manifest's bytes.
    public static let seal = "META-INF/seal.p7s"
    /// The document's audit events, one JSON object a line, hash-chained.
    public static let auditLog = "audit/log.jsonl"
    /// The chain head's Merkle inclusion in the platform log, with the signed checkpoint.
    public static let inclusion = "audit/inclusion.json"
    /// The validation policy the package was made under.
    public static let policy = "validation/policy.json"

    /// The entries the manifest does not list: the container marker, the manifest itself and its seal (and the
    /// archive manifests and timestamps, which come after the seal; ``isOutsideManifest(_:)``).
    public static let outsideManifest: Set<String> = [mimetypeEntry, manifest, seal]

    /// Whether the manifest leaves `name` out: the entries above, and every archive entry.
    public static func isOutsideManifest(_ name: String) -> Bool { outsideManifest.contains(name) || name.hasPrefix(archivePrefix) }

    /// Archive manifests and their timestamps (``ArchiveManifest``): `META-INF/archive-manifest-001.json` lists the
    /// digest of every entry before it, `META-INF/archive-timestamp-001.tst` is an RFC 3161 token over it; each
    /// renewal adds the next pair, over everything before it (the earlier pairs included).
    static let archivePrefix = "META-INF/archive-"

    static func archiveManifest(number: Int) -> String { archivePrefix + "manifest-" + threeDigits(number) + ".json" }
    static func archiveTimestamp(number: Int) -> String { archivePrefix + "timestamp-" + threeDigits(number) + ".tst" }

    private static func threeDigits(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    static let documentFolder = "document/"
    static let signaturesFolder = "signatures/"
    static let validationFolder = "validation/"
    static let revocationFolder = "revocation/"
    static let chainsFolder = "chains/"
    static let reportFolder = "report/"

    /// The document, unchanged, under its original (made safe) name.
    static func document(named name: String) -> String { documentFolder + name }

    /// An EDS signature as received: `signatures/<n>-<signer>.p7s` or `.xml`.
    static func edsSignature(number: Int, signer: String, kind: EvidencePackageContents.EDSSignature.Kind) -> String {
        "\(signaturesFolder)\(number)-\(signer).\(kind.rawValue)"
    }

    /// The report made when the document was completed, for the EDS signature numbered `number`.
    static func validationReport(number: some StringProtocol) -> String { "\(validationFolder)\(number).json" }

    /// An SMS-OTP simple signature record: `signatures/<n>-<signer>.ses.json`.
    static func simpleSignatureRecord(number: Int, signer: String) -> String {
        "\(signaturesFolder)\(number)-\(signer)\(simpleRecordSuffix)"
    }

    /// The seal beside a simple signature record (`….ses.json` → `….ses.p7s`).
    static func simpleSignatureSeal(ofRecord record: String) -> String {
        String(record.dropLast(simpleRecordSuffix.count)) + simpleSealSuffix
    }

    /// Revocation data (an OCSP response or a CRL) under its made-safe name.
    static func revocationData(named name: String) -> String { revocationFolder + name }

    /// A path certificate, named by its SHA-256: two certificates never share a name (serial numbers are only
    /// unique per issuer).
    static func certificate(sha256 hex: String) -> String { "\(chainsFolder)\(hex).cer" }

    /// The human report in one language.
    static func report(language: String) -> String { "\(reportFolder)report.\(language).html" }

    /// The human report in one language, printed to PDF (A4, for the court's file).
    static func reportPDF(language: String) -> String { "\(reportFolder)report.\(language).pdf" }

    /// What a file under `signatures/` is, from its name.
    enum SignatureEntry: Equatable {
        case cms, xml, simpleRecord, simpleSeal
    }

    static func signatureEntry(_ name: String) -> SignatureEntry? {
        guard name.hasPrefix(signaturesFolder) else { return nil }
        if name.hasSuffix(simpleRecordSuffix) { return .simpleRecord }
        if name.hasSuffix(simpleSealSuffix) { return .simpleSeal }
        if name.hasSuffix("." + EvidencePackageContents.EDSSignature.Kind.cms.rawValue) { return .cms }
        if name.hasSuffix("." + EvidencePackageContents.EDSSignature.Kind.xml.rawValue) { return .xml }
        return nil
    }

    /// The number that starts a signature file's name (`signatures/3-…` → `3`), which names its report.
    static func signatureNumber(_ name: String) -> Substring {
        name.dropFirst(signaturesFolder.count).prefix { $0.isNumber }
    }

    static let simpleRecordSuffix = ".ses.json"
    static let simpleSealSuffix = ".ses.p7s"
}
