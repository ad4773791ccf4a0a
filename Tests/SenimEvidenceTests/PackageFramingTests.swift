import Foundation
import SenimTestSupport
import Testing

@testable import SenimEvidence

/// The evidence package's ZIP framing as other tools read it: Info-ZIP's `unzip`, 7-Zip (`7z`, Debian's p7zip-full)
/// and Python's zipfile list `document/Договор.pdf` by its UTF-8 name; packages issued before the Unix framing
/// (`sample-msdos-framing.asice`, the sample as it was committed then) still verify; any other framing does not.
@Suite("Evidence package framing")
struct PackageFramingTests {
    static let names = ["document/Договор.pdf", "signatures/1-ТЕСТОВ ТЕСТ.p7s", "signatures/3-Тестов Тест.ses.json"]

    @Test func unzipListsTheNamesInUTF8() async throws {
        let listing = try await ExternalTool.outcome("/usr/bin/unzip", ["-l", TestVectors.url("evidence/sample.asice").path])
        #expect(listing.status == 0, "\(listing.output)")
        for name in Self.names { #expect(listing.standardOutput.contains(name), "\(listing.standardOutput)") }
        // The old framing is what Info-ZIP misread: its names come out converted from an OEM code page.
        let old = try await ExternalTool.outcome("/usr/bin/unzip", ["-l", TestVectors.url("evidence/sample-msdos-framing.asice").path])
        #expect(!old.standardOutput.contains("document/Договор.pdf"))
    }

    @Test func sevenZipListsTheNamesInUTF8() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/7z") else {
            Issue.record("7z is not installed (.ci/run installs p7zip-full)")
            return
        }
        let listing = try await ExternalTool.outcome("/usr/bin/7z", ["l", TestVectors.url("evidence/sample.asice").path])
        #expect(listing.status == 0, "\(listing.output)")
        for name in Self.names { #expect(listing.standardOutput.contains(name), "\(listing.standardOutput)") }
    }

    @Test func pythonZipfileReadsTheNamesAndTheUnixMode() async throws {
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                for i in z.infolist():
                    print(i.create_system, oct(i.external_attr >> 16), i.filename)
                print(z.testzip())
            """
        let outcome = try await ExternalTool.outcome("/usr/bin/python3", ["-c", script, TestVectors.url("evidence/sample.asice").path])
        #expect(outcome.status == 0, "\(outcome.output)")
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.last == "None") // testzip: every CRC correct
        for name in Self.names { #expect(lines.contains("3 0o100644 \(name)"), "\(lines)") }
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("3 0o100644 ") })
    }

    /// Every package already issued verifies: the MS-DOS framing is canonical too.
    @Test func aPackageInTheOldFramingStillVerifies() async throws {
        let old = try TestVectors.bytes("evidence/sample-msdos-framing.asice")
        #expect(try StoredZIPReader(bytes: old).canonicalFramingProblem() == nil)
        let verified = try await EvidencePackageTests.verify(old)
        #expect(verified.overall == .totalPassed, "\(verified.steps.map(\.detail))")
        // Both samples hold the same entries, byte for byte; only the central directory's framing differs.
        let new = try StoredZIPReader(bytes: try TestVectors.bytes("evidence/sample.asice"))
        let previous = try StoredZIPReader(bytes: old)
        #expect(new.entries.map(\.name) == previous.entries.map(\.name))
    }

    /// The attack: a package rewritten with another "made by" host (here NTFS) or mixed framings is not one the platform
    /// wrote, and fails the container step however intact its entries are.
    @Test func anyOtherFramingIsRefused() async throws {
        let bytes = try TestVectors.bytes("evidence/sample.asice")
        func centralRecords(_ bytes: [UInt8]) -> [Int] {
            (0..<(bytes.count - 4)).filter { bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 0x01 && bytes[$0 + 3] == 0x02 }
        }
        let records = centralRecords(bytes)
        #expect(records.count == 16)
        var ntfs = bytes
        for record in records { ntfs[record + 5] = 0x0A }
        #expect(try StoredZIPReader(bytes: ntfs).canonicalFramingProblem() == .centralDirectory)
        // One record in the MS-DOS framing among Unix ones.
        var mixed = bytes
        let first = records[0]
        mixed[first + 4] = 20
        mixed[first + 5] = 0
        for offset in 38..<42 { mixed[first + offset] = 0 }
        #expect(try StoredZIPReader(bytes: mixed).canonicalFramingProblem() == .centralDirectory)
        let verified = try await EvidencePackageTests.verify(mixed)
        #expect(verified.steps.first?.indication == .totalFailed)
        #expect(verified.steps.first?.finding == .framingNotCanonical(problem: .centralDirectory))
    }
}
