import Foundation
import SenimEvidence
import SenimStoreTestSupport
import SenimTestSupport
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
            (.apiKeyCreated([.upload, .send]), "key created rights 3"), (.apiKeyRevoked, "key revoked"),
            (.webhookRegistered, "webhook registered"), (.webhookDisabled, "webhook disabled"),
        ]
        for (action, text) in cases {
            #expect(action.recorded == text)
            #expect(AdministrativeAction(recorded: text) == action)
        }
    }

    @Test func unknownTextsAreNotGuessed() {
        for text in [
            "", "user", "user sleeping", "partner inactive now", "employee rights x", "employee powers 3", "tariff active many uses",
            "tariff on 3 uses", "key created", "key created rights x", "key lost", "webhook", "webhook moved",
        ] {
            #expect(AdministrativeAction(recorded: text) == nil, "\(text)")
        }
        #expect(AdministrativeAction.identifiers(inTarget: "t-1 of p-2") == ["t-1", "p-2"])
        #expect(AdministrativeAction.identifiers(inTarget: "p-2 BIN 123456789021") == ["p-2", "123456789021"])
        #expect(AdministrativeAction.identifiers(inTarget: "p-2/u-3") == ["p-2", "u-3"])
    }

    @Test func eventsAreFoundByTheirAction() {
        #expect(AuditAction.administrative(action: "partner inactive", target: "p-1").administrativeAction == .partnerStatus(.inactive))
        #expect(AuditAction.administrative(action: "user blocked", target: "u-1").administrativeAction == .userStatus(.blocked))
        #expect(AuditAction.administrative(action: "partner asleep", target: "p-1").administrativeAction == nil)
        #expect(AuditAction.downloaded(item: "document").administrativeAction == nil)
    }

    /// Saving a partner inactive and blocking a user puts each on the administration chain as its action, in order.
    @Test(arguments: StoreKind.available)
    func administrationChainHoldsEachChangeAsItsAction(kind: StoreKind) async throws {
        let (engine, _, _) = try await kind.make()
        let admin = WorkflowPrincipal(user: Fixtures.user("u-admin", phone: 9_000_000, admin: true))
        try await engine.save(.user(admin.user), by: nil, client: Fixtures.client, at: Fixtures.time)
        try await engine.save(.partner(Fixtures.partner), by: admin, client: Fixtures.client, at: Fixtures.time)
        var inactive = Fixtures.partner
        inactive.status = .inactive
        try await engine.save(.partner(inactive), by: admin, client: Fixtures.client, at: Fixtures.time)
        var blocked = Fixtures.employee
        blocked.status = .blocked
        try await engine.save(.user(blocked), by: admin, client: Fixtures.client, at: Fixtures.time)
        let log = try await engine.auditLog(ofDocument: WorkflowEngine.administrationLog)
        #expect(
            log.map(\.event.action.administrativeAction) == [
                .userStatus(.active), .partnerStatus(.active), .partnerStatus(.inactive), .userStatus(.blocked),
            ])
        #expect(log.map(\.event.sequence) == [0, 1, 2, 3])
    }
}
