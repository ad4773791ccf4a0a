import ArgumentParser
import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimVerify
import SenimXMLDSig

/// `senimkey verify FILE [--data FILE] [--trust DIR]… [--ca FILE]… [--crl FILE]… [--ocsp FILE]… [--at TIME]
/// [--online] [--policy FILE] [--format text|json]`: detects what FILE is and validates it (docs/ARCHITECTURE.md CLI
/// contract). Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, 64 usage, 65 unreadable input.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Validate a signature: CMS/CAdES (DER, PEM or base64), XML-DSig, an RFC 3161 timestamp, or an evidence package.",
        discussion: "Every signer is validated on its own; timestamps are proofs of existence that move the best signature time."
    )

    @Argument(help: "The signature file.") var file: String
    @Option(help: "The detached content (or, for a timestamp, the stamped data).") var data: String?
    @Option(name: .customLong("trust"), help: "A trust anchor or a directory of them (repeatable; default: the shipped certs/).") var trust:
        [String] = []
    @Option(name: .customLong("ca"), help: "An extra certificate for finding signers and intermediates (repeatable).") var certificates:
        [String] = []
    @Option(name: .customLong("crl"), help: "A CRL (repeatable).") var crls: [String] = []
    @Option(name: .customLong("ocsp"), help: "A stored OCSP response (repeatable).") var ocspResponses: [String] = []
    @Option(help: "Validation time, ISO 8601 (default: now).") var at: String?
    @Flag(help: "Fetch missing issuers and revocation data over HTTP (AIA, CRL-DP, OCSP).") var online = false
    @Option(name: .customLong("mirror"), help: "HOST=BASEURL: fetch that host's URLs from a mirror (repeatable).") var mirrors: [String] =
        []
    @Option(help: "A validation policy (JSON, the ValidationPolicy shape).") var policy: String?
    @Option(help: "Relying-party profile, overriding the policy's: lenient (CA-side RFC 5280 MUSTs as warnings) or strict.")
    var profile: RelyingPartyProfile?
    @Option(help: "Unknown revocation status, overriding the policy's: require, hard-fail or soft-fail.") var revocation: RevocationMode?
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() async throws {
        // PDF and evidence packages are read by offset: told from the file's first bytes, never loaded whole.
        switch SignatureFormatDetector.streamedFormat(atPath: file) {
        case .pdf?: return try await verifyPDF()
        case .evidencePackage?: return try await verifyEvidencePackage()
        default: break
        }
        let time = try CLIInput.time(at) ?? Date()
        let input: [UInt8]
        do { input = try CLIInput.read(file) } catch {
            FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
        let detected = SignatureFormatDetector.detect(input)
        switch detected {
        case .pdf: return try await verifyPDF() // only when the file changed between the two reads
        case .evidencePackage: return try await verifyEvidencePackage()
        default: break
        }
        let context = try validationContext()
        if let data, !FileManager.default.isReadableFile(atPath: data) {
            FileHandle.standardError.write(Data("senimkey: cannot read \(data)\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
        var options = XMLValidationOptions()
        options.retainSignedData = false // the report carries digests and lengths; the octets are not printed
        let verifier = SignatureVerifier(context: context, xmlOptions: options)
        let verification: SignatureVerification
        do {
            verification = try await verifier.verify(
                detected, bytes: input, detachedContent: data.map { SignedContent.file(path: $0) }, at: time)
        } catch .timestampResponseWithoutToken(let status, let text) {
            let refusal = SignatureVerificationError.timestampResponseWithoutToken(status: status, statusText: text)
            FileHandle.standardError.write(Data("senimkey: \(refusal)\n".utf8))
            throw SenimkeyExit.totalFailed
        } catch {
            FileHandle.standardError.write(
                Data("senimkey: \(file) is neither CMS (DER, PEM, base64), XML, an RFC 3161 timestamp nor an evidence package\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
        guard let report = verification.report else { throw SenimkeyExit.unreadableInput }
        switch format {
        case .json: try JSONOutput.print(report)
        case .text: print(ReportText(report).rendered, terminator: "")
        }
        try SenimkeyExit.finish(with: report.indication)
    }

    /// The CLI contract (docs/ARCHITECTURE.md): `verify` on an evidence package runs the package verification (`evidence verify`).
    private func verifyEvidencePackage() async throws {
        var arguments = [file]
        for path in trust { arguments += ["--trust", path] }
        for path in crls { arguments += ["--crl", path] }
        if let at { arguments += ["--at", at] }
        if let policy { arguments += ["--policy", policy] }
        let options = try EvidencePackageOptions.parse(arguments)
        if format == .text { print("\(file) is an evidence package: verifying the package") }
        let verification = try await options.readAndVerify()
        try VerifyEvidenceCommand.render(verification, bundle: file, format: format)
    }
}

extension VerifyCommand {
    /// The validation context every kind of input is judged in, from the options: the policy (with `--profile`
    /// and `--revocation` over it), the trust anchors (the shipped `certs/` without `--trust`), the extra
    /// certificates, CRLs and OCSP responses, and the online fetcher with `--online`. One place for CMS, XML,
    /// timestamps and PDF; an unreadable option is a sentence and exit 65.
    func validationContext() throws -> ValidationContext {
        var validationPolicy: ValidationPolicy
        let store: TrustStore
        let extra: [Certificate]
        let lists: [CertificateRevocationList]
        let responses: [OCSPResponse]
        do {
            validationPolicy =
                try policy.map { try JSONDecoder.iso8601.decode(ValidationPolicy.self, from: Data(try CLIInput.read($0))) }
                ?? .kazakhstanDefault
            let trustPaths = trust.isEmpty ? CLIInput.defaultTrustDirectory().map { [$0] } ?? [] : trust
            store = try CLIInput.trustStore(trustPaths)
            extra = try certificates.map { try Certificate(bytes: try CLIInput.read($0)) }
            lists = try crls.map { try CertificateRevocationList(bytes: try CLIInput.read($0)) }
            responses = try ocspResponses.map { try OCSPResponse(bytes: try CLIInput.read($0)) }
        } catch {
            FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
        if let profile { validationPolicy.relyingPartyProfile = profile }
        if let revocation {
            validationPolicy.revocationMode = revocation
            validationPolicy.revocationRequired = revocation != .softFail
        }
        var revocationSources: [any RevocationSource] = [OfflineRevocationSource(revocationLists: lists, ocspResponses: responses)]
        var certificateSources: [any CertificateSource] = []
        if online {
            var configuration = OnlineFetcher.Configuration()
            do { configuration.mirrors = try MirrorTable(parsing: mirrors) } catch { throw ValidationError(error.description) }
            let fetcher = OnlineFetcher(configuration: configuration)
            revocationSources.append(fetcher)
            certificateSources.append(fetcher)
        }
        return ValidationContext(
            trustStore: store, policy: validationPolicy, revocationSources: revocationSources,
            certificateSources: certificateSources, extraCertificates: extra)
    }
}
