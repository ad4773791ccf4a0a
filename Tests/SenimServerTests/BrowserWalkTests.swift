import Foundation
import SenimPKI
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// A real browser (headless Chromium through chromedriver) walks the platform as people would: the partner
/// logs in with the code from the SMS outbox, uploads a PDF with a signer, sends it, signs first through NCALayer
/// (a fake one on wss://127.0.0.1:13579 signing with an NCA test key; and before it runs, the page says so);
/// the signer opens the SMS link on a phone-sized screen and signs by SMS code; both can download the evidence
/// package; a second signer rejects a second document. With SENIMKEY_WRITE_SCREENSHOTS=1 the signer's page
/// (phone) and the partner's list (desktop) are written to docs/screenshots/.
@Suite(.serialized) struct BrowserWalkTests {
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("docs/screenshots")

    @Test func partnerAndSignerWalkThePlatformInChromium() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"), "chromium-driver is installed by .ci/run")
        // On loopback: a real browser needs a real port.
        try await ServerHarness.withServer(.sqlite, transport: .loopback) { server in
            let (partnerID, _) = try await EndToEndTests.partnerWithManager(server)
            _ = partnerID
            try await WebDriver.with(width: 1280, height: 900) { partner in
                let base = server.baseURL

                // The partner logs in by phone and the code from the outbox, accepting the agreement.
                try await partner.open(base + "/login?lang=ru")
                try await partner.type("#phone", EndToEndTests.manager)
                try await partner.click("button[type=submit]")
                _ = try await partner.element("#code")
                try await partner.type("#code", try server.lastCode(to: EndToEndTests.manager))
                try await partner.click("#accept")
                try await partner.click("button[type=submit]")
                #expect(try await partner.waitForURL(endingWith: "/cabinet"))

                // A PDF with one signer, created, sent, signed first by the partner's SMS code.
                let pdf = server.directory + "/Договор.pdf"
                try Data("%PDF-1.4\n% Договор поставки\n%%EOF\n".utf8).write(to: URL(fileURLWithPath: pdf))
                // The second document goes to a second signer, who rejects it.
                for (title, signer, iin) in [
                    ("signed", EndToEndTests.client1, EndToEndTests.client1IIN), ("rejected", EndToEndTests.client2, "123456789011"),
                ] {
                    try await partner.open(base + "/cabinet/new")
                    try await partner.type("#file", pdf)
                    try await partner.type("#surname1", "Сериков")
                    try await partner.type("#name1", "Тест")
                    try await partner.type("#iin1", iin)
                    try await partner.type("#phone1", signer)
                    try await partner.click("#new-document button[type=submit]")
                    _ = try await partner.element("form[action$='/send'] button")
                    let documentPage = try await partner.url()
                    let created = try await partner.source()
                    #expect(documentPage.contains("/cabinet/documents/d-"), "\(title): \(created.prefix(600))")
                    try await partner.click("form[action$='/send'] button")
                    try await partner.click("a.button[href^='/sign/']")
                    if title == "signed" {
                        // NCALayer: a clear message while it is not running; then the fake one signs with the first head's key.
                        try await partner.click("#ncalayer-sign")
                        let message = PageStrings.table(.ru)[.ncalayerNotRunning]
                        #expect(try await partner.text("#ncalayer-status", becoming: message) == message)
                        let head = try SigningIdentity(
                            pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
                        let ncalayer = try FakeNCALayer(identity: head, signingTime: ServerHarness.pinnedTime)
                        defer { ncalayer.shutdown() }
                        try await partner.click("#ncalayer-sign")
                        _ = try await partner.element(".result")
                    } else {
                        try await partner.click("#get-code")
                        _ = try await partner.element("#code") // the code page: the SMS has gone out
                        try await partner.type("#code", try server.lastCode(to: EndToEndTests.manager))
                        try await partner.click("#confirm-code")
                        _ = try await partner.element(".result")
                    }
                    #expect(try await partner.source().contains(PageStrings.table(.ru)[.youSigned]))

                    // The signer, on a phone: the SMS link, the document, the code, and the result.
                    try await WebDriver.with(width: 390, height: 844) { phone in
                        // The link's page shows nothing of the document until the person opens it (and accepts the agreement).
                        try await phone.open(base + "/s/" + (try server.lastLink(to: signer)))
                        try await phone.click("#accept")
                        try await phone.click("#open-link")
                        _ = try await phone.element("#consent")
                        try await phone.open(try await phone.url() + "?lang=ru") // the language switch; the choice is kept in a cookie
                        _ = try await phone.element("#consent")
                        let source = try await phone.source()
                        #expect(source.contains("Договор.pdf") && source.contains(PageStrings.table(.ru)[.consentText]))
                        if title == "signed" {
                            if ProcessInfo.processInfo.environment["SENIMKEY_WRITE_SCREENSHOTS"] == "1" {
                                try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
                                try await phone.screenshot().write(to: Self.screenshots.appendingPathComponent("signer-page-phone.png"))
                            }
                            #expect(try await phone.screenshot().count > 10_000)
                            try await phone.click("#get-code")
                            _ = try await phone.element("#code")
                            try await phone.type("#code", try server.lastCode(to: signer))
                            try await phone.click("#confirm-code")
                            _ = try await phone.element(".result")
                            let done = try await phone.source()
                            #expect(
                                done.contains(PageStrings.table(.ru)[.youSigned]) && done.contains(PageStrings.table(.ru)[.resultSigned]))
                            // Both download the evidence package with their own sessions.
                            let documentID = try #require(documentPage.components(separatedBy: "/cabinet/documents/").last)
                            for browser in [phone, partner] {
                                let session = try #require(try await browser.cookie("senimkey_session"))
                                let package = try await server.request(.GET, "/api/v1/documents/\(documentID)/evidence", token: session)
                                #expect(package.status == 200 && package.body.starts(with: Array("PK".utf8)))
                            }
                        } else {
                            try await phone.click("#get-reject-code")
                            _ = try await phone.element("#reject-code")
                            try await phone.type("#reason", "Сумма не совпадает")
                            try await phone.type("#reject-code", try server.lastCode(to: signer))
                            try await phone.click("#confirm-reject")
                            _ = try await phone.element(".result")
                            #expect(try await phone.source().contains(PageStrings.table(.ru)[.youRejected]))
                        }
                    }
                }

                // The partner's list shows both, each with its status.
                try await partner.open(base + "/cabinet")
                let list = try await partner.source()
                #expect(list.contains(PageStrings.table(.ru)[.statusSigned]) && list.contains(PageStrings.table(.ru)[.statusRejected]))
                if ProcessInfo.processInfo.environment["SENIMKEY_WRITE_SCREENSHOTS"] == "1" {
                    try await partner.screenshot().write(to: Self.screenshots.appendingPathComponent("partner-list-desktop.png"))
                }
            }
        }
        // Every chromedriver the walk started has ended with it (each is ended when its scope ends, pass or fail).
        #expect(ChildProcesses.running(named: "chromedriver").isEmpty, "\(ChildProcesses.running(named: "chromedriver"))")
    }
}
