import Foundation
import SenimTestSupport
import Testing

@testable import SenimEvidence

/// The report printed to PDF by headless Chromium, read back with poppler's `pdftotext`, `pdfinfo` and `pdffonts`
/// (Debian's poppler-utils, installed by .ci/run): A4, the document id and the page number in every footer, the
/// fonts embedded, the text equal to the golden file in each language.
@Suite("Arbitration report PDF")
struct ReportPDFTests {
    static func renderer() -> ReportPDFRenderer? {
        guard let renderer = ReportPDFRenderer.installed() else {
            Issue.record("chromium and fonts-dejavu-core are not installed (.ci/run installs them)")
            return nil
        }
        return renderer
    }

    static func poppler(_ tool: String, _ pdf: [UInt8], _ arguments: [String] = []) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-report-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await ExternalTool.outcome("/usr/bin/\(tool)", arguments + [file.path] + (tool == "pdftotext" ? ["-"] : []))
        #expect(outcome.status == 0, "\(tool): \(outcome.standardError)")
        return outcome.standardOutput
    }

    @Test(arguments: Language.allCases)
    func pdfTextEqualsTheGoldenFileAndEveryPageSaysWhatItIs(language: Language) async throws {
        guard let renderer = Self.renderer() else { return }
        let report = try await ArbitrationReportTests.report(language)
        let pdf = try await renderer.render(html: report.html)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let info = try await Self.poppler("pdfinfo", pdf)
        #expect(info.contains("(A4)"), "\(info)")
        let pages = try #require(
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(pages >= 3, "\(pages) pages")
        let fonts = try await Self.poppler("pdffonts", pdf)
        #expect(fonts.contains("DejaVuSans"), "\(fonts)")
        for line in fonts.split(separator: "\n").dropFirst(2) { #expect(line.contains(" yes "), "not embedded: \(line)") }

        let text = try await Self.poppler("pdftotext", pdf)
        let golden = TestVectors.url("evidence/report.\(language.rawValue).pdf.txt")
        if ProcessInfo.processInfo.environment["SENIMKEY_REGENERATE_SAMPLE"] == "1" { try Data(text.utf8).write(to: golden) }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
        // Every page (pdftotext ends each with a form feed) carries the footer: document id, package digest, N of M.
        let words = ReportWords(language)
        let packageSHA256 = try ArbitrationReportTests.sampleSHA256()
        let printed = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).dropLast()
        #expect(printed.count == pages)
        for (index, page) in printed.enumerated() {
            #expect(page.contains("d-17"), "page \(index + 1)")
            #expect(page.contains(packageSHA256), "page \(index + 1)")
            #expect(page.contains("\(words.text(.page)) \(index + 1) \(words.text(.pageOf)) \(pages)"), "page \(index + 1)")
        }
        // With SENIMKEY_WRITE_SCREENSHOTS=1 the printed first page goes to docs/arbitration-report.<lang>.png (the README
        // shows them), drawn by poppler's pdftoppm from this PDF.
        if ProcessInfo.processInfo.environment["SENIMKEY_WRITE_SCREENSHOTS"] == "1" {
            let docs = TestVectors.root.deletingLastPathComponent().appendingPathComponent("docs")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-first-\(UUID().uuidString).pdf")
            try Data(pdf).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let prefix = docs.appendingPathComponent("arbitration-report.\(language.rawValue)").path
            let drawn = try await ExternalTool.outcome(
                "/usr/bin/pdftoppm", ["-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", file.path, prefix])
            #expect(drawn.status == 0, "\(drawn.output)")
        }
    }

    /// The font the report asks for carries the whole Kazakh Cyrillic alphabet: every letter comes back from the PDF
    /// as itself (a fallback font without it would print boxes, and pdftotext would not return the letters).
    @Test func kazakhLettersSurviveThePrint() async throws {
        guard let renderer = Self.renderer() else { return }
        let letters = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"
        let html = try await ArbitrationReportTests.report(.kk).html.replacingOccurrences(
            of: "<h1>", with: "<p>\(letters)</p><h1>")
        let text = try await Self.poppler("pdftotext", try await renderer.render(html: html))
        #expect(text.contains(letters.replacingOccurrences(of: " ", with: "")) || text.contains(letters), "\(text.prefix(300))")
    }

    /// Without a renderer the refusal names what to install, in each language, and HTML needs nothing.
    @Test func withoutChromiumThereIsNoRendererAndTheRefusalNamesThePackages() {
        #expect(ReportPDFRenderer.installed(environment: ["SENIMKEY_CHROMIUM": "/nonexistent/chromium"]) == nil)
        #expect(ReportPDFRenderer.installed(environment: ["PATH": "/nonexistent"]) == nil)
        for language in Language.allCases {
            let sentence = ReportPDFRenderer.RenderError.rendererMissing.sentence(in: language)
            #expect(sentence.contains("chromium") && sentence.contains("fonts-dejavu-core") && sentence.contains("HTML"))
        }
    }
}
