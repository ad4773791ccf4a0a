import Foundation
import SenimCrypto

/// What an SMS code may be used for.
public enum SESAction: String, Sendable, Codable, Hashable { case sign, reject, confirm, login }

/// What the one-time code is bound to (PSD2 RTS Art. 5 "dynamic linking", with the amount and payee read as
/// the document digest and the signer): a code for one of these is worthless for any other.
public struct SESBinding: Sendable, Codable, Hashable {
    public var documentID: String
    public var documentSHA256: String
    public var documentGOST34311: String
    public var signerID: String
    public var signerIIN: String
    public var phoneE164: String
    public var action: SESAction
    /// SHA-256 of the consent text and screen the signer was shown.
    public var consentTextSHA256: String

    public init(
        documentID: String, documentSHA256: String, documentGOST34311: String, signerID: String, signerIIN: String,
        phoneE164: String, action: SESAction, consentTextSHA256: String
    ) {
        self.documentID = documentID
        self.documentSHA256 = documentSHA256
        self.documentGOST34311 = documentGOST34311
        self.signerID = signerID
        self.signerIIN = signerIIN
        self.phoneE164 = phoneE164
        self.action = action
        self.consentTextSHA256 = consentTextSHA256
    }
}

/// An issued challenge as it is stored: everything but the code, of which only a keyed digest is kept.
public struct SESChallenge: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable { case pending, confirmed, locked, superseded }

    /// 128 random bits, hex.
    public let id: String
    public let binding: SESBinding
    public let createdAt: Date
    public let expiresAt: Date
    public let maxAttempts: Int
    public internal(set) var attempts: Int
    public internal(set) var status: Status
    /// HMAC-SHA-256(K, "senimkey-ses-code" ‖ id ‖ code), hex: lets the platform check a code it cannot recover.
    public let codeDigest: String
    /// The SMS provider's message id, recorded when the SMS is handed over.
    public var deliveryID: String?

    /// A newer code went to the same phone for the same purpose: this one can no longer be used.
    public mutating func supersede() {
        if status == .pending { status = .superseded }
    }

    /// Wrong codes entered against this challenge (a confirmed challenge's last attempt was the right one).
    public var failedAttempts: Int { status == .confirmed ? attempts - 1 : attempts }
}

/// Why a code was not accepted. What the user is told must not say which (PSD2 RTS Art. 4(3)(b)); the typed
/// reason goes to the audit log.
public enum SESFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case expired
    case locked
    case alreadyUsed
    case superseded
    case documentChanged
    case wrongSigner
    case wrongCode(attemptsLeft: Int)

    public var description: String {
        switch self {
        case .expired: return "the code has expired"
        case .locked: return "too many wrong codes: the challenge is locked"
        case .alreadyUsed: return "the code was already used"
        case .superseded: return "a newer code was sent"
        case .documentChanged: return "the document changed after the code was issued"
        case .wrongSigner: return "the code was issued to another signer"
        case .wrongCode(let left): return "wrong code, \(left) attempt\(left == 1 ? "" : "s") left"
        }
    }

    /// The one sentence a user sees, whatever the reason.
    public static let userMessage = "The code is not valid. Request a new code."
}
