import Foundation
import SenimServer
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

/// "My documents": a person who logs in by phone reaches every document that names them as a signer, sees what
/// each awaits from them, and lands on the document an expired link led to.
@Suite(.serialized) struct InboxTests {
    static let cookie = "senimkey_csrf=" + String(repeating: "c", count: 43)
    static let form = [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")]

    /// A page's form token for the browser with no session (what the login form carries).
    static func csrf(_ server: ServerHarness) async throws -> String {
        let answer = try await server.request(.GET, "/login", headers: [("Cookie", cookie)])
        return try #require(
            answer.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
    }

    /// Logs in through the login pages with `next`; returns where the server sends the person.
    static func pageLogin(_ server: ServerHarness, phone: String, next: String) async throws -> String? {
        server.clock.advance(601) // past the three-codes-in-ten-minutes window of the logins before
        let token = try await csrf(server)
        let escapedNext = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let asked = try await server.request(
            .POST, "/login",
            body: Array("csrf=\(token)&phone=\(phone.replacingOccurrences(of: "+", with: "%2B"))&next=\(escapedNext)".utf8),
            headers: form)
        let challenge = try #require(
            asked.text.components(separatedBy: "name=\"challengeID\" value=\"").dropFirst().first?.components(separatedBy: "\"").first,
            "\(asked.status) \(asked.text.components(separatedBy: "role=\"alert\">").dropFirst().first?.prefix(300) ?? "")")
        let body =
            "csrf=\(token)&phone=\(phone.replacingOccurrences(of: "+", with: "%2B"))&challengeID=\(challenge)"
            + "&code=\(try server.lastCode(to: phone))&acceptAgreement=1&next=\(escapedNext)"
        let confirmed = try await server.request(.POST, "/login/code", body: Array(body.utf8), headers: form)
        #expect(confirmed.status == 303, "\(confirmed.text.prefix(500))")
        return confirmed.headers.first(name: "Location")
    }

    @Test(arguments: StoreKind.available) func everyPhoneLoginHasItsDocuments(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let mine = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            let theirs = try await scene.sentDocument([("Серикова", EndToEndTests.client1IIN, EndToEndTests.client2)])
            let clientToken = try await server.login(EndToEndTests.client1)

            // The partner signs first: until then the person waits for others.
            func inbox(_ token: String) async throws -> [[String: Any]] {
                let answer = try await server.request(.GET, "/api/v1/me/documents", token: token)
                #expect(answer.status == 200)
                return try #require(try answer.json()["documents"] as? [[String: Any]])
            }
            let before = try await inbox(clientToken)
            #expect(before.count == 1)
            #expect(before.first?["documentID"] as? String == mine && before.first?["awaited"] as? String == "OTHERS_FIRST")
            #expect(before.first?["partnerBIN"] as? String == "123456789021" && before.first?["status"] as? String == "pending")
            #expect(try await scene.partnerSignsByCode(mine).status == 200)
            let after = try await inbox(clientToken)
            #expect(after.map { $0["awaited"] as? String } == ["YOUR_SIGNATURE"])
            let slot = try #require(after.first?["signerID"] as? String)
            // Another person's document is not in this list, and theirs holds only theirs.
            #expect(try await inbox(try await server.login(EndToEndTests.client2)).map { $0["documentID"] as? String } == [theirs])

            // The page, in Russian: the document, its sender's BIN, what it awaits, and the way to it.
            let page = try await server.request(
                .GET, "/documents?lang=ru", headers: [("Cookie", Self.cookie + "; senimkey_session=\(clientToken)")])
            #expect(page.status == 200)
            #expect(
                page.text.contains("<h1>Мои документы</h1>") && page.text.contains("Ждёт вашей подписи")
                    && page.text.contains("123456789021"))
            #expect(page.text.contains("href=\"/sign/\(mine)/\(slot)\"") && !page.text.contains(theirs))
            // The language switch names each language in itself.
            #expect(
                LanguageCheck.foreignWords(
                    in: LanguageCheck.visibleText(ofHTML: page.text), language: .ru,
                    names: ["English", "Қазақша", "Senimkey", "contract.pdf"]) == [])
            // Home and the cabinet send a person who works for no partner to their documents.
            for path in ["/", "/cabinet"] {
                let home = try await server.request(.GET, path, headers: [("Cookie", Self.cookie + "; senimkey_session=\(clientToken)")])
                #expect(home.status == 303 && home.headers.first(name: "Location") == "/documents", "\(path)")
            }
            // Signed: it stays in the list with nothing more to do but the downloads.
            #expect(try await scene.personSignsByCode(mine, signerID: slot, token: clientToken, phone: EndToEndTests.client1).status == 200)
            #expect(try await inbox(clientToken).map { $0["awaited"] as? String } == ["YOU_SIGNED"])
        }
    }

    /// An expired link offers the login that ends on its document; the login's `next` is one of our own pages,
    /// never another site (an open redirect would lend our domain to a phishing page).
    @Test(arguments: StoreKind.available) func anExpiredLinkLandsOnItsDocumentAfterLogin(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let server = scene.server
            let documentID = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)])
            #expect(try await scene.partnerSignsByCode(documentID).status == 200)
            let link = try server.lastLink(to: EndToEndTests.client1)
            server.clock.advance(31 * 86_400)
            let expired = try await server.request(
                .POST, "/s/\(link)", body: Array("csrf=\(try await Self.csrf(server))&acceptAgreement=1".utf8),
                headers: Self.form)
            #expect(expired.status == 401)
            let slot = try #require(
                expired.text.components(separatedBy: "/login?next=/sign/\(documentID)/").dropFirst().first?.components(separatedBy: "\"")
                    .first)
            #expect(
                try await Self.pageLogin(server, phone: EndToEndTests.client1, next: "/sign/\(documentID)/\(slot)")
                    == "/sign/\(documentID)/\(slot)")
            for hostile in [
                "//evil.example/sign/a/b", "https://evil.example/", "/sign/../admin/x", "/sign/a/b?x=//evil.example", "/\\evil.example",
            ] {
                #expect(try await Self.pageLogin(server, phone: EndToEndTests.client1, next: hostile) == "/documents", "\(hostile)")
            }
        }
    }
}
