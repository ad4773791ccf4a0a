import ArgumentParser
import Foundation
import SenimCrypto
import SenimEvidence
import SenimPKI

/// `senimkey evidence …`: evidence packages.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Verify evidence packages offline.",
        subcommands: [VerifyEvidenceCommand.self, ReportEvidenceCommand.self]
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

/// `senimkey evidence report BUNDLE --lang ru|kk|en --format html|json -o OUT [--trust F|DIR]… [--crl F]…`:
/// the arbitration report, with the package verified first so the report states its result.
struct ReportEvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the arbitration report of an evidence package (self-contained HTML with A4 print CSS, or JSON)."
    )

    enum ReportFormat: String, ExpressibleByArgument { case html, json }

    @OptionGroup var input: EvidencePackageOptions
    @Option(help: "Language: ru, kk or en.") var lang: String = "ru"
    @Option(help: "Output format: html or json.") var format: ReportFormat = .html
    @Option(name: .shortAndLong, help: "Output file.") var output: String

    func run() async throws {
        guard let language = Language(rawValue: lang) else { throw ValidationError("--lang is ru, kk or en") }
        let report = ArbitrationReport(try await input.readAndVerify(), language: language)
        let data: Data
        switch format {
        case .html: data = Data(report.html.utf8)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(report)
        }
        guard FileManager.default.createFile(atPath: output, contents: data) else {
            FileHandle.standardError.write(Data("senimkey: cannot write \(output)\n".utf8))
            throw SenimkeyExit.unreadableInput
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
    func readAndVerify() async throws -> EvidencePackageVerification {
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
        return await EvidencePackageVerifier(context: context, usesPackagePolicy: policyFromPackage).verify(source, at: time)
    }
}
