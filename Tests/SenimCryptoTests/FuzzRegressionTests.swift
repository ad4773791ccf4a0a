import SenimTestSupport
import Testing

@testable import SenimCrypto

/// Faults the fuzzing campaign reported (Fuzz/CAMPAIGN.md), each kept as a test of the normal suite.
@Suite("Fuzzing regressions: crypto")
struct FuzzRegressionTests {
    /// LeakSanitizer reported every GOST public key's point as a direct leak (Fuzz/regressions/cms). The point goes
    /// with its key: `PublicKey.Backing` is a multi-payload enum, and Swift keeps the case tag in the spare high bits
    /// of the stored object pointer, which LeakSanitizer does not recognise as a reference.
    @Test func aGOSTPublicKeyReleasesItsPointWithTheKey() throws {
        let issuer = try CertificateFields(der: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer"))
        weak var point: GOSTPoint?
        do {
            let key = try PublicKey(subjectPublicKeyInfo: issuer.subjectPublicKeyInfo)
            guard case .gost(let gost) = key.backing else {
                Issue.record("the test root's key is not a GOST key")
                return
            }
            point = gost.point
            withExtendedLifetime(key) { #expect(point != nil) }
        }
        #expect(point == nil)
    }
}
