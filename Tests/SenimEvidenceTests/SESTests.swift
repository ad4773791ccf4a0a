import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimEvidence

/// SMS-OTP simple electronic signatures: the code binds document, signer and action; ≤ 5 attempts, ≤ 5
/// minutes, single use; the record is sealed and verifiable.
@Suite("SMS-OTP simple electronic signature")
struct SESTests {
    static let document = Array("%PDF-1.7 договор".utf8)
    static let sha256 = Hex.encode(DigestAlgorithm.sha256.hash(document))
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let client = ClientContext(ipAddress: "198.51.100.23", userAgent: "Mozilla/5.0 (iPhone)", device: "iPhone")

    static func authority() throws -> SESAuthority { try SESAuthority(key: [UInt8](repeating: 0x5A, count: 32)) }

    static func binding(_ action: SESAction = .sign, digest: String = sha256) -> SESBinding {
        SESBinding(
            documentID: "d-7", documentSHA256: digest, documentGOST34311: Hex.encode(DigestAlgorithm.gost34311.hash(document)),
            signerID: "s-1", signerIIN: "123456789011", phoneE164: "+77011234567", action: action,
            consentTextSHA256: Hex.encode(DigestAlgorithm.sha256.hash(Array("Я подписываю документ".utf8))))
    }

