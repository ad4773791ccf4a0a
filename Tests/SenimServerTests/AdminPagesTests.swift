import Foundation
import SenimEvidence
import SenimServer
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

/// The administration pages do what a new partner needs to start: its first manager is appointed from the page,
/// by an administrator only, never as themselves, and the page reads in the administrator's language.
@Suite(.serialized) struct AdminPagesTests {
    static let cookie = "senimkey_csrf=" + String(repeating: "c", count: 43)

    @Test(arguments: StoreKind.available) func administratorAppointsAPartnersFirstManagerFromThePage(_ kind: StoreKind) async throws {
        try await ServerHarness.withServer(kind) { server in
            let engine = server.platform.engine
            try await engine.save(
                .user(
                    User(
                        id: "u-admin", phone: PhoneNumber(EndToEndTests.admin)!, isAdministrator: true, createdAt: ServerHarness.pinnedTime)
                ),
                by: nil, client: ClientContext(ipAddress: nil, userAgent: "setup"))
            let adminToken = try await server.login(EndToEndTests.admin)
            let created = try await server.request(
                .POST, "/api/v1/admin/partners", token: adminToken, json: ["bin": "123456789021", "organisation": "АО \"ТЕСТ\""])
            let partnerID = try #require(try created.json()["id"] as? String)
            let headers = [
                ("Cookie", Self.cookie + "; senimkey_session=\(adminToken)"), ("Content-Type", "application/x-www-form-urlencoded"),
            ]
            let page = try await server.request(.GET, "/admin?lang=ru", headers: headers)
            let csrf = try #require(
                page.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
            #expect(
                page.text.contains("action=\"/admin/partners/\(partnerID)/manager\"")
                    && page.text.contains("Назначить руководителя партнёра"))
            #expect(
                LanguageCheck.foreignWords(
                    in: LanguageCheck.visibleText(ofHTML: page.text), language: .ru,
                    names: ["English", "Қазақша", "Senimkey", "АО \"ТЕСТ\"", "ТЕСТ"]) == [])

            // The attack: an administrator appoints themselves, before the partner has a manager and after.
            func appoint(_ phone: String, token: String = adminToken) async throws -> ServerHarness.Answer {
                try await server.request(
                    .POST, "/admin/partners/\(partnerID)/manager",
                    body: Array("csrf=\(csrf)&phone=\(phone.replacingOccurrences(of: "+", with: "%2B"))&surname=Тестов&name=Тест".utf8),
                    headers: [
                        ("Cookie", Self.cookie + "; senimkey_session=\(token)"), ("Content-Type", "application/x-www-form-urlencoded"),
                    ])
            }
            #expect(try await appoint(EndToEndTests.admin).status == 403)
            let appointed = try await appoint(EndToEndTests.manager)
            #expect(appointed.status == 303 && appointed.headers.first(name: "Location") == "/admin")
            #expect(try await appoint(EndToEndTests.admin).status == 403)
            let admin = try #require(try await engine.principal(phone: PhoneNumber(EndToEndTests.admin)!))
            #expect(admin.employments.isEmpty)

            // The manager has every right at that partner, and the appointment is the administrator's act on record.
            let manager = try #require(try await engine.principal(phone: PhoneNumber(EndToEndTests.manager)!))
            #expect(manager.employments.map(\.partnerID) == [partnerID] && manager.employments.first?.rights == .all)
            #expect(manager.user.surname == "Тестов")
            let log = try await engine.auditLog(ofDocument: WorkflowEngine.administrationLog)
            #expect(log.last?.event.actor.userID == "u-admin")
            // A manager is no administrator: the form refuses them (their own page token, their own session).
            let managerToken = try await server.login(EndToEndTests.manager)
            let managerPage = try await server.request(
                .GET, "/documents", headers: [("Cookie", Self.cookie + "; senimkey_session=\(managerToken)")])
            let managerCSRF = try #require(
                managerPage.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
            let refused = try await server.request(
                .POST, "/admin/partners/\(partnerID)/manager",
                body: Array("csrf=\(managerCSRF)&phone=%2B77010000002".utf8),
                headers: [
                    ("Cookie", Self.cookie + "; senimkey_session=\(managerToken)"),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ])
            #expect(refused.status == 403)
            #expect(try await engine.principal(phone: PhoneNumber(EndToEndTests.client1)!) == nil)
        }
    }
}
