import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI

/// The evidence of one simple electronic signature by SMS code: every bound field, the attempts, the times,
/// where it came from, and the SMS delivery id. It is sealed by the platform key, and every report calls it
/// what it is: a simple electronic signature, not an EDS.
public struct SESRecord: Sendable, Codable, Hashable {
    public static let kind = "SIMPLE_ELECTRONIC_SIGNATURE"

    public let type: String
    public let challengeID: String
    public let binding: SESBinding
    public let issuedAt: Date
    public let expiresAt: Date
    public let confirmedAt: Date
    public let attempts: Int
    public let client: ClientContext
    public let deliveryID: String?

    init(challenge: SESChallenge, confirmedAt: Date, client: ClientContext) {
        type = Self.kind
        challengeID = challenge.id
        binding = challenge.binding
        issuedAt = challenge.createdAt
        expiresAt = challenge.expiresAt
        self.confirmedAt = confirmedAt
        attempts = challenge.attempts
        self.client = client
        deliveryID = challenge.deliveryID
    }

    /// Canonical JSON (RFC 8785) with a detached CMS seal over exactly those bytes.
    public func sealed(by identity: SigningIdentity, at time: Date = Date()) throws -> SealedSESRecord {
        let json = try CanonicalJSON.encode(self)
        let seal = try CMSBuilder.sign(json, detached: true, signers: [CMSSigner(identity: identity, signingTime: time)])
        return SealedSESRecord(json: json, seal: seal.derEncoded)
    }
}

/// A sealed record as stored and as it goes into the evidence package (`signatures/<n>-<signer>.ses.json`
/// and its seal).
public struct SealedSESRecord: Sendable, Hashable {
    public let json: [UInt8]
    public let seal: [UInt8]

    /// A record and its seal as stored (the verifier checks they belong together).
    public init(json: [UInt8], seal: [UInt8]) {
        self.json = json
        self.seal = seal
    }

    public var record: SESRecord {
        get throws { try CanonicalJSON.decoder().decode(SESRecord.self, from: Data(json)) }
    }

    /// The seal's verdict over the record bytes, and whether the record is bound to `documentSHA256`.
    public func verify(with validator: CMSSignatureValidator, documentSHA256: String, at time: Date? = nil) async
        -> SignatureValidationReport
    {
        var report = await validator.validate(cms: seal, content: .bytes(json), at: time)
        if report.signatures.indices.contains(0) { report.signatures[0].format = .sesSeal }
        guard let record = try? record, record.type == SESRecord.kind, (try? CanonicalJSON.encode(record)) == json else {
            report.failEverySignature(.formatFailure, "the SES record is not canonical or not a simple-signature record")
            return report.recombined(container: "SES")
        }
        if record.binding.documentSHA256 != documentSHA256 {
            report.failEverySignature(.hashFailure, "the SES record is bound to another document (\(record.binding.documentSHA256))")
        }
        return report.recombined(
            container: "SES",
            messages: [
                "a simple electronic signature by SMS code (not an EDS), confirmed by \(record.binding.phoneE164.prefix(4))"
                    + "…\(record.binding.phoneE164.suffix(2)) at \(CanonicalJSON.timestamp(record.confirmedAt))"
            ])
    }
}
