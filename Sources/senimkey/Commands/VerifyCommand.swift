import ArgumentParser
import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimXMLDSig

/// `senimkey verify FILE [--data FILE] [--trust DIR]… [--ca FILE]… [--crl FILE]… [--ocsp FILE]… [--at TIME]
/// [--online] [--policy FILE] [--format text|json]`: detects what FILE is and validates it (DESIGN.md CLI
/// contract). Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, 64 usage, 65 unreadable input.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Validate a signature: CMS/CAdES (DER, PEM or base64), XML-DSig, or an RFC 3161 timestamp.",
        discussion: "Every signer is validated on its own; timestamps are proofs of existence that move the best signature time."
    )

    @Argument(help: "The signature file.") var file: String
    @Option(help: "The detached content (or, for a timestamp, the stamped data).") var data: String?
    @Option(name: .customLong("trust"), help: "A trust anchor or a directory of them (repeatable; default: the shipped certs/).") var trust: [String] = []
    @Option(name: .customLong("ca"), help: "An extra certificate for finding signers and intermediates (repeatable).") var certificates: [String] = []
    @Option(name: .customLong("crl"), help: "A CRL (repeatable).") var crls: [String] = []
    @Option(name: .customLong("ocsp"), help: "A stored OCSP response (repeatable).") var ocspResponses: [String] = []
    @Option(help: "Validation time, ISO 8601 (default: now).") var at: String?
    @Flag(help: "Fetch missing issuers and revocation data over HTTP (AIA, CRL-DP, OCSP).") var online = false
    @Option(name: .customLong("mirror"), help: "HOST=BASEURL: fetch that host's URLs from a mirror (repeatable).") var mirrors: [String] = []
    @Option(help: "A validation policy (JSON, the ValidationPolicy shape).") var policy: String?
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() async throws {
        if Self.startsLikePDF(file) { return try await verifyPDF() }
        let time = try CLIInput.time(at) ?? Date()
        let input: [UInt8], validationPolicy: ValidationPolicy, store: TrustStore
        let extra: [Certificate], lists: [CertificateRevocationList], responses: [OCSPResponse]
        do {
            input = try CLIInput.read(file)
            validationPolicy = try policy.map { try JSONDecoder.iso8601.decode(ValidationPolicy.self, from: Data(try CLIInput.read($0))) } ?? .kazakhstanDefault
            let trustPaths = trust.isEmpty ? CLIInput.defaultTrustDirectory().map { [$0] } ?? [] : trust
            store = try CLIInput.trustStore(trustPaths)
            extra = try certificates.map { try Certificate(bytes: try CLIInput.read($0)) }
            lists = try crls.map { try CertificateRevocationList(bytes: try CLIInput.read($0)) }
            responses = try ocspResponses.map { try OCSPResponse(bytes: try CLIInput.read($0)) }
            if let data, !FileManager.default.isReadableFile(atPath: data) { throw PKIError.malformedEncoding(what: "file", reason: "cannot read \(data)") }
        } catch {
            FileHandle.standardError.write(Data("senimkey: \(error)\n".utf8))
            throw SenimkeyExit.unreadableInput
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
        let validator = CMSSignatureValidator(trustStore: store, policy: validationPolicy, revocationSources: revocationSources,
                                              certificateSources: certificateSources, extraCertificates: extra)
        let content = data.map { SignedContent.file(path: $0) }

        let report: SignatureValidationReport
        switch SignatureInput.detect(input) {
        case .xml:
            var options = XMLValidationOptions()
            options.retainSignedData = false  // the report carries digests and lengths; the octets are not printed
            let xmlValidator = XMLSignatureValidator(context: validator.context, options: options)
            report = await xmlValidator.validate(xml: input, at: time).report
        case .cms(let signedData):
            report = await validator.validate(signedData, content: content, at: time)
                .addingStandaloneTimestamp(of: signedData, data: content, validator: validator, at: time)
        case .timestampResponse(let response):
            guard let token = response.token else {
                FileHandle.standardError.write(Data("senimkey: the timestamp response has status \(response.status) and no token: \(response.statusText.joined(separator: "; "))\n".utf8))
                throw SenimkeyExit.totalFailed
            }
            report = await validator.validate(token.signedData, content: nil, at: time)
                .addingStandaloneTimestamp(of: token.signedData, data: content, validator: validator, at: time)
        case .malformedCMS(let error):
            report = .unreadable(container: "CMS", validationTime: time, policy: validator.context.policyReference, reason: error.description)
        case .unknown:
            FileHandle.standardError.write(Data("senimkey: \(file) is neither CMS (DER, PEM, base64) nor an RFC 3161 timestamp\n".utf8))
            throw SenimkeyExit.unreadableInput
        }

        switch format {
        case .json: try JSONOutput.print(report)
        case .text: print(ReportText(report).rendered, terminator: "")
        }
        try SenimkeyExit.finish(with: report.indication)
    }
}

/// What `senimkey verify` was handed.
enum SignatureInput {
    case xml
    case cms(SignedData)
    case timestampResponse(TimeStampResponse)
    case malformedCMS(CMSError)
    case unknown

    static func detect(_ bytes: [UInt8]) -> SignatureInput {
        // XML: optional BOM and whitespace, then '<' (DER never starts with '<'; base64 and PEM never do).
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let first = bytes[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == 0x3C,
           !bytes[start...].starts(with: Array("-----BEGIN".utf8)) {
            return .xml
        }
        do {
            return .cms(try SignedData(bytes: bytes))
        } catch let error {
            if let response = try? TimeStampResponse(bytes: bytes) { return .timestampResponse(response) }
            // Binary that starts like DER, or text that decodes: a CMS that is broken rather than something else.
            if bytes.first == 0x30 || (try? DERInput.decode(bytes, pemLabels: ["CMS", "PKCS7", "SIGNED DATA"])) != nil {
                return .malformedCMS(error)
            }
            return .unknown
        }
    }
}

extension SignatureValidationReport {
    /// A CMS whose content is a TSTInfo is a standalone timestamp: its verdict is the timestamp's (the TSA's path
    /// at genTime, the imprint against the data), not the CMS signer's at the validation time.
    func addingStandaloneTimestamp(of signedData: SignedData, data: SignedContent?, validator: CMSSignatureValidator, at time: Date) async -> SignatureValidationReport {
        guard signedData.encapsulatedContentType == .CMS.tstInfo, let token = try? TimeStampToken(signedData: signedData), var signature = signatures.first else {
            return self
        }
        let timestamps = TimestampValidator(context: validator.context)
        var timestamp = await timestamps.validate(token: token, type: "standalone", imprintedData: data ?? .digests([:]), validationTime: time)
        if data == nil { timestamp.messages.append("no --data given: the message imprint was not checked") }
        signature.format = "TimeStampToken"
        signature.indication = timestamp.indication
        signature.subIndication = timestamp.subIndication
        signature.messages = timestamp.messages
        signature.bestSignatureTime = token.info.genTime
        signature.intact = timestamp.imprintMatches
        signature.chain = timestamp.chain
        signature.chainTrusted = timestamp.chainTrusted
        signature.revocation = nil
        signature.certificateValidation = nil
        signature.timestamps = [timestamp]
        return SignatureValidationReport(container: "TimeStampToken", validationTime: validationTime, policy: validator.context.policyReference, signatures: [signature])
    }
}
