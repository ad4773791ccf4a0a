import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimEvidence

@Suite("Arbitration report")
struct ArbitrationReportTests {
    static let verifyPage = "https://senimkey.kz/verify"

    @Test func everyLanguageHasEveryString() {
        for language in Language.allCases {
            let table = ReportStrings.table(language)
            let missing = ReportKey.allCases.filter { (table[$0] ?? "").isEmpty }
            #expect(missing.isEmpty, "\(language): \(missing)")
            let subIndications = ReportStrings.subIndications(language)
            #expect(SubIndication.allCases.filter { (subIndications[$0] ?? "").isEmpty }.isEmpty, "\(language)")
            let roles = ReportStrings.roles(language)
            #expect(ReportStrings.personRoles.filter { (roles[$0] ?? "").isEmpty }.isEmpty, "\(language)")
            #expect(Set(roles.keys) == Set(ReportStrings.personRoles), "\(language)")
        }
    }

    static func sampleSHA256() throws -> String {
        Hex.encode(DigestAlgorithm.sha256.hash(try TestVectors.bytes("evidence/sample.asice")))
    }

    static func report(_ language: Language, bytes: [UInt8]? = nil, copy: ArbitrationReport.Copy? = nil) async throws -> ArbitrationReport {
        let package = try bytes ?? TestVectors.bytes("evidence/sample.asice")
        return ArbitrationReport(
            try await EvidencePackageTests.verify(package), language: language,
            copy: copy ?? .renderedFrom(packageSHA256: Hex.encode(DigestAlgorithm.sha256.hash(package))), verifyPage: verifyPage)
    }

    /// Golden files: the report of the committed sample is stable in all three languages
    /// (regenerate with SENIMKEY_REGENERATE_SAMPLE=1 together with the sample).
    @Test(arguments: Language.allCases)
    func reportHTMLEqualsTheGoldenFile(language: Language) async throws {
        let html = try await Self.report(language).html
        let golden = TestVectors.url("evidence/report.\(language.rawValue).html")
        if ProcessInfo.processInfo.environment["SENIMKEY_REGENERATE_SAMPLE"] == "1" { try Data(html.utf8).write(to: golden) }
        #expect(html == (try String(contentsOf: golden, encoding: .utf8)))
        // Self-contained: nothing loads from outside (the verify link is text, the QR code an inline SVG).
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<script") && !html.contains("url("))
        #expect(html.contains("43508b758f44e897fdfa72a5b1e4f248b66fc7410ded10ec6d662e1b74da0dd6"))
        #expect(html.contains("@page { size: A4"))
        // The footer of every printed page: document id, package SHA-256, page N of M.
        #expect(html.contains("counter(page)") && html.contains("counter(pages)"))
        let packageSHA256 = try Self.sampleSHA256()
        #expect(html.contains("d-17 · ") && html.contains(packageSHA256))
        // The first page links to /verify with the document's SHA-256, as text and as a QR code.
        #expect(html.contains(Self.verifyPage + "?sha256=43508b758f44e897fdfa72a5b1e4f248b66fc7410ded10ec6d662e1b74da0dd6"))
        #expect(html.components(separatedBy: "<svg").count == 2)
    }

    /// Page 1 states what was signed, by whom, how, when and whether it holds, one sentence each; ETSI codes appear
    /// only in the technical annex.
    @Test func firstPageSpeaksInSentences() async throws {
        let report = try await Self.report(.ru)
        #expect(report.overall == .totalPassed)
        #expect(report.signatures.count == 3)
        #expect(report.signatures.map(\.method) == [.cms, .xml, .simple])
        #expect(report.signatures[0].iin == "123456789011" && report.signatures[0].bin == "123456789021")
        #expect(report.signatures[2].name == "Тестов Тест" && report.signatures[2].phoneMasked == "+7 701 *** ** 67")
        #expect(report.document.id == "d-17")
        #expect(
            report.outcome
                == "Пакет доказательств по документу «Договор.pdf» проверен: все 10 проверок пройдены, все подписи (3) действительны, "
                + "документ не изменялся после подписания.")
        let html = report.html
        let first = try #require(html.components(separatedBy: "<section class=\"timeline\">").first)
        #expect(!first.contains("TOTAL_PASSED") && !first.contains("legalEntity") && !first.contains("firstHead"))
        #expect(first.contains("Роль: первый руководитель юридического лица."))
        #expect(first.contains("Роль: физическое лицо."))
        #expect(first.contains("Способ: электронная цифровая подпись (ЭЦП) НУЦ РК в формате CMS."))
        #expect(first.contains("Время подписания: 17.08.2026 20:53:20 UTC, указано программой подписанта, меткой времени не подтверждено."))
        #expect(first.contains("Способ: простая электронная подпись — одноразовый SMS-код, отправленный на номер +7 701 *** ** 67."))
        #expect(first.contains("Вывод: подпись действительна"))
        // The timeline names the person, not only a masked phone.
        #expect(report.timeline.count == 8)
        #expect(report.timeline[0].actorName == "Тестов Тест")
        #expect(html.contains("<td>Тестов Тест, партнёр, +7 701 *** ** 67</td>"))
        #expect(html.contains("Получена ЭЦП в формате «CAdES-BASELINE-B»; проверка: пройдено"))
        // The result column never wraps (the annex's verdict words are one cell each, white-space: nowrap).
        #expect(html.contains("td.result, th.result { white-space: nowrap;"))
        #expect(html.components(separatedBy: "<td class=\"result\">пройдено</td>").count == 11)
        // The annex keeps the codes.
        let annex = try #require(html.components(separatedBy: "<section class=\"annex\">").last)
        #expect(annex.contains("<code>TOTAL_PASSED</code>"))
        #expect(try await Self.report(.kk).steps[8].finding.text(in: .kk) == "senimkey.kz/log журналындағы жапырақ 12 (барлығы 21)")
        #expect(ArbitrationReport.escape("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;")
    }

