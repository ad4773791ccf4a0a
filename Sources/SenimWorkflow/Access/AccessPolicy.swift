import Foundation
import SenimCrypto

/// The edition of the user agreement in force and the SHA-256 of its text: what a first login accepts
/// (docs/user-agreement.md §1.8, §10), recorded with the time, the address and the device.
public struct AgreementEdition: Sendable, Hashable, Codable {
    public var edition: String
    public var textSHA256: String

    public init(edition: String, textSHA256: String) {
        self.edition = edition
        self.textSHA256 = textSHA256
    }

    public init(edition: String, text: String) {
        self.init(edition: edition, textSHA256: Hex.encode(DigestAlgorithm.sha256.hash(Array(text.utf8))))
    }
}

/// How long sessions and links live and how many SMS codes a phone, an address or a signer may ask for: the
/// limits that keep SMS costs bounded and make code guessing pointless over days, not only minutes. A code has
/// 5 attempts; a phone (login) or a signer (signing) gets at most `codesPerDay` codes and `failedAttemptsPerDay`
/// wrong entries in any 24 hours, each code after the first waits twice as long as the one before, and a new
/// code makes the older ones void.
public struct AccessPolicy: Sendable {
    public var agreement: AgreementEdition
    public var sessionLifetime: TimeInterval
    /// A session opened from a signer's SMS link: that document and that signer only.
    public var linkSessionLifetime: TimeInterval
    /// How long an SMS link can be opened (or until the document's deadline, or its final state).
    public var linkLifetime: TimeInterval
    public var rateWindow: TimeInterval
    public var codesPerPhone: Int
    public var codesPerAddress: Int
    public var codesPerSigner: Int
    public var codesPerDay: Int
    public var failedAttemptsPerDay: Int
    /// The wait before the second code of a day; each further code waits twice as long, at most `backOffLimit`.
    public var backOffBase: TimeInterval
    public var backOffLimit: TimeInterval

    public init(
        agreement: AgreementEdition, sessionLifetime: TimeInterval = 12 * 3600, linkSessionLifetime: TimeInterval = 3600,
        linkLifetime: TimeInterval = 30 * 86400, rateWindow: TimeInterval = 600, codesPerPhone: Int = 3, codesPerAddress: Int = 20,
        codesPerSigner: Int = 5, codesPerDay: Int = 10, failedAttemptsPerDay: Int = 20, backOffBase: TimeInterval = 30,
        backOffLimit: TimeInterval = 3600
    ) {
        self.agreement = agreement
        self.sessionLifetime = sessionLifetime
        self.linkSessionLifetime = linkSessionLifetime
        self.linkLifetime = linkLifetime
        self.rateWindow = rateWindow
        self.codesPerPhone = codesPerPhone
        self.codesPerAddress = codesPerAddress
        self.codesPerSigner = codesPerSigner
        self.codesPerDay = codesPerDay
        self.failedAttemptsPerDay = failedAttemptsPerDay
        self.backOffBase = backOffBase
        self.backOffLimit = backOffLimit
    }

    /// The wait after the `issued`-th code of a day before the next one may be sent.
    public func backOff(afterCodes issued: Int) -> TimeInterval {
        guard issued > 0 else { return 0 }
        return min(backOffLimit, backOffBase * pow(2, Double(min(issued - 1, 30))))
    }
}

/// An SMS code as it leaves the platform: the challenge, the code (for the SMS only), the phone it goes to.
public struct IssuedCode: Sendable, Hashable {
    public let challengeID: String
    public let code: String
    public let phone: PhoneNumber
    public let expiresAt: Date
}
