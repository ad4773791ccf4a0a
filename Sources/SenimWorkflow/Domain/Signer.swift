import Foundation
import SenimPKI

/// One signature a document waits for: the partner's own (its BIN, signed by someone its certificate lets sign
/// for it), or a named person's (surname, name, IIN and phone, docs/user-agreement.md §7.2).
public struct Signer: Sendable, Hashable, Codable, Identifiable {
    public enum Party: String, Sendable, Codable { case partner, person }

    public enum State: String, Sendable, Codable {
        case waiting, notified, viewed, signed, rejected

        /// Notified or viewed: it is this signer's turn.
        public var isAwaitingSignature: Bool { self == .notified || self == .viewed }
    }

    public let id: String
    public let documentID: String
    public var party: Party
    public var surname: String
    public var name: String
    /// The person's IIN; for the partner's signature, nil (the BIN and the certificate role decide).
    public var iin: KazakhIdentifier?
    public var phone: PhoneNumber?
    /// 1-based order among the persons; the partner's signature is order 0.
    public var order: Int
    public var state: State
    public var signedAt: Date?
    public var signatureKind: SignatureKind?

    public init(
        id: String, documentID: String, party: Party = .person, surname: String, name: String, iin: KazakhIdentifier?, phone: PhoneNumber?,
        order: Int, state: State = .waiting
    ) {
        self.id = id
        self.documentID = documentID
        self.party = party
        self.surname = surname
        self.name = name
        self.iin = iin
        self.phone = phone
        self.order = order
        self.state = state
    }
}