    /// A failing package says so in one sentence, with the step and its finding in the report's language.
    @Test func aFailingPackageSaysWhichStepFailed() async throws {
        var bytes = try TestVectors.bytes("evidence/sample.asice")
        let zip = try StoredZIPReader(bytes: bytes)
        let document = try #require(zip.entries.first { $0.name.hasPrefix("document/") })
        bytes[document.range.lowerBound + 3] ^= 0x01
        let report = try await Self.report(.ru, bytes: bytes)
        #expect(report.overall == .totalFailed)
        #expect(report.outcome.hasPrefix("Проверка пакета доказательств не пройдена на шаге «Архив»: "))
        #expect(report.outcome.contains("не совпадает со своей CRC-32"))
    }

    /// Packages that exercise the report's other sentences: the sample, a changed document, a broken archive,
    /// a package without its audit log, and random bytes.
    static func variants() throws -> [(String, [UInt8])] {
        let sample = try TestVectors.bytes("evidence/sample.asice")
        let zip = try StoredZIPReader(bytes: sample)
        func rebuilt(_ change: (inout [(String, [UInt8])]) -> Void) throws -> [UInt8] { try EvidencePackageTests.rebuilt(zip, change) }
        let changedDocument = try rebuilt { entries in
            if let index = entries.firstIndex(where: { $0.0.hasPrefix("document/") }) { entries[index].1[5] ^= 0x01 }
        }
        let noLog = try rebuilt { entries in entries.removeAll { $0.0 == "audit/log.jsonl" } }
        var reframed = sample
        reframed[reframed.count - 3] ^= 0x01
        return [
            ("sample", sample), ("changed document", changedDocument), ("no audit log", noLog), ("reframed", reframed),
            ("random", Array(repeating: 0x42, count: 400)),
        ]
    }

    /// Every section of the report, in each language, holds no word of another language: the rendered pages of
    /// passing and failing packages, every sentence of the tables, and every audit action's sentence.
    @Test(arguments: Language.allCases)
    func everyWordIsInTheReportsLanguage(language: Language) async throws {
        let check = try #require(LanguageCheck.Language(rawValue: language.rawValue))
        for (name, bytes) in try Self.variants() {
            for copy in [ArbitrationReport.Copy.renderedFrom(packageSHA256: "00"), .insidePackage] {
                let report = try await Self.report(language, bytes: bytes, copy: copy)
                let text = LanguageCheck.visibleText(ofHTML: report.html, dropping: ["code"])
                let foreign = LanguageCheck.foreignWords(in: text, language: check, names: Self.names(in: report))
                #expect(foreign.isEmpty, "\(language) \(name): \(foreign)")
                #expect(LanguageCheck.foreignWords(in: report.footer(report.words), language: check).isEmpty, "\(language) \(name)")
            }
        }
        let words = ReportWords(language)
        for key in ReportKey.allCases {
            #expect(LanguageCheck.foreignWords(in: words.text(key), language: check).isEmpty, "\(language) \(key): \(words.text(key))")
        }
        for sentence in ReportStrings.subIndications(language).values.sorted() + ReportStrings.roles(language).values.sorted() {
            #expect(LanguageCheck.foreignWords(in: sentence, language: check).isEmpty, "\(language): \(sentence)")
        }
        for action in Self.everyAction {
            let sentence = words.action(action)
            let foreign = LanguageCheck.foreignWords(in: sentence, language: check, names: ["Тестов Тест"])
            #expect(foreign.isEmpty, "\(language): \(sentence)")
        }
        for problem in [StoredZIPFramingProblem.centralDirectory, .endRecord, .localHeader(entry: "mimetype")] {
            let foreign = LanguageCheck.foreignWords(in: problem.text(in: language), language: check, names: ["mimetype"])
            #expect(foreign.isEmpty, "\(language): \(problem)")
        }
        #expect(ReportPDFRenderer.RenderError.rendererMissing.sentence(in: language).contains("fonts-dejavu-core"))
    }

