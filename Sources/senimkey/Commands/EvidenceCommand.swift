import ArgumentParser
import Foundation
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI

/// `senimkey evidence …`: evidence packages.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Verify evidence packages offline, and renew their archive timestamps.",
        subcommands: [VerifyEvidenceCommand.self, ReportEvidenceCommand.self, RenewEvidenceCommand.self]
    )
}

/// `senimkey evidence verify BUNDLE [--trust F|DIR]… [--crl F]… [--format text|json]`: every step of the
/// package's chain of custody, numbered. Exit 0 all passed, 1 a step failed, 2 a step is indeterminate.
struct VerifyEvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check an evidence package step by step: manifest, seal, signatures, SMS-OTP records, audit chain, log inclusion, checkpoint."
    )

    @OptionGroup var input: EvidencePackageOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() async throws {
        try Self.render(try await input.readAndVerify(), bundle: input.bundle, format: format)
    }

    /// Prints the steps and ends with the overall verdict's exit code (shared with `senimkey verify`).
    static func render(_ verification: EvidencePackageVerification, bundle: String, format: OutputFormat) throws {
        let overall = verification.overall
        let steps = verification.steps
        switch format {
        case .json:
            struct Output: Encodable {
                let indication: Indication
                let steps: [EvidenceStep]
            }
            try JSONOutput.print(Output(indication: overall, steps: steps))
        case .text:
            print("Evidence package \(bundle): \(overall.rawValue)")
            for step in steps {
                let mark = step.indication == .totalPassed ? "ok" : step.indication == .totalFailed ? "FAILED" : "INDETERMINATE"
                print("  \(step.number). \(step.name): \(mark) — \(step.detail)")
            }
        }
        try SenimkeyExit.finish(with: overall)
    }
}

