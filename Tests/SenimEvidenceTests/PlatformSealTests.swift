import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimEvidence

/// The platform seal, timestamped by a TSA on loopback that the test starts (built on SenimCMS's TSA).
@Suite("Platform seal")
struct PlatformSealTests {
    static let manifest = Array(#"{"files":{"document/Шарт.pdf":"ab"}}"#.utf8)

    static func testPKI(_ name: String) throws -> SigningIdentity {
        try SigningIdentity(
            privateKey: try PrivateKey(pemEncoded: try TestVectors.text("generated/test-pki/\(name).key.pem")),
            certificate: try Certificate(bytes: try TestVectors.bytes("generated/test-pki/\(name).cert.pem")))
    }

    static func validator() throws -> CMSSignatureValidator {
        let shipped = try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
        let store = TrustStore(
            roots: shipped.roots + [try Certificate(bytes: try TestVectors.bytes("generated/test-pki/root.cert.pem"))],
            intermediates: shipped.intermediates)
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequiredForCACertificates = false
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes("generated/test-pki/root.crl"))
        return CMSSignatureValidator(
            trustStore: store, policy: policy, revocationSources: [OfflineRevocationSource(revocationLists: [crl])])
    }

    @Test func sealCarriesTheTimestampOfALoopbackTSA() async throws {
        let genTime = Date(timeIntervalSince1970: 1_780_000_100)
        let tsa = TimeStampAuthority(identity: try Self.testPKI("tsa"), policy: [1, 2, 398, 3, 3, 2, 6, 2], clock: { genTime })
        let counter = Counter()
        let server = try LoopbackHTTPServer { request in
            guard request.method == .POST, request.contentType == "application/timestamp-query" else {
                return LoopbackHTTPServer.Route(status: .badRequest, body: [])
            }
            return LoopbackHTTPServer.Route(body: tsa.respond(to: request.body, serialNumber: counter.next()))
        }
        defer { server.shutdown() }
        let seal = PlatformSeal(identity: try Self.testPKI("signer_ec"), timestampAuthorityURL: "\(server.baseURL)/tsp")
        let sealed = try await seal.seal(Self.manifest, at: Date(timeIntervalSince1970: 1_780_000_000))
        let report = try await Self.validator().validate(
            sealed, content: .bytes(Self.manifest), at: Date(timeIntervalSince1970: 1_790_000_000))
        let signature = try #require(report.signatures.first)
        #expect(signature.indication == .totalPassed, "\(signature.messages)")
        #expect(signature.format == .cadesBaselineT)
        #expect(signature.bestSignatureTime == genTime)
        #expect(signature.timestamps.first?.policy == "1.2.398.3.3.2.6.2")
        #expect(server.received.count == 1)
    }

    @Test func sealWithoutATSAHasNoTimestampAndATSAFailureIsReported() async throws {
        let plain = try await PlatformSeal(identity: try Self.testPKI("signer_rsa")).seal(Self.manifest)
        #expect(plain.signerInfos[0].unsignedAttributes.attributes.isEmpty)

        let failing = try LoopbackHTTPServer { _ in LoopbackHTTPServer.Route(status: .internalServerError, body: []) }
        defer { failing.shutdown() }
        await #expect(throws: PlatformSeal.SealError.self) {
            try await PlatformSeal(identity: try Self.testPKI("signer_rsa"), timestampAuthorityURL: failing.baseURL).seal(Self.manifest)
        }
        // A TSA answering with a token for another request (a replayed one) is refused.
        let tsa = TimeStampAuthority(identity: try Self.testPKI("tsa"), policy: [1, 2, 3], clock: { Date() })
        let replayed = tsa.respond(
            to: TimeStampRequest(imprintAlgorithm: .sha256, messageImprint: DigestAlgorithm.sha256.hash([1]), nonce: [9]).derEncoded,
            serialNumber: [1])
        let replaying = try LoopbackHTTPServer { _ in LoopbackHTTPServer.Route(body: replayed) }
        defer { replaying.shutdown() }
        await #expect(throws: PlatformSeal.SealError.self) {
            try await PlatformSeal(identity: try Self.testPKI("signer_rsa"), timestampAuthorityURL: replaying.baseURL).seal(Self.manifest)
        }
    }
}

/// Serial numbers for the loopback TSA.
final class Counter: @unchecked Sendable {
    // @unchecked: the value is guarded by the lock.
    private let lock = NSLock()
    private var value: UInt8 = 0
    func next() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        value &+= 1
        return [value]
    }
}
