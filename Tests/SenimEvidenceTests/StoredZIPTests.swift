import Foundation
import SenimTestSupport
import Testing

@testable import SenimEvidence

@Suite("Stored ZIP (ASiC-E container)")
struct StoredZIPTests {
    @Test func storedZIPReadsBackAndPythonsZipfileAgrees() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let large = directory.appendingPathComponent("large.bin")
        let largeBytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }
        try Data(largeBytes).write(to: large)
        let path = directory.appendingPathComponent("bundle.asice").path
        let writer = try StoredZIPWriter(path: path)
        try writer.add("mimetype", bytes: Array("application/vnd.etsi.asic-e+zip".utf8))
        try writer.add("document/Шарт.pdf", contentsOfFile: large.path)
        try writer.add("META-INF/manifest.json", bytes: Array("{}".utf8))
        try writer.finish()

        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        // ASiC: mimetype is the first entry, stored, its content right after the 38-byte local header.
        #expect(String(decoding: bytes[38..<(38 + 31)], as: UTF8.self) == "application/vnd.etsi.asic-e+zip")
        let reader = try StoredZIPReader(bytes: bytes)
        #expect(reader.entries.map(\.name) == ["mimetype", "document/Шарт.pdf", "META-INF/manifest.json"])
        #expect(try reader.data("document/Шарт.pdf") == largeBytes)
        #expect(try reader.canonicalFramingProblem() == nil)
        // The same archive read from its file by offset: the same entries, and the document streamed in chunks.
        let fromFile = try StoredZIPReader(source: .file(path: path))
        #expect(fromFile.entries == reader.entries)
        var streamed: [UInt8] = []
        var chunks = 0
        try fromFile.stream(try #require(fromFile.entry("document/Шарт.pdf"))) {
            streamed += $0
            chunks += 1
        }
        #expect(streamed == largeBytes && chunks == 3)
        #expect(try fromFile.canonicalFramingProblem() == nil)

        let python = try await ExternalTool.outcome(
            "/usr/bin/python3",
            ["-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(len(z.read('document/Шарт.pdf')))", path])
        #expect(python.status == 0, "\(python.output)")
        #expect(python.standardOutput == "None\n3145728\n")

        var tampered = bytes
        tampered[2_000_000] ^= 0x01
        let tamperedReader = try StoredZIPReader(bytes: tampered)
        #expect(throws: StoredZIPError.checksumMismatch("document/Шарт.pdf")) { try tamperedReader.data("document/Шарт.pdf") }
        #expect(throws: StoredZIPError.checksumMismatch("document/Шарт.pdf")) {
            try tamperedReader.stream(tamperedReader.entries[1]) { _ in }
        }
        // A header byte outside any entry (the local header's time field) is not canonical framing.
        var retimed = bytes
        retimed[10] ^= 0x01
        #expect(try StoredZIPReader(bytes: retimed).canonicalFramingProblem() == .localHeader(entry: "mimetype"))
        #expect(try StoredZIPReader(bytes: bytes + [0]).canonicalFramingProblem() != nil)
        #expect(throws: StoredZIPError.self) { try StoredZIPReader(bytes: Array(bytes.prefix(bytes.count - 10))) }
        #expect(throws: StoredZIPError.self) { try StoredZIPReader(bytes: [0x50, 0x4B]) }
        for name in ["../evil", "/etc/passwd", "a\\b", "a//b", "./x"] {
            #expect(throws: StoredZIPError.badEntryName(name)) { try StoredZIP.validate(name: name) }
        }
    }
}
