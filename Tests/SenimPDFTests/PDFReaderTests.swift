import Foundation
import SenimPDF
import SenimTestSupport
import Testing

/// The bounded reader: revision chains of every kind the vectors have, and malformed structure as typed errors.
@Suite("PDF reader")
struct PDFReaderTests {
    static func open(_ bytes: [UInt8], limits: PDFLimits = PDFLimits()) -> Result<PDFDocument, PDFError> {
        do { return .success(try PDFDocument(source: PDFMemorySource(bytes), limits: limits)) } catch { return .failure(error) }
    }

    static func error(_ bytes: [UInt8], limits: PDFLimits = PDFLimits()) -> PDFError? {
        if case .failure(let error) = open(bytes, limits: limits) { return error }
        return nil
    }

    /// A one-object PDF with a classic table whose trailer is `trailer` and whose object 1 is `body`.
    static func pdf(body: String = "<< /Type /Catalog >>", trailer: (Int) -> String = { _ in "<< /Size 2 /Root 1 0 R >>" }) -> [UInt8] {
        var out = "%PDF-1.7\n"
        let offset = out.utf8.count
        out += "1 0 obj\n\(body)\nendobj\n"
        let xref = out.utf8.count
        out += "xref\n0 2\n0000000000 65535 f \n" + String(format: "%010d 00000 n \n", offset)
        out += "trailer\n\(trailer(xref))\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }

    @Test func revisionChainsEndWhereTheirCrossReferencesSay() throws {
        let base = try PDFDocument(source: PDFMemorySource(try PDFFixtures.vector("base.pdf")))
        #expect(base.revisions.count == 1)
        #expect(base.revisions[0].kind == .table)
        #expect(base.revisions[0].endOffset == base.count - 1) // %%EOF then one LF
        #expect(base.revisions[0].endOfLineLength == 1)
        let two = try PDFDocument(source: PDFMemorySource(try PDFFixtures.vector("two-signatures.pdf")))
        #expect(two.revisions.count == 3)
        #expect(two.revisions.map(\.index) == [0, 1, 2])
        #expect(zip(two.revisions, two.revisions.dropFirst()).allSatisfy { $0.endOffset < $1.crossReferenceOffset })
        let streams = try PDFDocument(source: PDFMemorySource(try PDFFixtures.vector("base-xrefstream.pdf")))
        #expect(streams.revisions.map(\.kind) == [.stream])
        // The catalog of the xref-stream file sits in an object stream.
        let root = try #require(streams.revisions[0].trailer["Root"]?.reference)
        if case .compressed = try #require(streams.entry(root.number, at: 0)?.entry) {} else { Issue.record("catalog not compressed") }
        #expect(try streams.dictionary(.reference(root))?.type == "Catalog")
    }

    @Test func hybridFileMergesTableAndStream() throws {
        let document = try PDFDocument(source: PDFMemorySource(try PDFFixtures.vector("base-hybrid.pdf")))
        #expect(document.revisions.map(\.kind) == [.hybrid])
        // Objects 4, 7 and 8 from the table; 1, 2, 3, 5, 6 from the stream the table's /XRefStm names.
        #expect(document.revisions[0].entries.count == 9)
        if case .inUse = try #require(document.entry(4, at: 0)?.entry) {} else { Issue.record("object 4 not in the table") }
        if case .compressed(let stream, _) = try #require(document.entry(3, at: 0)?.entry) {
            #expect(stream == 7)
        } else {
            Issue.record("object 3")
        }
        #expect(try document.dictionary(.reference(PDFReference(3)))?.type == "Page")
    }

    @Test func fileOnDiskReadsTheSame() throws {
        let path = TestVectors.url("pdf/two-signatures.pdf").path
        let document = try PDFDocument(source: try PDFFileSource(path: path))
        #expect(document.revisions.count == 3)
        #expect(throws: PDFError.unreadable("cannot open /nonexistent.pdf")) { try PDFFileSource(path: "/nonexistent.pdf") }
    }