/// `senimkey evidence report BUNDLE --lang ru|kk|en --format html|pdf|json -o OUT [--verify-url URL] [--trust F|DIR]…
/// [--crl F]…`: the arbitration report, with the package verified first so the report states its result, and the
/// package's SHA-256 in every footer. `--format pdf` prints it with headless Chromium; without one it exits 69 with a
/// sentence, in the report's language, naming what to install (the HTML needs nothing).
struct ReportEvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the arbitration report of an evidence package (self-contained HTML with A4 print CSS, PDF, or JSON)."
    )

    enum ReportFormat: String, ExpressibleByArgument { case html, pdf, json }

    @OptionGroup var input: EvidencePackageOptions
    @Option(help: "Language: ru, kk or en.") var lang: String = "ru"
    @Option(help: "Output format: html, pdf (needs chromium and fonts-dejavu-core) or json.") var format: ReportFormat = .html
    @Option(help: "The platform's public verification page, printed with a QR code on the first page.") var verifyURL: String =
        "https://senimkey.kz/verify"
    @Option(name: .shortAndLong, help: "Output file.") var output: String

    func run() async throws {
        guard let language = Language(rawValue: lang) else { throw ValidationError("--lang is ru, kk or en") }
        let renderer = ReportPDFRenderer.installed()
        if format == .pdf && renderer == nil {
            FileHandle.standardError.write(Data("senimkey: \(ReportPDFRenderer.RenderError.rendererMissing.sentence(in: language))\n".utf8))
            throw SenimkeyExit.unavailable
        }
        let (verification, sha256) = try await input.readVerifyAndHash()
        let report = ArbitrationReport(
            verification, language: language, copy: .renderedFrom(packageSHA256: sha256), verifyPage: verifyURL.isEmpty ? nil : verifyURL)
        let data: Data
        switch format {
        case .html: data = Data(report.html.utf8)
        case .pdf:
            do throws(ReportPDFRenderer.RenderError) {
                data = Data(try await (renderer ?? ReportPDFRenderer(chromium: "chromium")).render(html: report.html))
            } catch {
                FileHandle.standardError.write(Data("senimkey: \(error.sentence(in: language))\n".utf8))
                throw SenimkeyExit.unavailable
            }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            data = try encoder.encode(report)
        }
        guard FileManager.default.createFile(atPath: output, contents: data) else {
            FileHandle.standardError.write(Data("senimkey: cannot write \(output)\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
    }
}

/// `senimkey evidence renew PACKAGE --tsa URL -o NEW [--digest ALG]`: a copy of the package with one more archive
/// timestamp over everything in it (every earlier entry byte for byte, only the ZIP's central directory rewritten).
/// Exit 0 renewed, 65 the package cannot be read, 69 the TSA gave no usable token (after its retries).
struct RenewEvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Add an archive timestamp over the whole package (before the last one's TSA certificate or algorithm expires)."
    )

    @Argument(help: "The evidence package (.asice).") var bundle: String
    @Option(help: "The RFC 3161 time-stamping authority's URL.") var tsa: String
    @Option(name: .shortAndLong, help: "Where to write the renewed package (another file).") var output: String
    @Option(help: "The archive manifest's digest algorithm: sha256, sha384 or sha512 (a stronger one renews the hashes too).")
    var digest: String = "sha256"

    func run() async throws {
        guard let algorithm = DigestAlgorithm(rawValue: digest), [.sha256, .sha384, .sha512].contains(algorithm) else {
            throw ValidationError("--digest is sha256, sha384 or sha512")
        }
        let archiver = EvidencePackageArchiver(client: TimeStampClient(url: tsa), algorithm: algorithm)
        do {
            let renewal = try await archiver.renew(packageAt: bundle, to: output)
            print("Renewed \(bundle) → \(output): archive timestamp \(renewal.number) of \(renewal.genTime.iso8601)")
            for entry in renewal.entries { print("  + \(entry)") }
        } catch {
            FileHandle.standardError.write(Data("senimkey: \(error.description)\n".utf8))
            switch error {
            case .package: throw SenimkeyExit.unreadableInput
            case .timestamp: throw SenimkeyExit.unavailable
            }
        }
    }
}

/// The inputs both evidence subcommands share: the package and what to verify it against.
struct EvidencePackageOptions: ParsableArguments {
    @Argument(help: "The evidence package (.asice).") var bundle: String
    @Option(name: .customLong("trust"), help: "A trust anchor or a directory of them (repeatable; default: the shipped certs/).") var trust:
        [String] = []
    @Option(name: .customLong("crl"), help: "A CRL besides those in the package (repeatable).") var crls: [String] = []
    @Option(
        help: ArgumentHelp(
            "Validate every signature and seal at this time (ISO 8601). Default: each EDS signature at the time its report recorded, each "
                + "seal at the time it was sealed.")
    )
    var at: String?
    @Option(help: "A validation policy JSON file (default: senimkey-kz-default).") var policy: String?
    @Flag(help: "Validate under the policy the package carries (validation/policy.json) instead of --policy.") var policyFromPackage = false

    /// Reads the trust anchors and extra CRLs (exit 65 if any is unreadable) and runs every verification step
    /// over the package, streamed from its file (`-` reads standard input into memory), so `verify` and
    /// `report` state the same result.
    func readAndVerify() async throws -> EvidencePackageVerification { try await readVerifyAndHash(hashing: false).verification }

    /// ``readAndVerify()`` and, when `hashing`, the package's SHA-256 (what the report prints in every footer; one more
    /// pass over the file, which `verify` does not need).
    func readVerifyAndHash(hashing: Bool = true) async throws -> (verification: EvidencePackageVerification, sha256: String) {
        let store: TrustStore
        let lists: [CertificateRevocationList]
        let source: StoredZIPReader.Source
        let chosen: ValidationPolicy
        let time = try CLIInput.time(at)
        do {
            if bundle != "-" && !FileManager.default.isReadableFile(atPath: bundle) {
                throw PKIError.malformedEncoding(what: "file", reason: "cannot read \(bundle)")
            }
            source = bundle == "-" ? .bytes(try CLIInput.read(bundle)) : .file(path: bundle)
            store = try CLIInput.trustStore(trust.isEmpty ? CLIInput.defaultTrustDirectory().map { [$0] } ?? [] : trust)
            lists = try crls.map { try CertificateRevocationList(bytes: try CLIInput.read($0)) }
            chosen =
                try policy.map { try JSONDecoder.iso8601.decode(ValidationPolicy.self, from: Data(try CLIInput.read($0))) }
                ?? .kazakhstanDefault
        } catch {
            FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
        let context = ValidationContext(
            trustStore: store, policy: chosen, revocationSources: [OfflineRevocationSource(revocationLists: lists)])
        var sha256 = ""
        switch source {
        case .bytes(let bytes) where hashing: sha256 = Hex.encode(DigestAlgorithm.sha256.hash(bytes))
        case .bytes: break
        case .file where !hashing: break
        case .file(let path):
            do { sha256 = Hex.encode(try DigestAlgorithm.sha256.hash(contentsOfFile: path)) } catch {
                FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
                throw SenimkeyExit.unreadableInput
            }
        }
        return (await EvidencePackageVerifier(context: context, usesPackagePolicy: policyFromPackage).verify(source, at: time), sha256)
    }
}
