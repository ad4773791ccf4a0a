import Foundation
import SenimCrypto
import SenimEvidence
import SenimStoreTestSupport
import SenimTestSupport
import Testing

@testable import SenimServer

/// The public verification page `/verify`: no login, ru/kk/en, a digest in and what the platform knows about those
/// exact bytes out (status, masked signers, completion), rate-limited per client address; in a real browser the page
/// hashes a chosen file (or the document inside an evidence package) itself.
@Suite struct VerifyPageTests {
    /// The sample package's document (testvectors/evidence/sample.asice holds these bytes as document/Договор.pdf).
    static let document = Array("%PDF-1.7\nДоговор поставки № 17 / Жеткізу шарты № 17\n%%EOF\n".utf8)

    /// A document signed by the partner and one person, both by SMS code.
    static func signedDocument(_ scene: AttackScene) async throws -> String {
        let id = try await scene.sentDocument([("Сериков", EndToEndTests.client1IIN, EndToEndTests.client1)], bytes: document)
        #expect(try await scene.partnerSignsByCode(id).status == 200)
        let token = try await scene.openLink(to: EndToEndTests.client1)
        let slot = try await scene.slot(of: EndToEndTests.client1, in: id)
        let signed = try await scene.personSignsByCode(id, signerID: slot, token: token, phone: EndToEndTests.client1)
        #expect(signed.status == 200, "\(signed.text)")
        return id
    }

    @Test(arguments: StoreKind.allCases)
    func aDigestFindsTheSignedDocumentAndAnyOtherFindsNothing(kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            let id = try await Self.signedDocument(scene)
            let sha256 = Hex.encode(DigestAlgorithm.sha256.hash(Self.document))
            let found = try await scene.server.request(.GET, "/verify?lang=ru&sha256=\(sha256)")
            #expect(found.status == 200)
            #expect(found.text.contains("data-found=\"true\""))
            #expect(found.text.contains(VerifyPageStrings.russian[.found] ?? "-"))
            #expect(found.text.contains("С***в Т.") && found.text.contains("+7 701 *** ** 02"))
            #expect(!found.text.contains("Сериков") && !found.text.contains(EndToEndTests.client1IIN))
            #expect(found.text.contains(PageStrings.table(.ru)[.statusSigned]))
            #expect(!found.text.contains(id + "/evidence")) // the package is offered to the parties only, after login
            // One byte changed: not found. Upper case is the same digest.
            var changed = Self.document
            changed[10] ^= 0x01
            let other = try await scene.server.request(
                .GET, "/verify?lang=kk&sha256=\(Hex.encode(DigestAlgorithm.sha256.hash(changed)))")
            #expect(other.status == 200 && other.text.contains("data-found=\"false\""))
            #expect(other.text.contains(VerifyPageStrings.kazakh[.notFound] ?? "-"))
            let upper = try await scene.server.request(.GET, "/verify?lang=en&sha256=\(sha256.uppercased())")
            #expect(upper.text.contains("data-found=\"true\""))
            // Not a digest: a sentence, not a lookup.
            let bad = try await scene.server.request(.GET, "/verify?lang=en&sha256=abc")
            #expect(bad.status == 400 && bad.text.contains(VerifyPageStrings.english[.invalidDigest] ?? "-"))
            // Nothing is written by a lookup: the document's audit chain is as it was.
            let events = try await scene.server.platform.engine.auditLog(ofDocument: id).count
            _ = try await scene.server.request(.GET, "/verify?sha256=\(sha256)")
            #expect(try await scene.server.platform.engine.auditLog(ofDocument: id).count == events)
        }
    }

    /// The attack: the page as an oracle, asked digest after digest from one address; the budget ends it.
    @Test func lookupsAreRateLimitedPerAddress() async throws {
        let small: (inout ServerConfiguration) -> Void = { $0.verificationsPerWindow = 3 }
        try await AttackScene.with(.sqlite, adjust: small) { scene in
            let digest = String(repeating: "ab", count: 32)
            for _ in 0..<3 { #expect(try await scene.server.request(.GET, "/verify?sha256=\(digest)").status == 200) }
            let refused = try await scene.server.request(.GET, "/verify?lang=en&sha256=\(digest)")
            #expect(refused.status == 429)
            #expect(Int(refused.headers.first(name: "Retry-After") ?? "") ?? 0 > 0)
            #expect(refused.text.contains("Too many checks from your address."))
            // The page itself (no lookup) is not counted.
            #expect(try await scene.server.request(.GET, "/verify").status == 200)
        }
    }

    /// Every word the page shows, found or not, is in the page's language.
    @Test(arguments: Language.allCases)
    func thePageSpeaksOneLanguage(language: Language) async throws {
        try await AttackScene.with(.sqlite) { scene in
            _ = try await Self.signedDocument(scene)
            let check = try #require(LanguageCheck.Language(rawValue: language.rawValue))
            let found = Hex.encode(DigestAlgorithm.sha256.hash(Self.document))
            for query in ["", "&sha256=\(found)", "&sha256=\(String(repeating: "0", count: 64))", "&sha256=xyz"] {
                let page = try await scene.server.request(.GET, "/verify?lang=\(language.rawValue)\(query)")
                let text = LanguageCheck.visibleText(ofHTML: page.text)
                let foreign = LanguageCheck.foreignWords(
                    in: text, language: check,
                    names: [
                        "English", "Қазақша", "Русский", "contract.pdf", "xyz", "АО \"ТЕСТ\"", "С***в Т.",
                    ])
                #expect(foreign.isEmpty, "\(language) \(query): \(foreign)")
            }
        }
    }

    /// A real browser: the page hashes the chosen file itself; the signed document is found, a copy with one byte
    /// changed is not, and the evidence package (hashed to its document/ entry) is found too.
    @Test func inChromiumTheSignedDocumentIsFoundAndAChangedCopyIsNot() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"), "chromium-driver is installed by .ci/run")
        try await AttackScene.with(.sqlite, transport: .loopback) { scene in
            let id = try await Self.signedDocument(scene)
            let directory = scene.server.directory
            let original = directory + "/Договор.pdf"
            try Data(Self.document).write(to: URL(fileURLWithPath: original))
            var changed = Self.document
            changed[changed.count / 2] ^= 0x01
            let copy = directory + "/Договор-копия.pdf"
            try Data(changed).write(to: URL(fileURLWithPath: copy))
            let evidence = try await scene.server.request(.GET, "/api/v1/documents/\(id)/evidence", token: scene.managerToken)
            #expect(evidence.status == 200)
            let package = directory + "/evidence.asice"
            try Data(evidence.body).write(to: URL(fileURLWithPath: package))

            try await WebDriver.with(width: 1000, height: 900) { browser in
                for (file, found) in [(original, true), (copy, false), (package, true)] {
                    try await browser.open(scene.server.baseURL + "/verify?lang=ru")
                    try await browser.type("#verify-file", file)
                    _ = try await browser.element("#verify-result")
                    let source = try await browser.source()
                    #expect(source.contains("data-found=\"\(found)\""), "\(file): \(source.suffix(1200))")
                    let expected = Hex.encode(DigestAlgorithm.sha256.hash(file == copy ? changed : Self.document))
                    #expect(try await browser.url().hasSuffix("sha256=\(expected)"), "\(file)")
                }
            }
        }
    }
}