    @Test func rightCodeConfirmsOnceAndTheRecordNamesTheBinding() throws {
        let authority = try Self.authority()
        var (challenge, code) = try authority.issue(Self.binding(), at: Self.start)
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(challenge.expiresAt == Self.start.addingTimeInterval(300))
        let result = authority.confirm(
            &challenge, code: code, signerID: "s-1", currentDocumentSHA256: Self.sha256, at: Self.start.addingTimeInterval(30),
            client: Self.client)
        let record = try result.get()
        #expect(record.type == "SIMPLE_ELECTRONIC_SIGNATURE")
        #expect(record.binding.documentSHA256 == Self.sha256)
        #expect(record.attempts == 1)
        #expect(record.client.ipAddress == "198.51.100.23")
        // Single use.
        #expect(
            authority.confirm(
                &challenge, code: code, signerID: "s-1", currentDocumentSHA256: Self.sha256, at: Self.start.addingTimeInterval(31),
                client: Self.client)
                == .failure(.alreadyUsed))
        // The code is stored and recorded nowhere, only its keyed digest.
        let stored = String(decoding: try CanonicalJSON.encode(challenge) + CanonicalJSON.encode(record), as: UTF8.self)
        #expect(!stored.contains("\"\(code)\""))
        #expect(!stored.contains(":\(code)"))
    }

    @Test func expiryAttemptsSignerAndDocumentAreEnforced() throws {
        let authority = try Self.authority()
        var (expired, code) = try authority.issue(Self.binding(), at: Self.start)
        #expect(
            authority.confirm(
                &expired, code: code, signerID: "s-1", currentDocumentSHA256: Self.sha256, at: Self.start.addingTimeInterval(301),
                client: Self.client)
                == .failure(.expired))
        // A lifetime asked above five minutes is capped.
        let (long, _) = try authority.issue(Self.binding(), at: Self.start, lifetime: 3600)
        #expect(long.expiresAt == Self.start.addingTimeInterval(300))

        var (challenge, good) = try authority.issue(Self.binding(), at: Self.start)
        defer { _ = good }
        let wrong = good == "000000" ? "000001" : "000000"
        for attempt in 1...4 {
            #expect(
                authority.confirm(
                    &challenge, code: wrong, signerID: "s-1", currentDocumentSHA256: Self.sha256, at: Self.start, client: Self.client)
                    == .failure(.wrongCode(attemptsLeft: 5 - attempt)))
        }
        #expect(
            authority.confirm(
                &challenge, code: wrong, signerID: "s-1", currentDocumentSHA256: Self.sha256, at: Self.start, client: Self.client)
                == .failure(.locked))
        // Locked: even the right code no longer works.
        #expect(
            authority.confirm(
                &challenge, code: good, signerID: "s-1", currentDocumentSHA256: Self.sha256, at: Self.start, client: Self.client)
                == .failure(.locked))

        var (other, code2) = try authority.issue(Self.binding(), at: Self.start)
        #expect(
            authority.confirm(&other, code: code2, signerID: "s-2", currentDocumentSHA256: Self.sha256, at: Self.start, client: Self.client)
                == .failure(.wrongSigner))
        let changed = Hex.encode(DigestAlgorithm.sha256.hash(Self.document + [0x20]))
        #expect(
            authority.confirm(&other, code: code2, signerID: "s-1", currentDocumentSHA256: changed, at: Self.start, client: Self.client)
                == .failure(.documentChanged))
    }

    /// A code opens only its own challenge: another challenge for the same binding has another id, so another
    /// code; bindings that differ in document, action or signer give different codes.
    @Test func codesAreSpecificToTheirChallenge() throws {
        let authority = try Self.authority()
        var codes = Set<String>()
        for action in [SESAction.sign, .reject, .confirm] {
            for digest in [Self.sha256, String(repeating: "0", count: 64)] {
                codes.insert(try authority.issue(Self.binding(action, digest: digest), at: Self.start).code)
            }
        }
        #expect(codes.count >= 5) // six bindings; a 1-in-10^6 collision is allowed once
        let (_, first) = try authority.issue(Self.binding(), at: Self.start)
        var (second, secondCode) = try authority.issue(Self.binding(), at: Self.start)
        if first != secondCode {
            #expect(
                authority.confirm(
                    &second, code: first, signerID: "s-1", currentDocumentSHA256: Self.sha256, at: Self.start, client: Self.client)
                    == .failure(.wrongCode(attemptsLeft: 4)))
        }
        #expect(throws: SenimCryptoError.self) { try SESAuthority(key: [1, 2, 3]) }
        #expect(MessageAuthentication.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!MessageAuthentication.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        // RFC 4226 §5.4: the worked example's dynamic truncation gives 872921.
        let rfcMAC: [UInt8] = [
            0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85, 0x50, 0xef, 0x7f, 0x19, 0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
        ]
        #expect(SESAuthority.truncate(rfcMAC) == "872921")
    }

    /// The record is sealed by the platform key (the NCA test "infosystem" GOST-2015 key) and verifies; a
    /// changed byte or another document fails.
    @Test func sealedRecordVerifies() async throws {
        let authority = try Self.authority()
        var (challenge, code) = try authority.issue(Self.binding(), at: Self.start)
        challenge.deliveryID = "sms-provider-42"
        let record = try authority.confirm(
            &challenge, code: code, signerID: "s-1", currentDocumentSHA256: Self.sha256,
            at: Self.start.addingTimeInterval(10), client: Self.client
        ).get()
        #expect(record.deliveryID == "sms-provider-42")
        let platform = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
        let sealed = try record.sealed(by: platform, at: Self.start.addingTimeInterval(11))
        #expect(try sealed.record == record)
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false
        let store = try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
        let validator = CMSSignatureValidator(trustStore: store, policy: policy)
        let good = await sealed.verify(with: validator, documentSHA256: Self.sha256, at: Self.start.addingTimeInterval(60))
        #expect(good.indication == .totalPassed, "\(good.signatures.map(\.messages))")
        #expect(good.messages.first?.contains("simple electronic signature") == true)
        let other = await sealed.verify(
            with: validator, documentSHA256: String(repeating: "1", count: 64), at: Self.start.addingTimeInterval(60))
        #expect(other.subIndication == .hashFailure)
        var bytes = sealed.json
        bytes[bytes.count / 2] ^= 0x01
        let tampered = await SealedSESRecord(json: bytes, seal: sealed.seal).verify(
            with: validator, documentSHA256: Self.sha256, at: Self.start.addingTimeInterval(60))
        #expect(tampered.indication == .totalFailed)
    }
}
