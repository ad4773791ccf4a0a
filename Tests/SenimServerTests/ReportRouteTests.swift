import Foundation
import SenimCrypto
import SenimStoreTestSupport
import SenimTestSupport
import Testing

@testable import SenimEvidence
@testable import SenimServer

/// `GET /api/v1/documents/{id}/report?format=pdf` and the report inside every evidence package: with a renderer the
/// answer is an A4 PDF and the package carries `report/report.<lang>.pdf` (and `.html`), listed in the manifest and so
/// covered by the seal; without one the PDF is refused with a sentence that names what to install, and the HTML stays.
@Suite struct ReportRouteTests {
    @Test func withoutARendererThePDFIsRefusedInTheUsersLanguageAndTheHTMLStays() async throws {
        try await AttackScene.with(.sqlite) { scene in
            let id = try await VerifyPageTests.signedDocument(scene)
            let refused = try await scene.server.request(
                .GET, "/api/v1/documents/\(id)/report?lang=kk&format=pdf", token: scene.managerToken)
            #expect(refused.status == 503)
            #expect(try refused.json()["message"] as? String == ReportPDFRenderer.RenderError.rendererMissing.sentence(in: .kk))
            #expect(try refused.json()["code"] as? String == "report_renderer_missing")
            let html = try await scene.server.request(.GET, "/api/v1/documents/\(id)/report?lang=kk", token: scene.managerToken)
            #expect(html.status == 200 && html.text.contains("<html lang=\"kk\">"))
            // The report names the package it was rendered from and links to this platform's /verify.
            #expect(html.text.contains("http://127.0.0.1/verify?sha256="))
            // A stranger learns nothing, not even that the renderer is missing.
            let stranger = try await scene.server.login(EndToEndTests.client2)
            let denied = try await scene.server.request(.GET, "/api/v1/documents/\(id)/report?format=pdf", token: stranger)
            #expect(denied.status == 403 || denied.status == 404, "\(denied.status)")
        }
    }

    @Test func withChromiumTheReportIsAPDFAndThePackageCarriesItUnderItsSeal() async throws {
        guard let renderer = ReportPDFRenderer.installed() else {
            Issue.record("chromium and fonts-dejavu-core are not installed (.ci/run installs them)")
            return
        }
        let printing: (inout ServerConfiguration) -> Void = { $0.reportRenderer = renderer }
        try await AttackScene.with(.sqlite, adjust: printing) { scene in
            let id = try await VerifyPageTests.signedDocument(scene)
            let pdf = try await scene.server.request(.GET, "/api/v1/documents/\(id)/report?lang=ru&format=pdf", token: scene.managerToken)
            #expect(pdf.status == 200, "\(pdf.text.prefix(300))")
            #expect(pdf.headers.first(name: "Content-Type") == "application/pdf")
            #expect(pdf.body.starts(with: Array("%PDF-".utf8)))

            let evidence = try await scene.server.request(.GET, "/api/v1/documents/\(id)/evidence", token: scene.managerToken)
            let zip = try StoredZIPReader(bytes: evidence.body)
            let names = zip.entries.map(\.name)
            #expect(names.contains("report/report.ru.pdf") && names.contains("report/report.ru.html"), "\(names)")
            let manifest = try #require(try zip.data("META-INF/manifest.json"))
            let files = try #require(
                (try JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any])?["files"] as? [String: String])
            let inside = try #require(try zip.data("report/report.ru.pdf"))
            #expect(files["report/report.ru.pdf"] == Hex.encode(DigestAlgorithm.sha256.hash(inside)))
            #expect(inside.starts(with: Array("%PDF-".utf8)))
            // The copy inside names the document's digest, not the package's (a file cannot carry its container's).
            let html = String(decoding: try #require(try zip.data("report/report.ru.html")), as: UTF8.self)
            #expect(html.contains(ReportStrings.russian[.insidePackageNotice].map(ArbitrationReport.escape) ?? "-"))
            // And the package, report included, holds: its framing and manifest pass, and its seal's signature over the
            // manifest verifies (the platform's trust store holds no root of the tests' sealing key, so the seal's
            // chain stays open here: INDETERMINATE, never TOTAL_FAILED).
            let verified = await EvidencePackageVerifier(context: scene.server.platform.configuration.validation).verify(
                packageBytes: evidence.body)
            #expect(verified.steps.prefix(2).allSatisfy { $0.indication == .totalPassed }, "\(verified.steps.map(\.detail))")
            #expect(verified.steps[2].check == .seal && verified.steps[2].indication != .totalFailed)
        }
    }
}
