import Foundation
import SenimCrypto

@testable import SenimEvidence

/// The client's simple signature by SMS code that the package tests put in their packages: signer `s-2` (IIN
/// 123456789011, +77011234567) confirms the code `confirmedAfter` seconds after it was issued at `issuedAt`.
enum SimpleSignatureFixture {
    static let client = ClientContext(ipAddress: "198.51.100.9", userAgent: "Mozilla/5.0 (Android 14)", device: "Android")

    static func confirmed(
        documentID: String, sha256: String, gost: String, authorityKey: UInt8, deliveryID: String, issuedAt: Date,
        confirmedAfter: TimeInterval
    ) throws -> (record: SESRecord, challengeID: String) {
        let authority = try SESAuthority(key: [UInt8](repeating: authorityKey, count: 32))
        let binding = SESBinding(
            documentID: documentID, documentSHA256: sha256, documentGOST34311: gost, signerID: "s-2", signerIIN: "123456789011",
            phoneE164: "+77011234567", action: .sign, consentTextSHA256: Hex.encode(DigestAlgorithm.sha256.hash(Array("Келісемін".utf8))))
        var (challenge, code) = try authority.issue(binding, at: issuedAt)
        challenge.deliveryID = deliveryID
        let record = try authority.confirm(
            &challenge, code: code, signerID: "s-2", currentDocumentSHA256: sha256, at: issuedAt.addingTimeInterval(confirmedAfter),
            client: client
        ).get()
        return (record, challenge.id)
    }
}
