import Testing

@testable import SenimWorkflow

/// The administration chain's text for each action is fixed (chains already written must keep reading), and reads
/// back to the same action.
@Suite("Administrative actions")
struct AdministrativeActionTests {
    @Test func recordedTextsAreStableAndReadBack() {
        let cases: [(AdministrativeAction, String)] = [
            (.userStatus(.blocked), "user blocked"), (.userStatus(.active), "user active"),
            (.partnerStatus(.inactive), "partner inactive"), (.partnerStatus(.active), "partner active"),
            (.employeeRights(.all), "employee rights 31"), (.employeeRights([]), "employee rights 0"),
            (.tariff(active: true, uses: 100), "tariff active 100 uses"), (.tariff(active: false, uses: 5), "tariff inactive 5 uses"),
        ]
        for (action, text) in cases {
            #expect(action.recorded == text)
            #expect(AdministrativeAction(recorded: text) == action)
        }
    }

    @Test func unknownTextsAreNotGuessed() {
        for text in [
            "", "user", "user sleeping", "partner inactive now", "employee rights x", "employee powers 3", "tariff active many uses",
            "tariff on 3 uses",
        ] {
            #expect(AdministrativeAction(recorded: text) == nil, "\(text)")
        }
        #expect(AdministrativeAction.identifiers(inTarget: "t-1 of p-2") == ["t-1", "p-2"])
        #expect(AdministrativeAction.identifiers(inTarget: "p-2 BIN 123456789021") == ["p-2", "123456789021"])
        #expect(AdministrativeAction.identifiers(inTarget: "p-2/u-3") == ["p-2", "u-3"])
    }
}
