import Foundation

/// The result of validating a signed object (a CMS, an XML document, an evidence package): the overall verdict
/// and one ``SignatureReport`` per signature, in the ETSI EN 319 102-1 shape with pyHanko-style layered facts.
///
/// This is the `--format json` body of `senimkey verify` (docs/ARCHITECTURE.md, "The CLI contract") and the server's API body, shared by
/// the
/// CMS and XML validators so both speak one vocabulary.
public struct SignatureValidationReport: Sendable, Codable {
    public var indication: Indication
    public var subIndication: SubIndication?
    /// The time validation was asked for (now or `--at`); each signature also carries its best signature time.
    public var validationTime: Date
    public var policy: CertificateValidationReport.PolicyReference
    /// What was validated: `CMS`, `XML`, `TimeStampToken`, `EvidencePackage`.
    public var container: String
    public var signatures: [SignatureReport]
    public var messages: [String]
    /// The producing tool and version, so a report says what made it (docs/validation-model.md §2, item 9).
    public var tool: String

    public static let toolName = "senimkey 0.2.0"

    /// Combines per-signature verdicts: TOTAL_PASSED only when every signature passed; otherwise the worst
    /// indication (TOTAL_FAILED before INDETERMINATE) with the first such signature's sub-indication.
    public init(
        container: String, validationTime: Date, policy: CertificateValidationReport.PolicyReference, signatures: [SignatureReport],
        messages: [String] = []
    ) {
        self.container = container
        self.validationTime = validationTime
        self.policy = policy
        self.signatures = signatures
        self.tool = Self.toolName
        var messages = messages
        if signatures.isEmpty {
            indication = .totalFailed
            subIndication = .formatFailure
            messages.append("no signature found")
        } else if let failed = signatures.first(where: { $0.indication == .totalFailed })
            ?? signatures.first(where: { $0.indication == .indeterminate })
        {
            indication = failed.indication
            subIndication = failed.subIndication
            let passed = signatures.filter { $0.indication == .totalPassed }.count
            messages.insert(
                "\(passed) of \(signatures.count) signature\(signatures.count == 1 ? "" : "s") passed; \(failed.id) is "
                    + "\(failed.indication.rawValue)\(failed.subIndication.map { "/\($0.rawValue)" } ?? "")",
                at: 0)
        } else {
            indication = .totalPassed
            subIndication = nil
        }
        self.messages = messages
    }

    /// Fails every signature on a check the caller adds on top of the validator's (an SES record's binding, an
    /// evidence package's rule that the signed XML names the document). The aggregate is stale until ``recombined``.
    public mutating func failEverySignature(_ subIndication: SubIndication, _ reason: String) {
        for index in signatures.indices { signatures[index].fail(subIndication, reason) }
    }

    /// The same signatures, time and policy under a new container name and messages, with the aggregate
    /// verdict computed again from the signatures as they are now.
    public func recombined(container: String, messages: [String] = []) -> SignatureValidationReport {
        SignatureValidationReport(
            container: container, validationTime: validationTime, policy: policy, signatures: signatures, messages: messages)
    }

    /// A report for input that could not be read as a signature at all (FORMAT_FAILURE).
    public static func unreadable(
        container: String, validationTime: Date, policy: CertificateValidationReport.PolicyReference, reason: String
    ) -> SignatureValidationReport {
        var report = SignatureValidationReport(
            container: container, validationTime: validationTime, policy: policy, signatures: [], messages: [reason])
        report.messages = [reason]
        return report
    }
}

extension CertificateValidationReport.PolicyReference {
    public init(_ policy: ValidationPolicy) {
        self.init(id: "\(policy.identifier)@\(policy.version)", sha256: policy.sha256)
    }
}
