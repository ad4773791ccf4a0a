import Foundation
import SenimTestSupport
import Testing

@testable import SenimPDF

/// 10,000 malformed PDFs through the reader (open, signature fields, DSS, every revision's changes): each one
/// is a value — a document or a typed ``PDFError`` — never a crash, and no refusal sentence leaks internals.
@Suite("PDF mutation corpus")
struct PDFMutationTests {
    static let seeds = [
        "rsa-pades.pdf", "two-signatures.pdf", "ecdsa-pades-xrefstream.pdf", "pades-lt-dss.pdf", "certified-p2.pdf",
        "attack-page-added.pdf", "base-xrefstream.pdf", "pades-t-doc-timestamp.pdf",
    ]

    /// PDF-aware mutations besides the generic byte ones: numbers (offsets, lengths, /Prev) replaced, keywords
    /// deleted, a revision truncated.
    static func mutate(_ input: [UInt8], with mutator: inout Mutator) -> [UInt8] {
        var bytes = input
        switch mutator.below(4) {
        case 0:
            return mutator.mutate(input)
        case 1:
            // Replace a run of digits with another number (an offset, a /Length, a /Prev, an object number).
            guard !bytes.isEmpty else { return bytes }
            var at = mutator.below(bytes.count)
            while at < bytes.count, !(0x30...0x39).contains(bytes[at]) { at += 1 }
            var end = at
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
            let values = ["0", "1", "99999999999", "\(bytes.count)", "\(mutator.below(bytes.count))", "-5", "4294967296"]
            bytes.replaceSubrange(at..<end, with: Array(values[mutator.below(values.count)].utf8))
        case 2:
            let keywords = [
                "endobj", "stream", "endstream", "xref", "trailer", "startxref", "%%EOF", ">>", "<<", "obj", "/Prev", "/W", "/Filter",
            ]
            let keyword = Array(keywords[mutator.below(keywords.count)].utf8)
            var matches: [Int] = []
            var index = 0
            while index + keyword.count <= bytes.count {
                if bytes[index] == keyword[0] && Array(bytes[index..<(index + keyword.count)]) == keyword { matches.append(index) }
                index += 1
            }
            if !matches.isEmpty {
                let at = matches[mutator.below(matches.count)]
                bytes.replaceSubrange(at..<(at + keyword.count), with: mutator.below(2) == 0 ? [] : Array("[[[[[[<<".utf8))
            }
        default:
            bytes = Array(bytes.prefix(max(5, bytes.count - mutator.below(400))))
        }
        return bytes
    }

    @Test func tenThousandMalformedPDFsAreReadOrRefusedByName() async throws {
        let seeds = try Self.seeds.map { try PDFFixtures.vector($0) }
        var mutator = Mutator(seed: 0x5045_4E49_4D50_4446)
        var opened = 0
        var completed = 0
        var refused: [String: Int] = [:]
        var leaked: [String] = []
        for round in 0..<10_000 {
            let input = Self.mutate(seeds[round % seeds.count], with: &mutator)
            do {
                let document = try PDFDocument(source: PDFMemorySource(input))
                opened += 1
                // The full reader path the validator takes, CMS aside (the corpus is about structure).
                _ = try SignatureFieldScanner(document: document).signatures()
                _ = try DocumentSecurityStore.read(document)
                for index in document.revisions.indices { _ = try ModificationAnalyzer(document: document).changes(in: index) }
                completed += 1
            } catch {
                refused[error.code, default: 0] += 1
                let text = error.description
                if text.contains("Swift") || text.contains("nil") || text.contains("Error.") || text.contains(".swift") {
                    leaked.append(text)
                }
            }
        }
        print("PDF mutation corpus: \(opened) opened, \(completed) read through, refused \(refused.sorted { $0.key < $1.key })")
        // The mutations are deterministic (fixed seed), so the counts are exact.
        #expect(completed + refused.values.reduce(0, +) == 10_000)
        #expect(opened == 1_098)
        #expect(completed == 748)
        #expect(
            refused == [
                "BROKEN_XREF": 5_498, "LIMIT_EXCEEDED": 3, "MALFORMED_OBJECT": 310, "MISSING_OBJECT": 9, "NOT_PDF": 689,
                "NO_STARTXREF": 2_659, "UNDECODABLE_STREAM": 84,
            ])
        #expect(leaked.isEmpty, "\(leaked.prefix(3))")
    }

    /// A slice of the corpus through the whole validator (CMS included): a report every time, never a trap.
    @Test func thousandMalformedPDFsThroughTheValidatorGiveAReport() async throws {
        let seeds = try Self.seeds.map { try PDFFixtures.vector($0) }
        var mutator = Mutator(seed: 23)
        let validator = try PDFFixtures.validator()
        var indications: [String: Int] = [:]
        var leaked: [String] = []
        for round in 0..<1_000 {
            let input = Self.mutate(seeds[round % seeds.count], with: &mutator)
            let result = await validator.validate(bytes: input, at: PDFFixtures.validationTime)
            indications[result.indication.rawValue, default: 0] += 1
            for message in result.report.messages + result.report.signatures.flatMap(\.messages)
            where message.contains("Swift") || message.contains("Error.") || message.contains(".swift") {
                leaked.append(message)
            }
        }
        print("PDF mutations through the validator: \(indications.sorted { $0.key < $1.key })")
        #expect(leaked.isEmpty, "\(leaked.count): \(leaked.first ?? "")")
        #expect(indications.values.reduce(0, +) == 1_000)
        #expect(indications == ["INDETERMINATE": 3, "TOTAL_FAILED": 993, "TOTAL_PASSED": 4])
    }
}
