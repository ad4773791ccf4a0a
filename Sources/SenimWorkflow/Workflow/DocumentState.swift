import Foundation
import SenimEvidence

/// What the state machine reads: the document (nil before upload), its signers, its partner, and the tariff
/// package that matters (the document's reserved one, or for sending the partner's best usable one).
public struct DocumentState: Sendable, Hashable {
    public var document: Document?
    public var signers: [Signer]
    public var partner: Partner?
    public var tariff: TariffPackage?

    public init(document: Document?, signers: [Signer] = [], partner: Partner?, tariff: TariffPackage? = nil) {
        self.document = document
        self.signers = signers.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        self.partner = partner
        self.tariff = tariff
    }
}

/// What a command does: the state after it, the audit actions to append, the signers to notify by SMS, and,
/// for a refused signature, the refusal, which is recorded (the attempt is evidence) and then reported.
public struct Transition: Sendable, Hashable {
    public var state: DocumentState
    public var actions: [AuditAction]
    public var notify: [Signer]
    public var refusal: WorkflowError?
    /// The tariff package changed by this command (reserved, debited or released).
    public var tariffChanged: Bool

    public var document: Document? { state.document }
}
