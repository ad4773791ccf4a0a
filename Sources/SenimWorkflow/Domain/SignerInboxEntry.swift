/// One line of a person's "my documents": a document that names them as a signer, their slot in it, who sent it,
/// and what the document waits for from them. Every phone login has this list (the agreement gives every user
/// the documents sent to them and their downloads), employees and clients alike.
public struct SignerInboxEntry: Sendable, Hashable {
    /// What the document expects of this person now.
    public enum Awaited: String, Sendable, Hashable, Codable, CaseIterable {
        /// Their turn: view, then sign or reject.
        case yourSignature = "YOUR_SIGNATURE"
        /// Signers before them in a sequential order have not signed yet.
        case othersFirst = "OTHERS_FIRST"
        /// They signed; others may still sign.
        case youSigned = "YOU_SIGNED"
        case youRejected = "YOU_REJECTED"
        /// Signed by all, rejected, cancelled or expired: only the downloads remain.
        case nothing = "NOTHING"
    }

    public let document: Document
    public let signer: Signer
    public let partner: Partner?

    public init(document: Document, signer: Signer, partner: Partner?) {
        self.document = document
        self.signer = signer
        self.partner = partner
    }

    public var awaited: Awaited {
        switch signer.state {
        case .signed: return .youSigned
        case .rejected: return .youRejected
        case _ where document.status.isFinal: return .nothing
        case .notified, .viewed: return .yourSignature
        case .waiting: return .othersFirst
        }
    }
}
