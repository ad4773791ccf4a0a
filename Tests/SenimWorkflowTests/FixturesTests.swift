import SenimPKI
import Testing

/// The fixtures hand out valid identifiers or fail the test that asks: an IIN with a wrong check digit would
/// make every test built on it check something else than it says.
@Suite("Fixtures")
struct FixturesTests {
    @Test func iinAndBINFixturesCarryTheirCheckDigit() {
        #expect(Fixtures.iin("90010100001") == "900101000018")
        #expect(Fixtures.iin("80010100001") == "800101000017")
        #expect(Fixtures.partnerBIN.digits == "240740012770")
        #expect(Fixtures.partnerBIN.hasValidCheckDigit)
        for index in 0..<100 {
            let iin = Fixtures.iin(String(90_010_100_000 + index * 3 + 1))
            #expect(KazakhIdentifier(iin, kind: .iin)?.hasValidCheckDigit == true, "\(iin)")
        }
    }

    /// 90010100092: both weight sets leave 10, so no twelfth digit is valid; asking for it fails the test.
    @Test func aPrefixWithoutACheckDigitFailsTheTest() {
        #expect(Fixtures.identifier("90010100092", kind: .iin) == nil)
        #expect(Fixtures.identifier("9001010009", kind: .iin) == nil)
        withKnownIssue("no valid check digit") {
            _ = Fixtures.iin("90010100092")
        }
        withKnownIssue("no valid check digit") {
            _ = Fixtures.bin("90010100092")
        }
    }
}
