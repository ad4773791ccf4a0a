import Foundation
import SenimCMS
import SenimTestSupport
import Testing

/// Fuzz-shaped CMS input is a typed error or a report, never a crash or an unbounded allocation.
@Suite("Malformed CMS")
struct MalformedCMSTests {
    static let seeds = [
        "kz/cms/signed_cms_two_signers_attached.cms", "kz/cms/signed_cms_two_signers_detached.cms",
        "kz/cms/signed_cms_one_signer_rsa_attached.cms", "kz/tsp/tsp_token.bin",
    ]

    @Test func tenThousandMutatedCMSBlobsAreTypedErrorsOrReports() async throws {
        var mutator = Mutator(seed: 0x5E41_C0DE)
        let inputs = try Self.seeds.map { try TestVectors.bytes($0) }
        var parsed = 0
        var rejected = 0
        var validated = 0
        let validator = try CMSFixtures.validator()
        for round in 0..<10_000 {
            let input = mutator.mutate(inputs[round % inputs.count])
            do {
                let cms = try SignedData(bytes: input)
                parsed += 1
                // Validate a sample of the survivors end to end (each costs signature checks).
                if round % 20 == 0 {
                    let report = await validator.validate(
                        cms, content: .bytes(Array("test123".utf8)), at: CMSFixtures.date("2022-10-01T00:00:00Z"))
                    #expect(report.signatures.count == cms.signerInfos.count)
                    validated += 1
                }
                _ = try? TimeStampToken(signedData: cms)
            } catch {
                rejected += 1
                #expect(!error.description.isEmpty)
            }
        }
        print("malformed CMS: \(parsed) parsed, \(rejected) rejected, \(validated) validated")
        // The mutations are deterministic (fixed seed), so the counts are exact.
        #expect(parsed + rejected == 10_000)
        #expect(parsed == 645 && rejected == 9_355)
        #expect(validated == 38)
    }

    /// A length field of 2^31 − 1 must not allocate: it is longer than the input, so an error.
    @Test func hugeLengthIsAnErrorNotAnAllocation() {
        let input: [UInt8] = [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x06, 0x09] + [UInt8](repeating: 0x2A, count: 32)
        #expect(throws: CMSError.self) { try SignedData(bytes: input) }
        let nested: [UInt8] = [UInt8](repeating: 0x30, count: 20_000).flatMap { tag -> [UInt8] in [tag, 0x80] }
        #expect(throws: CMSError.self) { try SignedData(bytes: nested) }
        #expect(throws: CMSError.self) { try TimeStampResponse(bytes: [0x30, 0x80, 0x00]) }
        #expect(throws: CMSError.self) { try TSTInfo(derEncoded: []) }
    }
}
