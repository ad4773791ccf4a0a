import ArgumentParser
import Foundation
import SenimCrypto
import SenimPKI

/// `senimkey cert …`: certificate inspection (and, with the path-validation work, `cert verify`).
struct CertificateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Inspect X.509 certificates (NCA RK GOST and RSA included).",
        subcommands: [ShowCertificateCommand.self, VerifyCertificateCommand.self]
    )
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `senimkey cert show FILE [--format text|json]`.
struct ShowCertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print subject, issuer, IIN/BIN, roles, validity, key algorithm and fingerprints."
    )

    @Argument(help: "Certificate file: DER, PEM or base64.")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let summary: CertificateSummary
        do {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PKIError.malformedEncoding(what: "file", reason: "cannot read \(file)")
            }
            summary = CertificateSummary(certificate: try Certificate(bytes: Array(data)))
        } catch {
            FileHandle.standardError.write(Data("senimkey: \(DecodingErrorText.sentence(error))\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
        switch format {
        case .json:
            try JSONOutput.print(summary)
        case .text:
            print(CertificateText.render(summary))
        }
    }
}

/// The human-readable form of a certificate summary.
enum CertificateText {
    static func render(_ s: CertificateSummary) -> String {
        let iso = ISO8601DateFormatter()
        var lines: [(String, String)] = [
            ("Subject", s.subject),
            ("Issuer", s.issuer),
            ("Serial", s.serialNumber),
            ("Valid", "\(iso.string(from: s.notBefore)) … \(iso.string(from: s.notAfter))"),
            ("Key", s.publicKeyAlgorithm),
            ("Signature", s.signatureAlgorithm),
        ]
        if let name = s.signer.commonName { lines.append(("Name", name)) }
        if let patronymic = s.signer.patronymic { lines.append(("Patronymic", patronymic)) }
        if let iin = s.signer.iin { lines.append(("IIN", iin.digits)) }
        if let bin = s.signer.bin { lines.append(("BIN", bin.digits)) }
        if let organisation = s.signer.organisation { lines.append(("Organisation", organisation)) }
        if let email = s.signer.email { lines.append(("E-mail", email)) }
        if !s.signer.roles.isEmpty { lines.append(("Roles", s.signer.roles.map(\.rawValue).joined(separator: ", "))) }
        lines.append(("Key purpose", s.signer.keyPurpose.rawValue))
        if !s.keyUsage.isEmpty { lines.append(("Key usage", s.keyUsage.joined(separator: ", "))) }
        if !s.policies.isEmpty { lines.append(("Policies", s.policies.joined(separator: ", "))) }
        if s.isCertificateAuthority { lines.append(("CA", "yes")) }
        for url in s.ocspURLs { lines.append(("OCSP", url)) }
        for url in s.caIssuerURLs { lines.append(("CA issuers", url)) }
        for url in s.crlURLs { lines.append(("CRL", url)) }
        lines.append(("SHA-256", s.sha256))
        lines.append(("SHA-1", s.sha1))
        for warning in s.signer.warnings { lines.append(("Warning", warning)) }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}
