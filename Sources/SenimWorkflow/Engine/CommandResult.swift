import SenimEvidence

/// What a committed command did: the document and signers after it, the events it appended, its leaf in the
/// platform log, and whom to notify. Stored under the command's idempotency key, so a retried request gets
/// the same answer instead of a second effect.
public struct CommandResult: Sendable, Hashable, Codable {
    public var document: Document
    public var signers: [Signer]
    public var events: [ChainedEvent]
    /// The index of the AuditAnchor leaf this command appended to the platform log.
    public var leafIndex: UInt64
    /// Signers whose turn began: the server sends each an SMS link.
    public var notify: [Signer]
    /// A signature refused and recorded: the command committed, and the caller reports this.
    public var refusal: WorkflowError?
    /// True when this is the stored answer to an earlier request with the same idempotency key.
    public var replayed: Bool
}
