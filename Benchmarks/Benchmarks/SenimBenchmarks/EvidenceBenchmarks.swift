import Benchmark
import Foundation
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI

/// An evidence package around a 100 MB document (a detached RSA CMS, an SMS-OTP record, the audit log, the
/// log inclusion, the seal): built and verified, streaming, next to the floors on the same file in the same
/// run: `sha256sum` (the issue's floor) and the GOST 34.311 digest the audit events bind (which the verifier
/// must compute too). Peak RSS of build and verify is compared with the floors' in this process.
func registerEvidenceBenchmarks() {
    let vectors = KZKeyFixture.vectors
    func bytes(_ path: String) -> [UInt8] { Array((try? Data(contentsOf: vectors.appendingPathComponent(path))) ?? Data()) }
    let time = ISO8601DateFormatter().date(from: "2026-08-29T00:00:00Z")!
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-bench-evidence")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let documentPath = directory.appendingPathComponent("contract-100MB.pdf").path
    if !FileManager.default.fileExists(atPath: documentPath) {
        var chunk = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 9) }
        FileManager.default.createFile(atPath: documentPath, contents: nil)
        let handle = FileHandle(forWritingAtPath: documentPath)!
        for index in 0..<100 { chunk[0] = UInt8(index); handle.write(Data(chunk)) }
        try! handle.close()
    }
    var digests = DigestSet(algorithms: [DigestAlgorithm.sha256, .gost34311])
    try! digests.update(contentsOfFile: documentPath)
    let documentDigests = digests.finalize()
    let sha256 = Hex.encode(documentDigests[.sha256]!), gost = Hex.encode(documentDigests[.gost34311]!)

    let root = try! Certificate(bytes: bytes("generated/test-pki/root.cert.pem"))
    let crlBytes = bytes("generated/test-pki/root.crl")
    let context = ValidationContext(trustStore: TrustStore(roots: [root]),
                                    revocationSources: [OfflineRevocationSource(revocationLists: [try! CertificateRevocationList(bytes: crlBytes)])])
    func identity(_ name: String) -> SigningIdentity {
        try! SigningIdentity(privateKey: try! PrivateKey(pemEncoded: String(decoding: bytes("generated/test-pki/\(name).key.pem"), as: UTF8.self)),
                             certificate: try! Certificate(bytes: bytes("generated/test-pki/\(name).cert.pem")))
    }
    let signer = identity("signer_rsa"), platform = identity("signer_ec")

    // The signer's detached CMS over the document's digest, and its report at completion.
    let cms = try! CMSBuilder.sign(contentDigests: [.sha256: documentDigests[.sha256]!], signers: [CMSSigner(identity: signer, signingTime: time)])
    let report = awaitResult { await CMSSignatureValidator(context: context).validate(cms, content: .file(path: documentPath), at: time) }
    precondition(report.indication == .totalPassed, "benchmark CMS must validate: \(report.messages)")

    // A second signer by SMS code.
    let authority = try! SESAuthority(key: [UInt8](repeating: 7, count: 32))
    let binding = SESBinding(documentID: "d-100", documentSHA256: sha256, documentGOST34311: gost, signerID: "s-2", signerIIN: "123456789011",
                             phoneE164: "+77011234567", action: .sign, consentTextSHA256: Hex.encode(DigestAlgorithm.sha256.hash(Array("Согласен".utf8))))
    var (challenge, code) = try! authority.issue(binding, at: time)
    let client = ClientContext(ipAddress: "198.51.100.9", userAgent: "Mozilla/5.0", device: "Android")
    let ses = try! authority.confirm(&challenge, code: code, signerID: "s-2", currentDocumentSHA256: sha256, at: time.addingTimeInterval(30), client: client).get()
    let sealedSES = try! ses.sealed(by: platform, at: time.addingTimeInterval(31))

    let actor = AuditActor(userID: "u-1", role: .partner, phoneMasked: "+7 701 *** ** 67", iin: "123456789011")
    let actions: [AuditAction] = [
        .documentUploaded(fileName: "contract-100MB.pdf", mediaType: "application/pdf", size: 100 << 20),
        .edsSignatureReceived(signerID: "s-1", format: "CAdES-BASELINE-B", signatureSHA256: Hex.encode(DigestAlgorithm.sha256.hash(cms.derEncoded)),
                              indication: "TOTAL_PASSED", subIndication: nil, signerIIN: nil, signerBIN: nil),
        .sesSignatureRecorded(signerID: "s-2", challengeID: challenge.id, recordSHA256: Hex.encode(DigestAlgorithm.sha256.hash(sealedSES.json))),
        .completed,
    ]
    let chained = try! AuditChain.chain(actions.enumerated().map { index, action in
        AuditEvent(sequence: UInt64(index), documentID: "d-100", time: time.addingTimeInterval(Double(index)), actor: actor, client: client,
                   documentSHA256: sha256, documentGOST34311: gost, action: action)
    })
    let previous = try! Hex.decode(chained.last?.hash ?? "")
    var log = MerkleLog()
    let leafIndex = log.append(leafData: try! AuditAnchor(documentID: "d-100", lastSequence: 3, head: Hex.encode(previous)).leafData())
    for other in 0..<1000 { log.append(leafData: Array("document \(other)".utf8)) }
    let noteKey = try! NoteKey(name: "senimkey.kz/log", publicKey: try! platform.certificate.publicKey, algorithm: platform.algorithm)
    let checkpoint = try! Checkpoint(origin: "senimkey.kz/log", size: log.size, rootHash: log.root).signed(by: noteKey, privateKey: platform.privateKey)
    let contents = EvidencePackageContents(
        documentName: "contract-100MB.pdf", documentPath: documentPath,
        edsSignatures: [.init(signerLabel: "signer", kind: .cms, bytes: cms.derEncoded, report: report)],
        sesSignatures: [.init(signerLabel: "client", record: sealedSES)], revocationData: [("root.crl", crlBytes)],
        certificates: [signer.certificate], auditLog: chained,
        inclusion: .init(leafIndex: leafIndex, treeSize: log.size, proof: try! log.inclusionProof(index: leafIndex), checkpoint: checkpoint))
    let builder = EvidencePackageBuilder(seal: PlatformSeal(identity: platform))
    let packagePath = directory.appendingPathComponent("evidence-100MB.asice").path
    _ = awaitResult { try! await builder.build(contents, to: packagePath, at: time) }
    let verifier = EvidencePackageVerifier(context: context)
    let check = awaitResult { await verifier.verify(packageAt: packagePath) }
    precondition(check.overall == .totalPassed, "benchmark package must verify: \(check.steps.map(\.detail))")

    let large = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, maxDuration: .seconds(20), maxIterations: 5)
    Benchmark("Evidence package, 100 MB document: build (EvidencePackageBuilder)", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try await builder.build(contents, to: packagePath + ".bench", at: time)) }
    }
    Benchmark("Evidence package, 100 MB document: verify from file (EvidencePackageVerifier)", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations {
            let result = await verifier.verify(packageAt: packagePath)
            guard result.overall == .totalPassed else { fatalError("package must verify") }
            blackHole(result)
        }
    }
    Benchmark("Evidence package, 100 MB document: floor sha256sum of the document (process)", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Processes.run("/usr/bin/sha256sum", [documentPath], expect: 0)) }
    }
    Benchmark("Evidence package, 100 MB document: floor SHA-256 + GOST 34.311 of the document (DigestSet)", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations {
            var set = DigestSet(algorithms: [DigestAlgorithm.sha256, .gost34311])
            try set.update(contentsOfFile: documentPath)
            blackHole(set.finalize())
        }
    }
    let senimkey = vectors.deletingLastPathComponent().appendingPathComponent(".build/release/senimkey").path
    if FileManager.default.isExecutableFile(atPath: senimkey) {
        let trust = ["--trust", vectors.appendingPathComponent("generated/test-pki/root.cert.pem").path,
                     "--crl", vectors.appendingPathComponent("generated/test-pki/root.crl").path]
        Benchmark("Evidence package, 100 MB document: senimkey evidence verify (process)", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(Processes.run(senimkey, ["evidence", "verify", packagePath] + trust, expect: 0)) }
        }
    }
}

/// Runs async set-up work from the synchronous registration closure.
func awaitResult<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

final class ResultBox<T>: @unchecked Sendable { var value: T? }
