import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimEvidence

@Suite("Arbitration report")
struct ArbitrationReportTests {
    @Test func everyLanguageHasEveryString() {
        for language in Language.allCases {
            let table = ReportStrings.table(language)
            let missing = ReportKey.allCases.filter { (table[$0] ?? "").isEmpty }
            #expect(missing.isEmpty, "\(language): \(missing)")
        }
    }

    static func report(_ language: Language) async throws -> ArbitrationReport {
        ArbitrationReport(try await EvidencePackageTests.verify(try TestVectors.bytes("evidence/sample.asice")), language: language)
    }

    /// Golden files: the report of the committed sample is stable in all three languages
    /// (regenerate with SENIMKEY_REGENERATE_SAMPLE=1 together with the sample).
    @Test(arguments: Language.allCases)
    func reportHTMLEqualsTheGoldenFile(language: Language) async throws {
        let html = try await Self.report(language).html
        let golden = TestVectors.url("evidence/report.\(language.rawValue).html")
        if ProcessInfo.processInfo.environment["SENIMKEY_REGENERATE_SAMPLE"] == "1" { try Data(html.utf8).write(to: golden) }
        #expect(html == (try String(contentsOf: golden, encoding: .utf8)))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script")) // self-contained
        #expect(html.contains("43508b758f44e897fdfa72a5b1e4f248b66fc7410ded10ec6d662e1b74da0dd6"))
        #expect(html.contains("@page { size: A4"))
    }

    @Test func reportStatesTheSamplesSignaturesAndVerdict() async throws {
        let report = try await Self.report(.ru)
        #expect(report.overall == .totalPassed)
        #expect(report.signatures.count == 3)
        #expect(report.signatures[0].iin == "123456789011" && report.signatures[0].bin == "123456789021")
        #expect(report.signatures[2].type == "Простая электронная подпись (SMS-код)")
        #expect(report.html.contains("Простая электронная подпись одноразовым SMS-кодом не является ЭЦП."))
        #expect(report.timeline.count == 8)
        // The verifier's findings in the report's language, its numbers and names kept.
        #expect(report.steps.count == 10)
        #expect(report.steps[7].detail.hasPrefix("событий: 8, цепочка хэшей не нарушена, вершина "))
        #expect(try await Self.report(.kk).steps[8].detail == "senimkey.kz/log журналындағы жапырақ 12 (барлығы 21)")
        #expect(report.timeline[0].ipAddress == "198.51.100.9")
        #expect(ArbitrationReport.escape("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;")
    }

    /// The HTML renders in headless Chromium (Debian's `chromium`, installed by .ci/run).
    @Test func reportRendersInHeadlessChromium() async throws {
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
        try Data(try await Self.report(.ru).html.utf8).write(to: page)
        let result = try await ExternalTool.outcome(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400",
                "--screenshot=\(png.path)", page.absoluteString,
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
