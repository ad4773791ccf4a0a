import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@Suite("RFC 3161 timestamps")
struct TimestampTests {
    /// NCANode's GOST-2004 token (MANIFEST §6): a standalone timestamp over CA FE BA BE.
    @Test func ncaTokenFieldsAreTheManifests() throws {
        let token = try TimeStampToken(bytes: try TestVectors.bytes("kz/tsp/tsp_token.bin"))
        #expect(token.info.policy.description == "1.2.398.3.3.2.6.1")
        #expect(token.info.genTime == CMSFixtures.date("2022-09-18T13:20:14Z"))
        #expect(token.info.imprintAlgorithm == .sha1)
        #expect(Hex.encode(token.info.messageImprint) == "1465dad126d32bf7aa5d3b95a5c7c331cdff34df")
        #expect(token.info.serialNumberDescription == "5e846dd75d861154db10f13c54dc1f8d33fe6adc")
        // nonce 1663507112663 = 0x01_83_50_C0_22_D7
        #expect(token.info.nonce == [0x01, 0x83, 0x50, 0xC0, 0x22, 0xD7])
        #expect(try token.signedData.signerInfos[0].algorithm == .gost(.gost34310_2004))
    }

    @Test func ncaResponseCarriesTheSameToken() throws {
        let response = try TimeStampResponse(bytes: try TestVectors.bytes("kz/tsp/tsp_response.bin"))
        #expect(response.isGranted)
        #expect(response.token?.derEncoded == (try TestVectors.bytes("kz/tsp/tsp_token.bin")))
    }

    static func ncaValidator() throws -> TimestampValidator {
        TimestampValidator(
            trustStore: try CMSFixtures.trustStore(), policy: CMSFixtures.policy,
            revocationSources: [try CMSFixtures.revocation(["kz/crl/nca_gost_test.crl"])])
    }

    @Test func ncaTokenVerifiesAtGenTime() async throws {
        let report = try await Self.ncaValidator().validate(
            tokenBytes: try TestVectors.bytes("kz/tsp/tsp_token.bin"), type: .standalone,
            imprintedData: .bytes([0xCA, 0xFE, 0xBA, 0xBE]), expectedNonce: [0x01, 0x83, 0x50, 0xC0, 0x22, 0xD7],
            validationTime: CMSFixtures.date("2026-12-01T00:00:00Z"))
        #expect(report.indication == .totalPassed, "\(report.messages)")
        #expect(report.imprintMatches && report.cryptographicallyValid && report.chainTrusted)
        #expect(report.proofOfExistence == CMSFixtures.date("2022-09-18T13:20:14Z"))
        #expect(report.tsaCertificate?.subject.contains("IIN123456789011") == true)
    }

    @Test func imprintOverOtherDataFails() async throws {
        let report = try await Self.ncaValidator().validate(
            tokenBytes: try TestVectors.bytes("kz/tsp/tsp_token.bin"), type: .standalone,
            imprintedData: .bytes([0xCA, 0xFE, 0xBA, 0xBF]), validationTime: Date())
        #expect(report.subIndication == .hashFailure)
        #expect(report.proofOfExistence == nil)
    }

    @Test func wrongNonceFails() async throws {
        let report = try await Self.ncaValidator().validate(
            tokenBytes: try TestVectors.bytes("kz/tsp/tsp_token.bin"), type: .standalone,
            imprintedData: .bytes([0xCA, 0xFE, 0xBA, 0xBE]), expectedNonce: [9, 9, 9], validationTime: Date())
        #expect(report.subIndication == .formatFailure)
    }

    @Test func tamperedTokenSignatureFails() async throws {
        var bytes = try TestVectors.bytes("kz/tsp/tsp_token.bin")
        bytes[bytes.count - 5] ^= 0x01 // inside the GOST signature value, the last field
        let report = try await Self.ncaValidator().validate(
            tokenBytes: bytes, type: .standalone, imprintedData: .bytes([0xCA, 0xFE, 0xBA, 0xBE]), validationTime: Date())
        #expect(report.subIndication == .sigCryptoFailure)
    }

    /// A token whose serial is a negative INTEGER (as the NCA production TSA issues) parses and keeps its sign;
    /// genTime keeps its milliseconds.
    @Test func negativeSerialAndFractionalGenTime() throws {
        let tsa = try CMSFixtures.tsa(at: "2022-07-01T10:00:00.125Z")
        let token = try tsa.token(
            for: TimeStampRequest(imprintAlgorithm: .sha256, messageImprint: DigestAlgorithm.sha256.hash([1])),
            serialNumber: [0xA1, 0xB2, 0xC3])
        let parsed = try TimeStampToken(bytes: token.derEncoded)
        #expect(parsed.info.serialNumber == [0xA1, 0xB2, 0xC3])
        #expect(parsed.info.serialNumberDescription == "-5e4d3d")
        #expect(abs(parsed.info.genTime.timeIntervalSince(CMSFixtures.date("2022-07-01T10:00:00.125Z"))) < 0.0005)
        #expect(parsed.info.accuracy?.seconds == 1)
    }

    @Test func testTSATokenVerifiesAndTSAWithoutEKUDoesNot() async throws {
        let validator = TimestampValidator(
            trustStore: try CMSFixtures.trustStore(), policy: CMSFixtures.policy,
            revocationSources: [try CMSFixtures.revocation(["generated/test-pki/root.crl"])])
        let request = TimeStampRequest(
            imprintAlgorithm: .gost34311, messageImprint: DigestAlgorithm.gost34311.hash(Array("data".utf8)), nonce: [7, 7])
        for (name, expected) in [("tsa", SubIndication?.none), ("tsa_no_eku", .chainConstraintsFailure)] {
            let token = try CMSFixtures.tsa(at: "2024-01-01T00:00:00Z", name: name).token(for: request, serialNumber: [5])
            let report = await validator.validate(
                token: token, type: .standalone, imprintedData: .bytes(Array("data".utf8)),
                expectedNonce: [7, 7], validationTime: Date())
            #expect(report.subIndication == expected, "\(name): \(report.messages)")
            #expect(report.imprintMatches)
        }
    }

    @Test func tsaAnswersRequestsAndRejectsGarbage() throws {
        let tsa = try CMSFixtures.tsa(at: "2024-01-01T00:00:00Z")
        let request = TimeStampRequest(imprintAlgorithm: .sha256, messageImprint: DigestAlgorithm.sha256.hash([1, 2]), nonce: [0x80, 1])
        let parsedRequest = try TimeStampRequest(derEncoded: request.derEncoded)
        #expect(parsedRequest == request)
        let granted = try TimeStampResponse(bytes: tsa.respond(to: request.derEncoded, serialNumber: [1]))
        #expect(granted.isGranted)
        #expect(granted.token?.info.nonce == [0x00, 0x80, 0x01])
        let rejected = try TimeStampResponse(bytes: tsa.respond(to: [0x30, 0x03, 0x02, 0x01, 0x05], serialNumber: [2]))
        #expect(rejected.status == 2)
        #expect(rejected.token == nil)
        #expect(rejected.failureBits == [2])
    }
}
