import ArgumentParser
import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// `senimkey cert verify LEAF [--intermediate F]… [--trust F|DIR]… [--crl F]… [--at TIME] [policy inputs]
/// [--revocation require|hard-fail|soft-fail] [--profile lenient|strict] [--format]`: RFC 5280 path validation with
/// the §6.1.1 inputs and §6.3 revocation, under the same ``ValidationPolicy`` rules as `senimkey verify`: by default
/// every certificate of the path needs conclusive revocation evidence, so a certificate checked without its CRL is
/// never reported as passed. Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE.
struct VerifyCertificateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Build and validate the certification path of a certificate (RFC 5280 §6.1)."
    )

    @Argument(help: "The end-entity certificate (DER, PEM or base64).") var leaf: String
    @Option(name: .customLong("intermediate"), help: "An intermediate certificate (repeatable).") var intermediates: [String] = []
    @Option(name: .customLong("trust"), help: "A trust-anchor certificate or a directory of them (repeatable).") var trust: [String] = []
    @Option(name: .customLong("crl"), help: "A CRL to check revocation against (repeatable).") var crls: [String] = []
    @Option(name: .customLong("ocsp"), help: "A stored OCSP response (DER) to check revocation against (repeatable).") var ocspResponses:
        [String] = []
    @Option(help: "Validation time, ISO 8601 (default: now).") var at: String?
    @Option(name: .customLong("initial-policy"), help: "user-initial-policy-set member (repeatable; default anyPolicy).")
    var initialPolicies: [String] = []
    @Flag(name: .customLong("require-explicit-policy"), help: "initial-explicit-policy") var requireExplicitPolicy = false
    @Flag(name: .customLong("inhibit-policy-mapping"), help: "initial-policy-mapping-inhibit") var inhibitPolicyMapping = false
    @Flag(name: .customLong("inhibit-any-policy"), help: "initial-any-policy-inhibit") var inhibitAnyPolicy = false
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text
    @Flag(help: "Fetch missing issuers (AIA) and revocation data (CRL-DP, OCSP) over HTTP from the URLs in the certificates.") var online =
        false
    @Option(name: .customLong("mirror"), help: "HOST=BASEURL: fetch that host's URLs from a mirror (repeatable).") var mirrors: [String] =
        []
    @Option(
        help: ArgumentHelp(
            "Unknown revocation status: require (INDETERMINATE), hard-fail (INDETERMINATE when evidence exists or is "
                + "named), soft-fail (note only)."))
    var revocation: RevocationMode = .require
    @Option(help: "Relying-party profile: lenient (CA-side RFC 5280 MUSTs reported as warnings) or strict (refused).")
    var profile: RelyingPartyProfile = .lenient

    func run() async throws {
        let time = try CLIInput.time(at) ?? Date()
        let policies: Set<ASN1ObjectIdentifier>
        do {
            policies =
                initialPolicies.isEmpty
                ? [PolicyInformation.anyPolicy] : Set(try initialPolicies.map { try ASN1ObjectIdentifier(dotRepresentation: $0) })
        } catch {
            throw ValidationError("--initial-policy takes a dotted OID")
        }

        let leafCertificate: Certificate
        let intermediateCertificates: [Certificate]
        let store: TrustStore
        let lists: [CertificateRevocationList]
        let responses: [OCSPResponse]
        do {
            leafCertificate = try Certificate(bytes: try CLIInput.read(leaf))
            intermediateCertificates = try intermediates.map { try Certificate(bytes: try CLIInput.read($0)) }
            store = try CLIInput.trustStore(trust)
            lists = try crls.map { try CertificateRevocationList(bytes: try CLIInput.read($0)) }
            responses = try ocspResponses.map { try OCSPResponse(derEncoded: try CLIInput.read($0)) }
        } catch {
            FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
            throw SenimkeyExit.unreadableInput
        }

        var policy = ValidationPolicy.kazakhstanDefault
        policy.requireNonRepudiation = false
        policy.revocationRequired = revocation != .softFail
        policy.revocationMode = revocation
        policy.relyingPartyProfile = profile
        var inputs = PathValidationInputs(
            validationTime: time, trustAnchors: store.roots, initialPolicySet: policies,
            initialExplicitPolicy: requireExplicitPolicy, initialPolicyMappingInhibit: inhibitPolicyMapping,
            initialAnyPolicyInhibit: inhibitAnyPolicy)
        inputs.profile = profile
        let validator = SigningCertificateValidator(
            trustStore: store, revocation: RevocationChecker(revocationLists: lists, ocspResponses: responses),
            policy: policy)
        var report: CertificateValidationReport
        if online {
            var configuration = OnlineFetcher.Configuration()
            do { configuration.mirrors = try MirrorTable(parsing: mirrors) } catch { throw ValidationError(error.description) }
            let fetcher = OnlineFetcher(configuration: configuration)
            let outcome = await validator.validate(
                leafCertificate, at: time, revocationSources: [fetcher], certificateSources: [fetcher],
                extraIntermediates: intermediateCertificates, pathInputs: inputs)
            for error in outcome.errors {
                FileHandle.standardError.write(Data("senimkey: fetch: \(DecodingErrorText.sentence(error))\n".utf8))
            }
            report = outcome.report
        } else {
            report = validator.validate(leafCertificate, at: time, extraIntermediates: intermediateCertificates, pathInputs: inputs)
        }

        report.revocationMode = revocation
        report.profile = profile
        switch format {
        case .json:
            try JSONOutput.print(report)
        case .text:
            print(
                "\(report.indication.rawValue)\(report.subIndication.map { " / \($0.rawValue)" } ?? "") at "
                    + "\(ISO8601DateFormatter().string(from: time))"
            )
            print("  revocation mode \(revocation.rawValue), profile \(profile.rawValue)")
            for message in report.messages { print("  - \(message)") }
            for (index, element) in report.chain.enumerated() {
                let revocation =
                    element.revocation.map { "  revocation \($0.status) (\($0.source))" } ?? (element.trusted ? "  trust anchor" : "")
                print(
                    "  [\(index)] \(element.certificate.subject)\n      serial \(element.certificate.serialNumber)  sha256 "
                        + "\(element.certificate.sha256)\(revocation)"
                )
            }
        }
        try SenimkeyExit.finish(with: report.indication)
    }
}
