import Testing

@testable import SenimWorkflow

/// A phone number is where codes and links go: one that is not exactly what was typed sends them to a stranger.
@Suite("Phone numbers")
struct PhoneNumberTests {
    /// Every way a Kazakh mobile number is written gives the same E.164 number.
    @Test(arguments: [
        "+7 (702) 111-22-33", "8-702-111-22-33", "87021112233", "77021112233", "+77021112233", " +7 702 111 22 33 ",
        "8 (702) 111 22 33", "+7\u{00A0}702\u{00A0}111\u{00A0}22\u{00A0}33",
    ])
    func everyWrittenFormIsTheSameNumber(_ text: String) throws {
        #expect(try PhoneNumber.parse(text).e164 == "+77021112233")
    }

    /// The typo of the review: one digit short was read as `+7 770 211 12 23`, someone else's phone. Now it is
    /// refused and the count is said back.
    @Test func oneDigitShortIsNotAStrangersNumber() {
        #expect(throws: PhoneNumberProblem.digitCount(9)) { try PhoneNumber.parse("+7 702 111 22 3") }
        #expect(throws: PhoneNumberProblem.digitCount(11)) { try PhoneNumber.parse("+7 702 111 22 333") }
        #expect(throws: PhoneNumberProblem.noCountryPrefix) { try PhoneNumber.parse("702 111 22 33") } // no prefix: never guessed
        #expect(throws: PhoneNumberProblem.noCountryPrefix) { try PhoneNumber.parse("+8 702 111 22 33") }
        #expect(throws: PhoneNumberProblem.noCountryPrefix) { try PhoneNumber.parse("") }
    }

    /// Numbers that cannot receive an SMS are refused with what they are.
    @Test func onlyMobileNetworksReceiveCodes() {
        #expect(throws: PhoneNumberProblem.notMobile(code: "727", kind: .landline)) { try PhoneNumber.parse("+7 727 250 00 00") }
        #expect(throws: PhoneNumberProblem.notMobile(code: "717", kind: .landline)) { try PhoneNumber.parse("8 (7172) 55-00-00") }
        #expect(throws: PhoneNumberProblem.notMobile(code: "916", kind: .foreign)) { try PhoneNumber.parse("+7 916 123 45 67") } // Russia
        #expect(throws: PhoneNumberProblem.notMobile(code: "703", kind: .unassignedMobile)) { try PhoneNumber.parse("+7 703 123 45 67") }
        #expect(throws: PhoneNumberProblem.notMobile(code: "760", kind: .service)) { try PhoneNumber.parse("+7 760 123 45 67") }
        #expect(KazakhMobileCode.inService.count == 13)
        for code in KazakhMobileCode.inService.sorted() { #expect(PhoneNumber("+7 \(code) 123 45 67")?.e164 == "+7\(code)1234567") }
    }

    /// Letters, dots, a `+` in the middle and non-ASCII digits are refused by the character.
    @Test func onlyDigitsSpacesBracketsAndDashes() {
        #expect(throws: PhoneNumberProblem.unexpectedCharacter(".")) { try PhoneNumber.parse("+7.702.111.22.33") }
        #expect(throws: PhoneNumberProblem.unexpectedCharacter("+")) { try PhoneNumber.parse("8 702 +111 22 33") }
        #expect(throws: PhoneNumberProblem.unexpectedCharacter("٧")) { try PhoneNumber.parse("+7 ٧٠٢ 111 22 33") }
        #expect(throws: PhoneNumberProblem.unexpectedCharacter("a")) { try PhoneNumber.parse("+7 702 111 22 3a") }
    }

    @Test func phoneIsMaskedForLogs() throws {
        #expect(try PhoneNumber.parse("+7 701 123 45 67").masked == "+7 701 *** ** 67")
    }
}
