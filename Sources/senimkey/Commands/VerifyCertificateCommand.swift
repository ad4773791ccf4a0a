import ArgumentParser
import Foundation
import SenimPKI
import SwiftASN1

/// `senimkey cert verify LEAF [--intermediate F]… [--trust F|DIR]… [--crl F]… [--at TIME] [policy inputs] [--format]`:
/// RFC 5280 path validation with the §6.1.1 inputs. Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE.
struct VerifyCertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Build and validate the certification path of a certificate (RFC 5280 §6.1)."
    )

    @Argument(help: "The end-entity certificate (DER, PEM or base64).") var leaf: String
    @Option(name: .customLong("intermediate"), help: "An intermediate certificate (repeatable).") var intermediates: [String] = []
    @Option(name: .customLong("trust"), help: "A trust-anchor certificate or a directory of them (repeatable).") var trust: [String] = []
    @Option(name: .customLong("crl"), help: "A CRL to check revocation against (repeatable).") var crls: [String] = []
    @Option(help: "Validation time, ISO 8601 (default: now).") var at: String?
    @Option(name: .customLong("initial-policy"), help: "user-initial-policy-set member (repeatable; default anyPolicy).") var initialPolicies: [String] = []
    @Flag(name: .customLong("require-explicit-policy"), help: "initial-explicit-policy") var requireExplicitPolicy = false
    @Flag(name: .customLong("inhibit-policy-mapping"), help: "initial-policy-mapping-inhibit") var inhibitPolicyMapping = false
    @Flag(name: .customLong("inhibit-any-policy"), help: "initial-any-policy-inhibit") var inhibitAnyPolicy = false
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    struct Report: Codable {
        let indication: Indication
        let subIndication: SubIndication?
        let validationTime: Date
        let chain: [CertificateSummary]
        let message: String?
    }

    func run() throws {
        let time: Date
        if let at {
            guard let parsed = ISO8601DateFormatter().date(from: at) else { throw ValidationError("--at must be ISO 8601, e.g. 2022-08-01T00:00:00Z") }
            time = parsed
        } else {
            time = Date()
        }
        let policies: Set<ASN1ObjectIdentifier>
        do {
            policies = initialPolicies.isEmpty ? [PolicyInformation.anyPolicy] : Set(try initialPolicies.map { try ASN1ObjectIdentifier(dotRepresentation: $0) })
        } catch {
            throw ValidationError("--initial-policy takes a dotted OID")
        }

        let leafCertificate: Certificate, intermediateCertificates: [Certificate], anchors: [Certificate], lists: [CertificateRevocationList]
        do {
            leafCertificate = try Certificate(bytes: try Self.read(leaf))
            intermediateCertificates = try intermediates.map { try Certificate(bytes: try Self.read($0)) }
            anchors = try trust.flatMap(Self.anchors)
            lists = try crls.map { try CertificateRevocationList(bytes: try Self.read($0)) }
        } catch {
            FileHandle.standardError.write(Data("senimkey: \(error)\n".utf8))
            throw SenimkeyExit.unreadableInput
        }

        let inputs = PathValidationInputs(validationTime: time, trustAnchors: anchors, initialPolicySet: policies,
                                          initialExplicitPolicy: requireExplicitPolicy, initialPolicyMappingInhibit: inhibitPolicyMapping,
                                          initialAnyPolicyInhibit: inhibitAnyPolicy)
        let report: Report
        switch CertificatePathValidator(inputs: inputs).validate(leaf: leafCertificate, intermediates: intermediateCertificates, revocationLists: lists) {
        case .success(let path):
            report = Report(indication: .totalPassed, subIndication: nil, validationTime: time,
                            chain: path.certificates.reversed().map(CertificateSummary.init), message: nil)
        case .failure(let failure):
            report = Report(indication: failure.subIndication.indication, subIndication: failure.subIndication, validationTime: time,
                            chain: [CertificateSummary(certificate: leafCertificate)], message: failure.description)
        }

        switch format {
        case .json:
            try JSONOutput.print(report)
        case .text:
            print("\(report.indication.rawValue)\(report.subIndication.map { " / \($0.rawValue)" } ?? "") at \(ISO8601DateFormatter().string(from: time))")
            if let message = report.message { print("Reason: \(message)") }
            for (index, certificate) in report.chain.enumerated() {
                print("  [\(index)] \(certificate.subject)\n      serial \(certificate.serialNumber)  sha256 \(certificate.sha256)")
            }
        }
        switch report.indication {
        case .totalPassed: return
        case .totalFailed: throw SenimkeyExit.totalFailed
        case .indeterminate: throw SenimkeyExit.indeterminate
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PKIError.malformedEncoding(what: "file", reason: "cannot read \(path)")
        }
        return Array(data)
    }

    /// A certificate file, or every certificate file in a directory (non-certificates are skipped).
    static func anchors(_ path: String) throws -> [Certificate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PKIError.malformedEncoding(what: "trust anchor", reason: "\(path) does not exist")
        }
        guard isDirectory.boolValue else { return [try Certificate(bytes: try read(path))] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        return names.compactMap { try? Certificate(bytes: try read((path as NSString).appendingPathComponent($0))) }
    }
}
