import Foundation
import Testing

/// `senimkey verify FILE.pdf` (issue 23): detection by `%PDF-`, the revision listing, JSON with coverage and
/// modificationLevel, exit codes for unsigned and encrypted files.
@Suite("senimkey verify (PDF)")
struct VerifyPDFCommandTests {
    static let base = [
        "--trust", "testvectors/generated/test-pki/root.cert.pem", "--crl", "testvectors/generated/test-pki/root.crl",
        "--at", "2030-01-01T00:00:00Z",
    ]

    static func checkLanguage(_ text: String) {
        for leak in ["Swift", "PDFError", "Error.", ".swift", "nil", "Optional("] { #expect(!text.contains(leak), "\(leak) in \(text)") }
    }

    @Test func textListsRevisionsCoverageAndChanges() async throws {
        let result = try await CLIProcess.run(["verify", "testvectors/pdf/two-signatures.pdf"] + Self.base)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("PDF: TOTAL_PASSED — 2 signatures"))
        #expect(result.standardOutput.contains("Revisions (3):"))
        #expect(result.standardOutput.contains("2. bytes 0–"))
        #expect(result.standardOutput.contains("signed by S-1"))
        #expect(result.standardOutput.contains("covers        revision 2 — coverage ENTIRE_REVISION"))
        #expect(result.standardOutput.contains("covers        revision 3 — coverage ENTIRE_FILE"))
        #expect(result.standardOutput.contains("SIGNATURE_ADDED"))
        Self.checkLanguage(result.standardOutput)
    }

    @Test func jsonHasCoverageAndModificationLevel() async throws {
        let result = try await CLIProcess.run(["verify", "--format", "json", "testvectors/pdf/attack-content-replaced.pdf"] + Self.base)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        #expect(signatures.count == 1)
        #expect(signatures[0]["coverage"] as? String == "ENTIRE_REVISION")
        #expect(signatures[0]["modificationLevel"] as? String == "OTHER")
        #expect(signatures[0]["problems"] as? [String] == ["DISALLOWED_MODIFICATION"])
        let report = try #require(object["report"] as? [String: Any])
        #expect(report["indication"] as? String == "TOTAL_FAILED")
        #expect(report["container"] as? String == "PDF")
        #expect((object["revisions"] as? [Any])?.count == 3)
        Self.checkLanguage(result.standardOutput)
    }

    @Test func unsignedPDFExitsOneWithASentence() async throws {
        let result = try await CLIProcess.run(["verify", "testvectors/pdf/base.pdf"] + Self.base)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("the PDF has no signature"))
        #expect(result.standardError.contains("is a PDF without any signature"))
    }

    @Test func encryptedPDFIsRefusedByName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "%PDF-1.7\n"
        let offset = text.utf8.count
        text += "1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        let xref = text.utf8.count
        text += "xref\n0 2\n0000000000 65535 f \n" + String(format: "%010d 00000 n \n", offset)
        text += "trailer\n<< /Size 2 /Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 >> >>\nstartxref\n\(xref)\n%%EOF\n"
        let file = directory.appendingPathComponent("encrypted.pdf")
        try Data(text.utf8).write(to: file)
        let result = try await CLIProcess.run(["verify", file.path] + Self.base)
        #expect(result.status == 65)
        #expect(result.standardError.contains("is refused: ENCRYPTED_PDF: the PDF is encrypted"))
        Self.checkLanguage(result.standardError)
    }
}
