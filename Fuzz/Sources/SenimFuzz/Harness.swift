import Foundation

/// One fuzz target: a public entry point of the library fed arbitrary bytes, and the invariant it must keep.
struct Harness: Sendable {
    let name: String
    let summary: String
    /// Loads what the harness needs before the first input (trust stores, the fingerprints of the signatures
    /// that pass), so libFuzzer's first executions are not spent on fixtures.
    let prepare: @Sendable () -> Void
    let run: @Sendable ([UInt8]) -> Void

    init(name: String, summary: String, prepare: @escaping @Sendable () -> Void = {}, run: @escaping @Sendable ([UInt8]) -> Void) {
        self.name = name
        self.summary = summary
        self.prepare = prepare
        self.run = run
    }
}

enum HarnessRegistry {
    static let environmentVariable = "SENIM_FUZZ_HARNESS"

    /// Set once in `main` before libFuzzer starts, read by its callback on the same thread.
    nonisolated(unsafe) static var selected: Harness?

    static let all: [Harness] = [
        DERHarness.harness, CertificateHarness.harness, CRLHarness.harness, OCSPHarness.harness, CMSHarness.harness,
        TimestampHarness.harness, PKCS12Harness.harness, XMLSignatureHarness.harness, CanonicalizationHarness.harness,
        EvidencePackageHarness.harness, StoredZIPHarness.harness, CanonicalJSONHarness.harness, PDFReaderHarness.harness,
        PDFSignatureHarness.harness,
    ]

    static func harness(named name: String) -> Harness? { all.first { $0.name == name } }
}

/// An invariant failure is a fault like a crash: the process traps, libFuzzer saves the input as `crash-…`.
enum Invariant {
    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        let text = "INVARIANT FAILED [\(HarnessRegistry.selected?.name ?? "?")]: \(message())\n"
        FileHandle.standardError.write(Data(text.utf8))
        fatalError(text)
    }
}
