import Foundation
import SenimEvidence
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// The pages: every template's keys have a text in every language, every page renders in ru/kk/en with the
/// security headers, forms without the CSRF token are refused, and a signer signs by SMS code from the link
/// through the pages alone (no JavaScript).
@Suite(.serialized) struct PageTests {
    @Test func everyTemplateKeyHasATextInEveryLanguage() throws {
        let keys = try PageRenderer.templateKeys()
        #expect(keys.count == 13, "the templates in Resources/pages: \(keys.keys.sorted())")
        let all = Set(PageKey.allCases.map(\.rawValue))
        for (template, used) in keys {
            #expect(used.isSubset(of: all), "\(template) uses keys without texts: \(used.subtracting(all).sorted())")
        }
        for language in Language.allCases {
            let table = PageStrings.table(language).templateValues
            #expect(
                Set(table.keys) == all,
                "\(language): missing \(all.subtracting(table.keys).sorted()), extra \(Set(table.keys).subtracting(all).sorted())")
            #expect(table.values.allSatisfy { !$0.isEmpty })
        }
        // Every status, signer state, method, order and right the pages show has its text.
        for status in Document.Status.allCases { #expect(all.contains("status_\(status.rawValue)")) }
        for method in Document.SigningMethod.allCases { #expect(all.contains("method_\(method.rawValue)")) }
        for right in AdminController.rightNames.keys { #expect(all.contains("right_\(right)")) }
    }

    @Test(arguments: StoreKind.available) func everyPageRendersInEveryLanguageAndASignerSignsThroughThePages(_ kind: StoreKind) async throws
    {
        try await ServerHarness.withServer(kind) { server in
            let (partnerID, managerToken) = try await EndToEndTests.partnerWithManager(server)
            let adminToken = try await server.login(EndToEndTests.admin)
            let upload = try await server.request(
                .POST,
                "/api/v1/partners/\(partnerID)/documents?fileName=Договор.pdf".addingPercentEncoding(
                    withAllowedCharacters: .urlQueryAllowed)!,
                token: managerToken, body: Array("%PDF-1.4 договор".utf8))
            let documentID = try #require((try upload.json()["document"] as? [String: Any])?["id"] as? String)
            _ = try await server.request(
                .POST, "/api/v1/documents/\(documentID)/signers", token: managerToken,
                json: ["surname": "Сериков", "name": "Тест", "iin": EndToEndTests.client1IIN, "phone": EndToEndTests.client1])

            let cookie = "senimkey_csrf=" + String(repeating: "c", count: 43)
            /// The form token the pages give this browser (its CSRF cookie) in the session `token`.
            func csrf(_ token: String?) async throws -> String {
                let answer = try await server.request(
                    .GET, "/login", headers: [("Cookie", cookie + (token.map { "; senimkey_session=\($0)" } ?? ""))])
                return try #require(
                    answer.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
            }
            func page(_ path: String, token: String?, language: Language) async throws -> ServerHarness.Answer {
                let session = token.map { "; senimkey_session=\($0)" } ?? ""
                return try await server.request(
                    .GET, path + (path.contains("?") ? "&" : "?") + "lang=\(language.rawValue)", headers: [("Cookie", cookie + session)])
            }
            for language in Language.allCases {
                let t = PageStrings.table(language)
                for (path, token, title) in [
                    ("/login", nil, .loginTitle), ("/cabinet", managerToken, .documentsTitle),
                    ("/cabinet/new", managerToken, .newDocumentTitle),
                    ("/cabinet/documents/\(documentID)", managerToken, .signersTitle),
                    ("/cabinet/employees", managerToken, .employeesTitle),
                    ("/admin", adminToken, .adminTitle),
                ] as [(String, String?, PageKey)] {
                    let answer = try await page(path, token: token, language: language)
                    #expect(answer.status == 200, "\(path) \(language): \(answer.status)")
                    #expect(
                        answer.text.contains("<html lang=\"\(language.rawValue)\">") && answer.text.contains(t[title]),
                        "\(path) \(language)")
                    #expect(answer.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
                    #expect(
                        answer.headers.first(name: "X-Frame-Options") == "DENY"
                            && answer.headers.first(name: "Referrer-Policy") == "no-referrer")
                    #expect(!answer.text.contains("<script>"), "no inline script")
                }
            }
            // Administrators work for no partner: the cabinet sends them to their own documents; anonymous visitors log in.
            let adminCabinet = try await page("/cabinet", token: adminToken, language: .en)
            #expect(adminCabinet.status == 303 && adminCabinet.headers.first(name: "Location") == "/documents")
            #expect(try await page("/cabinet", token: nil, language: .ru).status == 303)

            // A form without the CSRF token is refused; with it, the document is sent.
            let noToken = try await server.request(
                .POST, "/cabinet/documents/\(documentID)/send", body: Array("x=1".utf8),
                headers: [("Cookie", cookie + "; senimkey_session=\(managerToken)"), ("Content-Type", "application/x-www-form-urlencoded")])
            #expect(noToken.status == 403)
            // A token of another session (here: of no session) is refused too: tokens are bound to their session.
            let anonymousToken = try await server.request(
                .POST, "/cabinet/documents/\(documentID)/send", body: Array("csrf=\(try await csrf(nil))".utf8),
                headers: [
                    ("Cookie", cookie + "; senimkey_session=\(managerToken)"),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ])
            #expect(anonymousToken.status == 403)
            let sent = try await server.request(
                .POST, "/cabinet/documents/\(documentID)/send", body: Array("csrf=\(try await csrf(managerToken))".utf8),
                headers: [("Cookie", cookie + "; senimkey_session=\(managerToken)"), ("Content-Type", "application/x-www-form-urlencoded")])
            #expect(sent.status == 303)

            // The partner signs first by SMS code through the pages, then the signer from the SMS link.
            let slot = "\(documentID)-partner"
            for (token, phone, signer) in [(managerToken, EndToEndTests.manager, slot)] {
                let form = [("Cookie", cookie + "; senimkey_session=\(token)"), ("Content-Type", "application/x-www-form-urlencoded")]
                let formToken = try await csrf(token)
                let code = try await server.request(
                    .POST, "/sign/\(documentID)/\(signer)/code", body: Array("csrf=\(formToken)&action=sign".utf8), headers: form)
                let location = try #require(code.headers.first(name: "Location"))
                let challenge = try #require(location.components(separatedBy: "challenge=").last)
                let signed = try await server.request(
                    .POST, "/sign/\(documentID)/\(signer)/ses",
                    body: Array("csrf=\(formToken)&challengeID=\(challenge)&code=\(try server.lastCode(to: phone))".utf8), headers: form)
                #expect(signed.status == 303, "\(signed.text)")
            }
            let link = try server.lastLink(to: EndToEndTests.client1)
            // Opening the link is the person's POST from its page (a preview bot's GET opens nothing).
            let landing = try await server.request(.GET, "/s/\(link)", headers: [("Cookie", cookie)])
            #expect(landing.status == 200 && !landing.text.contains("Договор.pdf"))
            let opened = try await server.request(
                .POST, "/s/\(link)", body: Array("csrf=\(try await csrf(nil))&acceptAgreement=1".utf8),
                headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
            #expect(opened.status == 303)
            let sessionCookie = try #require(opened.headers["Set-Cookie"].first { $0.hasPrefix("senimkey_session=") })
            let signerToken = String(sessionCookie.dropFirst("senimkey_session=".count).prefix { $0 != ";" })
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax"))
            let signerPath = try #require(opened.headers.first(name: "Location"))
            for language in Language.allCases {
                let signPage = try await page(signerPath, token: signerToken, language: language)
                #expect(
                    signPage.status == 200 && signPage.text.contains(PageStrings.table(language)[.consentText]), "sign page \(language)"
                )
                #expect(signPage.text.contains("123456789021"), "the sender's BIN")
            }
            let form = [("Cookie", cookie + "; senimkey_session=\(signerToken)"), ("Content-Type", "application/x-www-form-urlencoded")]
            let signerFormToken = try await csrf(signerToken)
            // eGov mobile: the page draws the QR (SVG, no script needed) and the phone's cross link.
            let egov = try await server.request(.POST, signerPath + "/egov", body: Array("csrf=\(signerFormToken)".utf8), headers: form)
            let egovPage = try await page(try #require(egov.headers.first(name: "Location")), token: signerToken, language: .kk)
            #expect(
                egovPage.text.contains("<svg") && egovPage.text.contains("https://m.egov.kz/mobileSign/?link=")
                    && egovPage.text.contains("data-poll="))
            let code = try await server.request(
                .POST, signerPath + "/code", body: Array("csrf=\(signerFormToken)&action=sign".utf8), headers: form)
            let codeLocation = try #require(code.headers.first(name: "Location"))
            let challenge = try #require(codeLocation.components(separatedBy: "challenge=").last)
            let wrong = try await server.request(
                .POST, signerPath + "/ses", body: Array("csrf=\(signerFormToken)&challengeID=\(challenge)&code=000000".utf8),
                headers: form + [("Accept-Language", "kk")])
            #expect(
                wrong.status == 422 && wrong.text.contains("Код жарамсыз") && wrong.text.contains("Қалған әрекеттер: 4"),
                "\(wrong.text.prefix(3000))")
            let signed = try await server.request(
                .POST, signerPath + "/ses",
                body: Array("csrf=\(signerFormToken)&challengeID=\(challenge)&code=\(try server.lastCode(to: EndToEndTests.client1))".utf8),
                headers: form)
            #expect(signed.status == 303)
            let result = try await page(signerPath, token: signerToken, language: .ru)
            #expect(result.text.contains(PageStrings.table(.ru)[.resultSigned]) && result.text.contains("/evidence"))
            #expect(try await server.platform.engine.state(ofDocument: documentID).document?.status == .signed)
            // The eGov mobile QR is drawn on the page once asked for (checked by zbar in QRCodeTests).
            #expect(!server.logs.lines.contains { $0.contains(link) }, "the SMS link's token never reaches a log")
        }
    }
}
