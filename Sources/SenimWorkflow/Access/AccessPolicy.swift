import Foundation
import SenimCrypto

/// The edition of the user agreement in force and the SHA-256 of its text: what a first login accepts
/// (agreement §1, §10), recorded with the time, the address and the device.
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

/// How long sessions live and how many SMS codes a phone, an address or a signer may ask for: the limits that
/// keep SMS costs bounded and make code guessing pointless (5 attempts per code, a few codes per window).
public struct AccessPolicy: Sendable {
    public var agreement: AgreementEdition
    public var sessionLifetime: TimeInterval
    /// A session opened from a signer's SMS link: that document and that signer only.
    public var linkSessionLifetime: TimeInterval
    public var rateWindow: TimeInterval
    public var codesPerPhone: Int
    public var codesPerAddress: Int
    public var codesPerSigner: Int

    public init(agreement: AgreementEdition, sessionLifetime: TimeInterval = 12 * 3600, linkSessionLifetime: TimeInterval = 3600,
                rateWindow: TimeInterval = 600, codesPerPhone: Int = 3, codesPerAddress: Int = 20, codesPerSigner: Int = 5) {
        self.agreement = agreement
        self.sessionLifetime = sessionLifetime
        self.linkSessionLifetime = linkSessionLifetime
        self.rateWindow = rateWindow
        self.codesPerPhone = codesPerPhone
        self.codesPerAddress = codesPerAddress
        self.codesPerSigner = codesPerSigner
    }
}

/// An SMS code as it leaves the platform: the challenge, the code (for the SMS only), the phone it goes to.
public struct IssuedCode: Sendable, Hashable {
    public let challengeID: String
    public let code: String
    public let phone: PhoneNumber
    public let expiresAt: Date
}