    @Test func notAPDFIsRefused() {
        #expect(Self.error(Array("%!PS-Adobe".utf8)) == .notPDF)
        #expect(Self.error([]) == .notPDF)
    }

    @Test func missingStartXRefIsRefused() {
        #expect(Self.error(Array("%PDF-1.7\n1 0 obj\nnull\nendobj\n".utf8)) == .missingStartXRef)
    }

    @Test func prevLoopIsDetected() {
        let bytes = Self.pdf { xref in "<< /Size 2 /Root 1 0 R /Prev \(xref) >>" }
        guard case .crossReferenceLoop = Self.error(bytes) else {
            Issue.record("\(String(describing: Self.error(bytes)))")
            return
        }
    }

    @Test func encryptedIsRefused() {
        let bytes = Self.pdf { _ in "<< /Size 2 /Root 1 0 R /Encrypt << /Filter /Standard /V 2 >> >>" }
        #expect(Self.error(bytes) == .encrypted)
        #expect(PDFError.encrypted.code == "ENCRYPTED_PDF")
    }

    @Test func deepNestingIsALimit() throws {
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let bytes = Self.pdf(body: "<< /Type /Catalog /X \(deep) >>")
        let document = try PDFDocument(source: PDFMemorySource(bytes))
        #expect(throws: PDFError.limitExceeded("objects nested deeper than 64")) { try document.object(PDFReference(1)) }
    }

    @Test func hugeObjectIsALimit() throws {
        var limits = PDFLimits()
        limits.maximumObjectBytes = 64 << 10
        let bytes = Self.pdf(body: "<< /Type /Catalog /X (\(String(repeating: "a", count: 200_000))) >>")
        let document = try PDFDocument(source: PDFMemorySource(bytes), limits: limits)
        #expect(throws: PDFError.limitExceeded("an object larger than 65536 bytes")) { try document.object(PDFReference(1)) }
    }

    @Test func brokenCrossReferenceTableIsATypedError() {
        var bytes = Self.pdf()
        guard let at = PDFFixtures.offset(of: "0000000000 65535 f", in: bytes) else {
            Issue.record("no free entry")
            return
        }
        bytes[at + 11] = UInt8(ascii: "x")
        guard case .brokenCrossReference = Self.error(bytes) else {
            Issue.record("\(String(describing: Self.error(bytes)))")
            return
        }
    }

    @Test func wrongObjectAtAnOffsetIsRefused() throws {
        let bytes = Array(String(decoding: Self.pdf(), as: UTF8.self).replacingOccurrences(of: "1 0 obj", with: "7 0 obj").utf8)
        let document = try PDFDocument(source: PDFMemorySource(bytes))
        #expect(throws: PDFError.malformedObject(1, "the cross-reference points at object 7")) { try document.object(PDFReference(1)) }
    }

    @Test func parsesEveryObjectKind() throws {
        let body = "<< /Type /Catalog /I -12 /R 3.5 /S (a\\(b\\)\\n\\101) /H <41 42 4> /N /A#20B /B true /Z null /A [1 2 0 R] >>"
        let document = try PDFDocument(source: PDFMemorySource(Self.pdf(body: body)))
        let dictionary = try #require(try document.dictionary(.reference(PDFReference(1))))
        #expect(dictionary["I"] == .integer(-12))
        #expect(dictionary["R"] == .real(3.5))
        #expect(dictionary["S"] == .string(Array("a(b)\nA".utf8)))
        #expect(dictionary["H"] == .string([0x41, 0x42, 0x40]))
        #expect(dictionary["N"] == .name("A B"))
        #expect(dictionary["B"] == .boolean(true))
        #expect(dictionary["Z"] == PDFObject.null)
        #expect(dictionary["A"] == .array([.integer(1), .reference(PDFReference(2, 0))]))
    }
}
