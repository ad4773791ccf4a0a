import AsyncHTTPClient
import Foundation
import NIOCore
import SenimCrypto
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimPKI

/// The fetcher against a loopback server that serves the NCA test files at the paths the certificates name
/// (test.pki.gov.kz is mapped to the server with the fetcher's mirror setting). No other network is used.
@Suite("Online fetching (loopback)")
struct OnlineFetcherTests {
    static func certificate(_ path: String) throws -> Certificate { try Certificate(bytes: try TestVectors.bytes(path)) }

    func withServer(
        _ routes: [String: LoopbackHTTPServer.Route], timeout: TimeAmount = .seconds(5), nonce: Int? = nil,
        _ body: (OnlineFetcher, LoopbackHTTPServer) async throws -> Void
    ) async throws {
        let server = try LoopbackHTTPServer(routes: routes)
        defer { server.shutdown() }
        var configuration = OnlineFetcher.Configuration()
        configuration.mirrors = MirrorTable(["test.pki.gov.kz": server.baseURL])
        configuration.timeout = timeout
        configuration.ocspNonceLength = nonce
        configuration.maximumCRLBytes = 64 << 10
        try await body(OnlineFetcher(configuration: configuration), server)
    }

    @Test func crlFromTheDistributionPointIsFetchedVerifiedAndCached() async throws {
        let crl = try TestVectors.bytes("kz/crl/nca_gost2022_test.crl")
        let leaf = try Self.certificate("kz/keys/ceo_revoked_2015.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        try await withServer(["/crl/nca_gost2022_test.crl": .init(body: crl)]) { fetcher, server in
            let time = ISO8601DateFormatter().date(from: "2022-08-01T00:00:00Z")!
            let result = await fetcher.revocationData(for: leaf, issuer: issuer, at: time)
            #expect(result.revocationLists.count == 1)
            #expect(result.documents.first?.url == "http://test.pki.gov.kz/crl/nca_gost2022_test.crl")
            #expect(result.documents.first?.bytes == crl)
            let check = RevocationChecker(revocationLists: result.revocationLists).check(leaf, issuer: issuer, at: time)
            #expect(check.status == .revoked(at: ISO8601DateFormatter().date(from: "2022-07-27T10:25:30Z")!, reason: .certificateHold))
            // A second lookup before nextUpdate comes from the cache.
            _ = await fetcher.revocationData(for: leaf, issuer: issuer, at: time)
            #expect(server.received.filter { $0.path.hasSuffix(".crl") }.count == 1)
        }
    }

    @Test func ocspIsPostedWithTheRightCertIDAndAnswered() async throws {
        let leaf = try Self.certificate("kz/keys/ceo_revoked_2015.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        let stored = try TestVectors.bytes("kz/ocsp/ocsp_response_ceo_2015_revoked.bin")
        try await withServer(["/ocsp/": .init(body: stored)], nonce: 8) { fetcher, server in
            let time = ISO8601DateFormatter().date(from: "2022-08-01T00:00:00Z")!
            let result = await fetcher.revocationData(for: leaf, issuer: issuer, at: time)
            #expect(result.ocspResponses.count == 1)
            let request = try #require(server.received.first { $0.path == "/ocsp/" })
            #expect(request.method == .POST)
            #expect(request.contentType == "application/ocsp-request")
            // The request carries the leaf's serial in a SHA-256 CertID.
            #expect(DigestKnownBytes.contains(request.body, leaf.serialNumber))
            #expect(DigestKnownBytes.contains(request.body, DigestAlgorithm.sha256.hash(issuer.subjectPublicKeyInfo.keyBytes)))
            // The stored response cannot echo our fresh nonce: the checker must not accept it.
            let withNonce = RevocationChecker(ocspResponses: result.ocspResponses, expectedNonce: result.ocspNonce).check(
                leaf, issuer: issuer, at: time)
            guard case .unknown(_, let reason) = withNonce.status else {
                Issue.record("nonce mismatch accepted")
                return
            }
            #expect(reason.contains("nonce"))
        }
    }

    @Test func issuerCertificateIsFetchedFromAIA() async throws {
        let leaf = try Self.certificate("kz/keys/individual_valid_2015.cer")
        try await withServer(["/cert/nca_gost2022_test.cer": .init(body: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))]) {
            fetcher, _ in
            let fetched = await fetcher.issuers(of: leaf)
            #expect(fetched.certificates.count == 1)
            let root = try Self.certificate("kz/ca/root_test_gost_2022.cer")
            let result = CertificatePathValidator(
                inputs: PathValidationInputs(
                    validationTime: ISO8601DateFormatter().date(from: "2022-08-01T00:00:00Z")!, trustAnchors: [root])
            )
            .validate(leaf: leaf, intermediates: fetched.certificates)
            guard case .success = result else {
                Issue.record("path with the fetched intermediate failed: \(result)")
                return
            }
        }
    }

    @Test func sizeCapsAndHTTPErrorsAreReportedNotThrown() async throws {
        let leaf = try Self.certificate("kz/keys/ceo_revoked_2015.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        let oversized = [UInt8](repeating: 0x30, count: 200 << 10) // over the 64 KiB cap set above
        try await withServer(
            ["/crl/nca_gost2022_test.crl": .init(body: oversized), "/ocsp/": .init(status: .internalServerError, body: [])],
            timeout: .seconds(60)
        ) { fetcher, _ in
            let result = await fetcher.revocationData(for: leaf, issuer: issuer)
            #expect(result.revocationLists.isEmpty && result.ocspResponses.isEmpty)
            #expect(result.errors.count == 2)
            #expect(result.errors.contains { $0.contains("larger than") })
            #expect(result.errors.contains { $0.contains("/ocsp/") && $0.contains("HTTP 500") })
        }
        try await withServer([:], timeout: .seconds(60)) { fetcher, _ in
            let result = await fetcher.revocationData(for: leaf, issuer: issuer)
            #expect(!result.errors.isEmpty)
            #expect(result.errors.allSatisfy { $0.contains("HTTP 404") })
        }
    }

    /// A responder that would answer after 60 s: the 1 s deadline ends the request with a transport error (not an
    /// HTTP status), and nothing is parsed. Asserted on the outcome, not on wall-clock time, which measures load.
    @Test func requestPastItsDeadlineIsATransportError() async throws {
        let leaf = try Self.certificate("kz/keys/ceo_revoked_2015.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        try await withServer(["/ocsp/": .init(body: [0x30], delay: .seconds(60))], timeout: .seconds(1)) { fetcher, _ in
            let result = await fetcher.revocationData(for: leaf, issuer: issuer)
            #expect(result.ocspResponses.isEmpty)
            #expect(result.errors.contains { $0.contains("/ocsp/") && !$0.contains("HTTP ") }, "\(result.errors)")
        }
    }
}

enum DigestKnownBytes {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
