import Foundation
import SenimCrypto

/// Issues and checks SMS one-time codes for simple electronic signatures. The key is per deployment and lives
/// only here (configuration, an HSM), never in the store next to the challenges: a leaked database yields
/// neither codes nor a way to compute them.
///
/// The code is an OCRA-style HMAC over the binding (RFC 6287 idea, RFC 4226 truncation): it is specific to the
/// document digest, signer, action and expiry; the stored digest lets the check run in constant time.
public struct SESAuthority: Sendable {
    private let key: [UInt8]
    public static let defaultLifetime: TimeInterval = 300
    public static let maximumAttempts = 5
    public static let digits = 6

    public init(key: [UInt8]) throws(SenimCryptoError) {
        guard key.count >= 32 else { throw .invalidKey("an SES key needs at least 256 bits") }
        self.key = key
    }

    /// A challenge and its code (the code goes into the SMS and nowhere else).
    public func issue(_ binding: SESBinding, at time: Date, lifetime: TimeInterval = defaultLifetime) throws -> (
        challenge: SESChallenge, code: String
    ) {
        let id = try RandomToken.challengeID.make()
        let expiresAt = time.addingTimeInterval(min(lifetime, Self.defaultLifetime))
        let bound = try CanonicalJSON.encode(binding) + Array(id.utf8) + Array(CanonicalJSON.timestamp(expiresAt).utf8)
        let mac = try MessageAuthentication.hmac(.sha256, key: key, message: Array("senimkey-ses-derive".utf8) + bound)
        let code = Self.truncate(mac)
        let challenge = SESChallenge(
            id: id, binding: binding, createdAt: time, expiresAt: expiresAt, maxAttempts: Self.maximumAttempts,
            attempts: 0, status: .pending, codeDigest: Hex.encode(try codeDigest(id: id, code: code)))
        return (challenge, code)
    }

    /// Checks a code and updates the challenge (attempts, status). On success the challenge is spent.
    /// - Parameter currentDocumentSHA256: recomputed from the stored bytes now, so a document changed after the
    ///   challenge was issued cannot be signed with it (PSD2 RTS Art. 5(1)(d)).
    public func confirm(
        _ challenge: inout SESChallenge, code: String, signerID: String, currentDocumentSHA256: String,
        at time: Date, client: ClientContext
    ) -> Result<SESRecord, SESFailure> {
        switch challenge.status {
        case .confirmed: return .failure(.alreadyUsed)
        case .locked: return .failure(.locked)
        case .superseded: return .failure(.superseded)
        case .pending: break
        }
        guard time <= challenge.expiresAt else { return .failure(.expired) }
        guard signerID == challenge.binding.signerID else { return .failure(.wrongSigner) }
        guard currentDocumentSHA256 == challenge.binding.documentSHA256 else { return .failure(.documentChanged) }
        challenge.attempts += 1
        let presented = (try? codeDigest(id: challenge.id, code: code)) ?? []
        let stored = (try? Hex.decode(challenge.codeDigest)) ?? []
        guard MessageAuthentication.constantTimeEquals(presented, stored) else {
            let left = challenge.maxAttempts - challenge.attempts
            if left <= 0 { challenge.status = .locked }
            return .failure(left <= 0 ? .locked : .wrongCode(attemptsLeft: left))
        }
        challenge.status = .confirmed
        return .success(SESRecord(challenge: challenge, confirmedAt: time, client: client))
    }

    private func codeDigest(id: String, code: String) throws(SenimCryptoError) -> [UInt8] {
        try MessageAuthentication.hmac(.sha256, key: key, message: Array("senimkey-ses-code".utf8) + Array(id.utf8) + Array(code.utf8))
    }

    /// RFC 4226 §5.3 dynamic truncation to `digits` decimal digits.
    static func truncate(_ mac: [UInt8]) -> String {
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let code = value % 1_000_000
        return String(repeating: "0", count: digits - String(code).count) + String(code)
    }
}
