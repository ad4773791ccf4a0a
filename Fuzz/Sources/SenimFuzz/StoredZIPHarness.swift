import SenimEvidence

/// `StoredZIPReader(bytes:)`: the end-of-central-directory search, the central directory, local headers, CRCs,
/// and the framing check the verifier runs (`canonicalFramingProblem`).
///
/// Invariants: every entry's contents lie inside the archive and read back with the entry's length, whether read
/// whole or streamed; lookup by name finds an entry of that name.
enum StoredZIPHarness {
    static let harness = Harness(name: "zip", summary: "stored-ZIP reader: directory, entries, CRCs, framing") { bytes in
        guard let archive = try? StoredZIPReader(bytes: bytes) else { return }
        _ = try? archive.canonicalFramingProblem()
        for entry in archive.entries {
            Invariant.check(
                entry.range.lowerBound >= 0 && entry.range.upperBound <= bytes.count, "entry \(entry.name) lies outside the archive")
            guard let contents = try? archive.contents(of: entry) else { continue }
            Invariant.check(contents.count == entry.range.count, "entry \(entry.name) read back with another length")
            var streamed = 0
            do {
                try archive.stream(entry) { streamed += $0.count }
                Invariant.check(streamed == contents.count, "entry \(entry.name) streams \(streamed) bytes, reads \(contents.count)")
            } catch {
                Invariant.check(false, "entry \(entry.name) reads whole but does not stream: \(error)")
            }
            Invariant.check(archive.entry(entry.name)?.name == entry.name, "lookup by name misses \(entry.name)")
        }
    }
}
