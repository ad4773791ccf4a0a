import Foundation
import SenimPKI

/// The `--format text` rendering of a signature report, for people: who signed, when, the verdict, and one
/// sentence on why a verdict is not TOTAL_PASSED.
struct ReportText {
    let report: SignatureValidationReport

    init(_ report: SignatureValidationReport) { self.report = report }

    private static func time(_ date: Date?) -> String {
        date?.iso8601 ?? "—"
    }

    private static func verdict(_ indication: Indication, _ subIndication: SubIndication?) -> String {
        indication.rawValue + (subIndication.map { " / \($0.rawValue)" } ?? "")
    }

    var rendered: String {
        var lines: [String] = []
        let count = report.signatures.count
        lines.append(
            "\(report.container): \(Self.verdict(report.indication, report.subIndication)) — \(count) signature\(count == 1 ? "" : "s"), "
                + "validated at \(Self.time(report.validationTime)), policy \(report.policy.id)"
        )
        for message in report.messages { lines.append("  \(message)") }
        for signature in report.signatures { lines += self.lines(for: signature, indent: "") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func lines(for signature: SignatureReport, indent: String) -> [String] {
        var lines = ["", "\(indent)[\(signature.id)] \(Self.verdict(signature.indication, signature.subIndication))  \(signature.format)"]
        func row(_ label: String, _ value: String) {
            lines.append("\(indent)  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        if let reason = signature.reason { row("Why", reason) }
        if let signer = signature.signer {
            var who = [signer.commonName ?? "(no common name)"]
            if let iin = signer.iin { who.append("IIN \(iin)") }
            if let organisation = signer.organisation { who.append(organisation) }
            if let bin = signer.bin { who.append("BIN \(bin)") }
            row("Signer", who.joined(separator: ", "))
            let roles = signer.roles.map(\.rawValue)
            if !roles.isEmpty { row("Roles", roles.joined(separator: ", ")) }
        } else {
            row("Signer", "not identified")
        }
        row("Algorithm", signature.signatureAlgorithm ?? "—")
        row(
            "Signed at",
            "\(Self.time(signature.claimedSigningTime)) (claimed)  best signature time \(Self.time(signature.bestSignatureTime))")
        row(
            "Checks",
            "intact \(signature.intact ? "yes" : "no"), signature \(signature.cryptographicallyValid ? "valid" : "invalid"), chain "
                + "\(signature.chainTrusted ? "trusted" : "not trusted")"
        )
        if let certificate = signature.signingCertificate {
            row(
                "Certificate",
                "serial \(certificate.serialNumber), valid \(Self.time(certificate.notBefore)) → \(Self.time(certificate.notAfter))")
            row("Issuer", certificate.issuer)
        }
        if let revocation = signature.revocation {
            var text = "\(revocation.status) (\(revocation.source)\(revocation.producedAt.map { ", issued \(Self.time($0))" } ?? ""))"
            if let revokedAt = revocation.revokedAt {
                text += ", revoked at \(Self.time(revokedAt))\(revocation.reason.map { " (\($0))" } ?? "")"
            }
            row("Revocation", text)
        }
        for timestamp in signature.timestamps {
            row(
                "Timestamp",
                "\(timestamp.type): \(Self.verdict(timestamp.indication, timestamp.subIndication)), genTime \(Self.time(timestamp.genTime))"
                    + ", policy \(timestamp.policy ?? "—"), \(timestamp.messageImprintAlgorithm ?? "") imprint "
                    + "\(timestamp.imprintMatches ? "matches" : "does not match")"
            )
            if let reason = timestamp.reason { row("", reason) }
        }
        for scope in signature.signedDataScope {
            let digest = scope.digests["sha256"].map { ", sha256 \($0)" } ?? ""
            row("Covers", "\(scope.description) [\(scope.coverage.rawValue)]\(digest)")
        }
        for message in signature.messages.dropFirst(signature.reason == nil ? 0 : 1) { row("Note", message) }
        for counter in signature.counterSignatures { lines += self.lines(for: counter, indent: indent + "    ") }
        return lines
    }
}