    /// What the caller's data names: people, certificates, devices, file names.
    static func names(in report: ArbitrationReport) -> [String] {
        report.signatures.compactMap(\.name) + report.timeline.compactMap(\.client.device)
            + report.timeline.compactMap(\.client.userAgent) + [report.document.name]
    }

    static let everyAction: [AuditAction] = [
        .agreementAccepted(edition: "2026-07", consentTextSHA256: "3f9a0c"),
        .documentUploaded(fileName: "Договор.pdf", mediaType: "application/pdf", size: 89),
        .signerAdded(signerID: "s-1", surname: "Тестов", name: "Тест", iin: "123456789011", phoneMasked: "+7 701 *** ** 67", order: 1),
        .sentForSigning(signingMethod: "EDS_OR_SES", signingOrder: "SEQUENTIAL"),
        .sentForSigning(signingMethod: "SES", signingOrder: "PARALLEL"), .sentForSigning(signingMethod: "EDS", signingOrder: "PARALLEL"),
        .smsSent(signerID: nil, phoneMasked: "+7 701 *** ** 67", purpose: "signing link", providerMessageID: nil),
        .smsSent(signerID: nil, phoneMasked: "+7 701 *** ** 67", purpose: "login code", providerMessageID: nil),
        .linkOpened(signerID: "s-1"), .documentViewed(signerID: nil), .otpRequested(challengeID: "c", purpose: "sign"),
        .otpRequested(challengeID: "c", purpose: "reject"), .otpRequested(challengeID: "c", purpose: "confirm"),
        .otpFailed(challengeID: "c", attempt: 2), .otpConfirmed(challengeID: "c", attempt: 1),
        .edsSignatureReceived(
            signerID: "s-1", format: "CAdES-BASELINE-T", signatureSHA256: "3f9a0c", indication: "INDETERMINATE", subIndication: nil,
            signerIIN: nil, signerBIN: nil),
        .sesSignatureRecorded(signerID: "s-1", challengeID: "c", recordSHA256: "3f9a0c"),
        .signatureRefused(signerID: "s-1", reason: "HASH_FAILURE"), .rejected(signerID: "s-1", reason: "Не согласен"), .completed,
        .cancelled(reason: nil), .cancelled(reason: "дубликат"), .expired, .tariffDebited(packageID: "p", usesLeft: 9),
        .downloaded(item: "evidence package sha256:3f9a0c"), .evidenceExported(packageSHA256: "3f9a0c"),
        .administrative(action: "block", target: "u-1"),
    ]

    /// The HTML renders on screen in headless Chromium (Debian's `chromium`, installed by .ci/run), in each language.
    @Test(arguments: Language.allCases)
    func reportRendersInHeadlessChromium(language: Language) async throws {
        let chromium = "/usr/bin/chromium"
        guard FileManager.default.isExecutableFile(atPath: chromium) else {
            Issue.record("chromium is not installed (.ci/run installs the Debian package)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        let png = directory.appendingPathComponent("report.png")
        try Data(try await Self.report(language).html.utf8).write(to: page)
        let result = try await ExternalTool.outcome(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400",
                "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--screenshot=\(png.path)", page.absoluteString,
            ])
        #expect(result.status == 0, "\(result.output)")
        // A PNG of exactly the window's size (IHDR width and height, big-endian), and not a blank page: a blank
        // 1000×1400 screenshot compresses to a few kilobytes.
        let image = Array(try Data(contentsOf: png))
        #expect(image.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let dimensions = image.count >= 24 ? image[16..<24].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } : 0
        #expect(dimensions >> 32 == 1_000 && dimensions & 0xFFFF_FFFF == 1_400, "IHDR \(image.prefix(24))")
        #expect(image.count > 20_000, "screenshot of \(image.count) bytes")
    }
}
