import Foundation
import SenimCrypto
import SenimPKI

/// What the harnesses validate against: the repository's vectors, the shipped NCA anchors plus the test PKI's root,
/// the test PKI's CRL and fixed validation times. No network source is configured, so no input can make a
/// harness fetch anything.
enum Fixtures {
    /// The repository root, found from this file (Fuzz/Sources/SenimFuzz/Fixtures.swift), whatever the working directory.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // SenimFuzz
        .deletingLastPathComponent() // Sources
        .deletingLastPathComponent() // Fuzz
        .deletingLastPathComponent()

    /// A file under testvectors/. Harness set-up, never fuzz input: a missing file is a broken checkout.
    static func vector(_ path: String) -> [UInt8] {
        let url = repository.appendingPathComponent("testvectors").appendingPathComponent(path)
        guard let data = try? Data(contentsOf: url) else { fatalError("missing test vector \(url.path)") }
        return Array(data)
    }

    static func date(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad fixture date \(text)") }
        return date
    }

    static func certificate(_ path: String) -> Certificate {
        do { return try Certificate(bytes: vector(path)) } catch { fatalError("fixture certificate \(path): \(error)") }
    }

    static func crl(_ path: String) -> CertificateRevocationList {
        do { return try CertificateRevocationList(bytes: vector(path)) } catch { fatalError("fixture CRL \(path): \(error)") }
    }

    /// certs/ (the NCA test and previous production anchors) and the test PKI's root, as the library tests use.
    static let trustStore: TrustStore = {
        let directory = repository.appendingPathComponent("certs").path
        let shipped: TrustStore
        do { shipped = try TrustStore(directory: directory) } catch { fatalError("trust store \(directory): \(error)") }
        return TrustStore(
            roots: shipped.roots + [certificate("generated/test-pki/root.cert.pem")], intermediates: shipped.intermediates)
    }()

    /// The default policy without revocation for the CA certificates: the vectors hold no CRL of the NCA roots for
    /// their intermediates. End-entity revocation is still checked against the CRLs given.
    static let policy: ValidationPolicy = {
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequiredForCACertificates = false
        return policy
    }()

    static let revocationLists: [CertificateRevocationList] = [
        crl("generated/test-pki/root.crl"), crl("kz/crl/nca_rsa_test.crl"), crl("kz/crl/nca_gost2022_test.crl"),
        crl("kz/crl/nca_gost2022_test.2026-08-11.crl"), crl("kz/crl/nca_gost_test.crl"),
    ]

    static let context = ValidationContext(
        trustStore: trustStore, policy: policy, revocationSources: [OfflineRevocationSource(revocationLists: revocationLists)])

    /// The NCA CMS and XML vectors' signing day (MANIFEST §7).
    static let ncaSigningDay = date("2022-10-01T00:00:00Z")
    /// testvectors/pdf: make_vectors.py's VALIDATION_TIME.
    static let pdfValidationTime = date("2030-01-01T00:00:00Z")
    /// testvectors/evidence/sample.asice: after its signatures, before its CRL's next update.
    static let evidenceValidationTime = date("2026-08-29T00:00:00Z")
}

/// What a passing signature signed, reduced to a string: the digests of its signed data scope (the content, the
/// referenced XML, the ByteRange), plus for CMS the digest of the signed attributes. The harnesses record the
/// fingerprints of the signatures that pass on the seed vectors; a mutated input that passes with any other
/// fingerprint passed over bytes nobody signed.
enum SignedFingerprint {
    static func of(_ report: SignatureReport, signedAttributes: [UInt8]? = nil) -> String {
        var parts = report.signedDataScope.flatMap { scope in scope.digests.map { "\($0.key)=\($0.value)" } }.sorted()
        if let signedAttributes { parts.append("attributes=" + Hex.encode(DigestAlgorithm.sha256.hash(signedAttributes))) }
        return parts.joined(separator: ";")
    }
}

/// The set of fingerprints passing on the seeds, filled by a harness's `prepare` before libFuzzer starts.
final class FingerprintSet: @unchecked Sendable {
    private let lock = NSLock()
    private var values: Set<String> = []

    func insert(_ value: String) {
        lock.lock()
        defer { lock.unlock() }
        values.insert(value)
    }

    func contains(_ value: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return values.contains(value)
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return values.count
    }
}

extension Fixtures {
    /// Fuzz/seeds/<harness>/: the named seed inputs (copied or extracted from testvectors/ by seeds/make.sh) the
    /// corpus was minimised from. Only these teach a harness which signatures pass; the corpus libFuzzer grows
    /// never does, so a forged input it found cannot whitelist itself.
    static func seeds(_ harness: String) -> [[UInt8]] { files(in: repository.appendingPathComponent("Fuzz/seeds/\(harness)")) }

    /// Every file of a folder, in name order.
    static func files(in directory: URL) -> [[UInt8]] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.sorted().compactMap { FileManager.default.contents(atPath: directory.appendingPathComponent($0).path).map(Array.init) }
    }
}
