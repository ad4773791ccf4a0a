import Foundation

/// Who did something: the account, its role, the phone (masked: +7 701 *** ** 67), and the IIN when known.
public struct AuditActor: Sendable, Codable, Hashable {
    public enum Role: String, Sendable, Codable { case client, partner, partnerEmployee, administrator, platform }
    public var userID: String?
    public var role: Role
    public var phoneMasked: String?
    public var iin: String?

    public init(userID: String?, role: Role, phoneMasked: String? = nil, iin: String? = nil) {
        self.userID = userID
        self.role = role
        self.phoneMasked = phoneMasked
        self.iin = iin
    }

    /// `+77011234567` → `+7 701 *** ** 67`: enough for a court to match the number, not enough to call it.
    public static func mask(phone: String) -> String {
        let digits = phone.filter(\.isNumber)
        guard digits.count >= 6 else { return String(repeating: "*", count: digits.count) }
        let country = digits.count > 10 ? String(digits.prefix(digits.count - 10)) : ""
        let national = digits.suffix(10)
        return "+\(country) \(national.prefix(3)) *** ** \(national.suffix(2))"
    }
}

/// Where a request came from, as the server saw it.
public struct ClientContext: Sendable, Codable, Hashable {
    public var ipAddress: String?
    public var userAgent: String?
    public var device: String?

    public init(ipAddress: String?, userAgent: String?, device: String? = nil) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.device = device
    }
}

/// What happened, with the facts that matter for that step of the workflow (docs/user-agreement.md §7.8).
public enum AuditAction: Sendable, Codable, Hashable {
    case agreementAccepted(edition: String, consentTextSHA256: String)
    case documentUploaded(fileName: String, mediaType: String, size: Int64)
    case signerAdded(signerID: String, surname: String, name: String, iin: String, phoneMasked: String, order: Int)
    case sentForSigning(signingMethod: String, signingOrder: String)
    case smsSent(signerID: String?, phoneMasked: String, purpose: String, providerMessageID: String?)
    case linkOpened(signerID: String)
    case documentViewed(signerID: String?)
    case otpRequested(challengeID: String, purpose: String)
    case otpFailed(challengeID: String, attempt: Int)
    case otpConfirmed(challengeID: String, attempt: Int)
    case edsSignatureReceived(
        signerID: String, format: String, signatureSHA256: String, indication: String, subIndication: String?,
        signerIIN: String?, signerBIN: String?)
    case sesSignatureRecorded(signerID: String, challengeID: String, recordSHA256: String)
    case signatureRefused(signerID: String, reason: String)
    case rejected(signerID: String, reason: String)
    case completed
    case cancelled(reason: String?)
    case expired
    case tariffDebited(packageID: String, usesLeft: Int)
    case downloaded(item: String)
    case evidenceExported(packageSHA256: String)
    case administrative(action: String, target: String)
}

/// One entry of a document's audit log. Every event carries the document's digests, so the log alone
/// shows which exact bytes each action concerned (docs/validation-model.md §2, items 1 and 5).
public struct AuditEvent: Sendable, Codable, Hashable {
    /// Position in the document's chain, from 0, without gaps.
    public var sequence: UInt64
    public var documentID: String
    /// UTC with milliseconds in the canonical form.
    public var time: Date
    public var actor: AuditActor
    public var client: ClientContext
    public var documentSHA256: String
    public var documentGOST34311: String
    public var action: AuditAction

    public init(
        sequence: UInt64, documentID: String, time: Date, actor: AuditActor, client: ClientContext,
        documentSHA256: String, documentGOST34311: String, action: AuditAction
    ) {
        self.sequence = sequence
        self.documentID = documentID
        self.time = Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000)
        self.actor = actor
        self.client = client
        self.documentSHA256 = documentSHA256
        self.documentGOST34311 = documentGOST34311
        self.action = action
    }

    /// The RFC 8785 bytes the chain hashes.
    public func canonicalBytes() throws(CanonicalJSONError) -> [UInt8] { try CanonicalJSON.encode(self) }
}
