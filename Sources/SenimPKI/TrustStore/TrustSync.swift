import AsyncHTTPClient
import Foundation
import NIOCore
import SenimCrypto

/// Downloads NCA RK trust anchors and intermediates, checks them, and writes them into a trust-store folder.
///
/// Checks: every file is a certificate; a root is self-signed and its signature verifies; an intermediate's
/// signature verifies under one of the roots (downloaded or already in the folder). A file that already exists
/// with different bytes is a *change*: refused unless the caller accepts changes, because a silently replaced
/// root is exactly what a trust store must never absorb. Files are written atomically, with `SHA256SUMS`.
public struct TrustSync: Sendable {
    public struct Source: Sendable, Hashable {
        public enum Role: String, Sendable { case root, intermediate }
        public let fileName: String
        public let url: String
        public let role: Role
        public init(fileName: String, url: String, role: Role) {
            self.fileName = fileName
            self.url = url
            self.role = role
        }
    }

    /// The current production chains published by NCA RK (docs/kazakh-eds.md §3.1).
    public static let ncaProduction: [Source] = [
        Source(fileName: "root_gost_2022.cer", url: "https://pki.gov.kz/cert/root_gost_2022.cer", role: .root),
        Source(fileName: "nca_gost_2022.cer", url: "http://pki.gov.kz/cert/nca_gost_2022.cer", role: .intermediate),
        Source(fileName: "root_rsa_2020.cer", url: "https://root.gov.kz/cert/root_rsa_2020.cer", role: .root),
        Source(fileName: "root_gost_2020.cer", url: "https://root.gov.kz/cert/root_gost_2020.cer", role: .root),
        Source(fileName: "nca_rsa_2022.cer", url: "https://pki.gov.kz/cert/nca_rsa_2022.cer", role: .intermediate),
    ]

    public enum Outcome: Sendable, Hashable {
        case new(sha256: String)
        case unchanged(sha256: String)
        case changed(from: String, to: String, written: Bool)
        case failed(String)
    }

    struct SyncFailure: Error { let message: String }

    public let sources: [Source]
    public let mirrors: MirrorTable
    public let timeout: TimeAmount

    public init(sources: [Source] = TrustSync.ncaProduction, mirrors: MirrorTable = MirrorTable(), timeout: TimeAmount = .seconds(20)) {
        self.sources = sources
        self.mirrors = mirrors
        self.timeout = timeout
    }

    /// Fetches, checks and writes; returns one outcome per source (in order).
    public func run(into directory: String, acceptChanges: Bool, client: HTTPClient = .shared) async -> [(Source, Outcome)] {
        var downloaded: [(Source, Result<Certificate, SyncFailure>)] = []
        for source in sources {
            downloaded.append((source, await fetch(source, client: client)))
        }
        let existingRoots = ((try? TrustStore(directory: directory)) ?? TrustStore(roots: [])).roots
        let fetchedRoots = downloaded.compactMap { source, result in source.role == .root ? try? result.get() : nil }
        var outcomes: [(Source, Outcome)] = []
        for (source, result) in downloaded {
            switch result {
            case .failure(let failure):
                outcomes.append((source, .failed(failure.message)))
            case .success(let certificate):
                if let problem = Self.problem(with: certificate, role: source.role, roots: fetchedRoots + existingRoots) {
                    outcomes.append((source, .failed("\(source.url): \(problem)")))
                } else {
                    outcomes.append((source, write(certificate, as: source.fileName, into: directory, acceptChanges: acceptChanges)))
                }
            }
        }
        writeChecksums(directory)
        return outcomes
    }

    static func problem(with certificate: Certificate, role: Source.Role, roots: [Certificate]) -> String? {
        switch role {
        case .root:
            guard certificate.isSelfIssued, let key = try? certificate.publicKey,
                (try? certificate.isSignatureValid(issuerKey: key)) == true
            else {
                return "a root must be self-signed with a valid signature"
            }
        case .intermediate:
            let signed = roots.contains { root in
                certificate.issuer.matches(root.subject)
                    && (try? root.publicKey).flatMap { try? certificate.isSignatureValid(issuerKey: $0) } == true
            }
            if !signed { return "no root among the downloaded and stored ones signed this intermediate" }
        }
        return nil
    }

    private func fetch(_ source: Source, client: HTTPClient) async -> Result<Certificate, SyncFailure> {
        let url = mirrors.rewrite(source.url)
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
            guard response.status == .ok else { return .failure(SyncFailure(message: "\(source.url): HTTP \(response.status.code)")) }
            let body = try await response.body.collect(upTo: 1 << 20)
            return .success(try Certificate(bytes: Array(buffer: body)))
        } catch {
            return .failure(SyncFailure(message: "\(source.url): \(DecodingErrorText.sentence(error))"))
        }
    }

    private func write(_ certificate: Certificate, as name: String, into directory: String, acceptChanges: Bool) -> Outcome {
        let path = (directory as NSString).appendingPathComponent(name)
        let sha256 = Hex.encode(certificate.sha256Fingerprint)
        if let existing = FileManager.default.contents(atPath: path) {
            let old = Hex.encode(DigestAlgorithm.sha256.hash(existing))
            if old == sha256 { return .unchanged(sha256: sha256) }
            guard acceptChanges else { return .changed(from: old, to: sha256, written: false) }
            return atomicWrite(certificate.derEncoded, to: path)
                ? .changed(from: old, to: sha256, written: true) : .failed("cannot write \(path)")
        }
        return atomicWrite(certificate.derEncoded, to: path) ? .new(sha256: sha256) : .failed("cannot write \(path)")
    }

    /// Temporary file + rename, so a reader never sees half a certificate.
    private func atomicWrite(_ bytes: [UInt8], to path: String) -> Bool {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return (try? Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)) != nil
    }

    /// `SHA256SUMS` in `sha256sum` format for every certificate file in the folder.
    private func writeChecksums(_ directory: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasSuffix(".cer") || $0.hasSuffix(".crt")
        }.sorted()
        let lines = names.compactMap { name -> String? in
            guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)) else { return nil }
            return "\(Hex.encode(DigestAlgorithm.sha256.hash(data)))  \(name)"
        }
        _ = atomicWrite(
            Array((lines.joined(separator: "\n") + "\n").utf8), to: (directory as NSString).appendingPathComponent("SHA256SUMS"))
    }
}
