import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import SenimVerify
import SenimXMLDSig
import Testing

@testable import SenimEvidence

/// An evidence package built from a GOST-2015 CMS signature of an NCA test key and an SMS-OTP simple
/// signature, sealed by the platform, verified offline; then every kind of change is caught and named.
@Suite("Evidence package")
struct EvidencePackageTests {
    static let signedAt = Date(timeIntervalSince1970: 1_787_000_000) // 2026-08-17
    static let validatedAt = Date(timeIntervalSince1970: 1_788_000_000) // 2026-08-29

    static func context() throws -> ValidationContext {
        let shipped = try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
        let store = TrustStore(
            roots: shipped.roots + [try Certificate(bytes: try TestVectors.bytes("generated/test-pki/root.cert.pem"))],
            intermediates: shipped.intermediates)
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequiredForCACertificates = false // the vectors hold no CRL of the NCA root for its intermediate
        let testCRL = try CertificateRevocationList(bytes: try TestVectors.bytes("generated/test-pki/root.crl"))
        return ValidationContext(
            trustStore: store, policy: policy, revocationSources: [OfflineRevocationSource(revocationLists: [testCRL])])
    }

    /// Builds the package into `directory` and returns its path.
    static func build(in directory: URL) async throws -> String {
        let document = Array("%PDF-1.7\nДоговор поставки № 17 / Жеткізу шарты № 17\n%%EOF\n".utf8)
        let documentPath = directory.appendingPathComponent("Договор.pdf").path
        try Data(document).write(to: URL(fileURLWithPath: documentPath))
        let sha256 = Hex.encode(DigestAlgorithm.sha256.hash(document))
        let gost = Hex.encode(DigestAlgorithm.gost34311.hash(document))

        // The partner's GOST-2015 signature (as NCALayer would send it) and its report at completion.
        let partner = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
        let cms = try CMSBuilder.sign(document, detached: true, signers: [CMSSigner(identity: partner, signingTime: signedAt)])
        let crlBytes = try TestVectors.bytes("kz/crl/nca_gost2022_test.2026-08-11.crl")
        let crl = try CertificateRevocationList(bytes: crlBytes)
        let context = try Self.context()
        let withCRL = ValidationContext(
            trustStore: context.trustStore, policy: context.policy,
            revocationSources: context.revocationSources + [OfflineRevocationSource(revocationLists: [crl])])
        let report = await CMSSignatureValidator(context: withCRL).validate(cms, content: .bytes(document), at: validatedAt)
        #expect(report.indication == .totalPassed, "\(report.signatures.map(\.messages))")

        // A second signer's GOST-2015 XML signature (eGov mobile's XML method) of a statement naming the document.
        let xmlSigner = try SigningIdentity(
            pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/individual/valid/individual_valid.p12"), password: "Qwerty12")
        let statement = DocumentStatement.text(documentID: "d-17", fileName: "Договор.pdf", sha256: sha256, gost34311: gost)
        let xml = try XMLSigner(identity: xmlSigner).signEnveloped(Array(statement.utf8))
        let xmlReport = await XMLSignatureValidator(context: withCRL).validate(xml: xml, at: validatedAt).report
        #expect(xmlReport.indication == .totalPassed, "\(xmlReport.signatures.map(\.messages))")

        // The client's simple signature by SMS code.
        let (ses, challengeID) = try SimpleSignatureFixture.confirmed(
            documentID: "d-17", sha256: sha256, gost: gost, authorityKey: 7, deliveryID: "sms-1001", issuedAt: signedAt, confirmedAfter: 40)
        let client = SimpleSignatureFixture.client
        let platform = try SigningIdentity(
            privateKey: try PrivateKey(pemEncoded: try TestVectors.text("generated/test-pki/signer_ec.key.pem")),
            certificate: try Certificate(bytes: try TestVectors.bytes("generated/test-pki/signer_ec.cert.pem")))
        let sealedSES = try ses.sealed(by: platform, at: signedAt.addingTimeInterval(41))

        // The audit log, chained, and its head in the platform log.
        let actor = AuditActor(userID: "u-1", role: .partner, phoneMasked: "+7 701 *** ** 67", iin: "123456789011")
        let actions: [AuditAction] = [
            .documentUploaded(fileName: "Договор.pdf", mediaType: "application/pdf", size: Int64(document.count)),
            .signerAdded(signerID: "s-2", surname: "Тестов", name: "Тест", iin: "123456789011", phoneMasked: "+7 701 *** ** 67", order: 1),
            .edsSignatureReceived(
                signerID: "s-1", format: "CAdES-BASELINE-B", signatureSHA256: Hex.encode(DigestAlgorithm.sha256.hash(cms.derEncoded)),
                indication: "TOTAL_PASSED", subIndication: nil, signerIIN: "123456789011", signerBIN: "123456789021"),
            .edsSignatureReceived(
                signerID: "s-3", format: "XMLDSig", signatureSHA256: Hex.encode(DigestAlgorithm.sha256.hash(xml)),
                indication: "TOTAL_PASSED", subIndication: nil, signerIIN: "123456789011", signerBIN: nil),
            .sentForSigning(signingMethod: "EDS_OR_SES", signingOrder: "SEQUENTIAL"),
            .otpConfirmed(challengeID: challengeID, attempt: 1),
            .sesSignatureRecorded(
                signerID: "s-2", challengeID: challengeID, recordSHA256: Hex.encode(DigestAlgorithm.sha256.hash(sealedSES.json))),
            .completed,
        ]
        let chained = try AuditChain.chain(
            actions.enumerated().map { index, action in
                AuditEvent(
                    sequence: UInt64(index), documentID: "d-17", time: signedAt.addingTimeInterval(Double(index)), actor: actor,
                    client: client,
                    documentSHA256: sha256, documentGOST34311: gost, action: action)
            })
        let previous = try Hex.decode(chained.last?.hash ?? "")
        var log = MerkleLog()
        for other in 0..<12 { log.append(leafData: Array("another document \(other)".utf8)) }
        let leafIndex = log.append(
            leafData: try AuditAnchor(documentID: "d-17", lastSequence: UInt64(actions.count - 1), head: Hex.encode(previous)).leafData())
        for other in 12..<20 { log.append(leafData: Array("another document \(other)".utf8)) }
        let noteKey = try NoteKey(name: "senimkey.kz/log", publicKey: try platform.certificate.publicKey, algorithm: platform.algorithm)
        let checkpoint = try Checkpoint(origin: "senimkey.kz/log", size: log.size, rootHash: log.root).signed(
            by: noteKey, privateKey: platform.privateKey)

        let contents = EvidencePackageContents(
            documentName: "Договор.pdf", documentPath: documentPath,
            edsSignatures: [
                .init(signerLabel: "ТЕСТОВ ТЕСТ", kind: .cms, bytes: cms.derEncoded, report: report),
                .init(signerLabel: "ТЕСТОВ ТЕСТ (XML)", kind: .xml, bytes: xml, report: xmlReport),
            ],
            sesSignatures: [.init(signerLabel: "Тестов Тест", record: sealedSES)],
            revocationData: [("nca_gost2022_test.crl", crlBytes)], certificates: cms.certificates + [xmlSigner.certificate],
            auditLog: chained,
            inclusion: .init(
                leafIndex: leafIndex, treeSize: log.size, proof: try log.inclusionProof(index: leafIndex), checkpoint: checkpoint),
            policy: context.policy)
        let path = directory.appendingPathComponent("evidence.asice").path
        _ = try await EvidencePackageBuilder(seal: PlatformSeal(identity: platform)).build(contents, to: path, at: validatedAt)
        return path
    }

    /// Verified as `--policy-from-package` does: the package's own policy.json applies (the test NCA publishes no
    /// revocation data the package could hold, and the platform's test policy says so).
    static func verify(_ bytes: [UInt8]) async throws -> EvidencePackageVerification {
        let configured = try Self.context()
        let context = ValidationContext(trustStore: configured.trustStore, revocationSources: configured.revocationSources)
        return await EvidencePackageVerifier(context: context, usesPackagePolicy: true).verify(packageBytes: bytes)
    }

    /// The package's entries, changed by `change`, written again in the canonical framing (checksums redone, so only
    /// the package's own checks can catch the change).
    static func rebuilt(_ zip: StoredZIPReader, _ change: (inout [(String, [UInt8])]) -> Void) throws -> [UInt8] {
        var entries = try zip.entries.map { ($0.name, try zip.contents(of: $0)) }
        change(&entries)
        let writer = StoredZIPWriter()
        for (name, data) in entries { try writer.add(name, bytes: data) }
        try writer.finish()
        return writer.memory
    }

    /// `testvectors/evidence/sample.asice` (committed, built by this test with SENIMKEY_REGENERATE_SAMPLE=1)
    /// verifies, so anyone can try `senimkey evidence verify` on it.
    @Test func committedSampleVerifies() async throws {
        let sample = TestVectors.url("evidence/sample.asice")
        if ProcessInfo.processInfo.environment["SENIMKEY_REGENERATE_SAMPLE"] == "1" {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-sample-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: sample.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: sample)
            try FileManager.default.copyItem(atPath: try await Self.build(in: directory), toPath: sample.path)
        }
        let result = try await Self.verify(Array(try Data(contentsOf: sample)))
        #expect(result.overall == .totalPassed, "\(result.steps.map { "\($0.name): \($0.detail)" })")
    }

    @Test func packageVerifiesAndEveryChangeIsNamed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try await Self.build(in: directory))))
        let verified = try await Self.verify(bytes)
        let steps = verified.steps
        for step in steps { print("  \(step.number). \(step.name): \(step.indication.rawValue) — \(step.detail)") }
        #expect(verified.overall == .totalPassed)
        #expect(
            steps.map(\.name) == [
                "container", "manifest", "seal", "document", "signature signatures/1-ТЕСТОВ ТЕСТ.p7s",
                "signature signatures/2-ТЕСТОВ ТЕСТ (XML).xml", "simple signature signatures/3-Тестов Тест.ses.json", "audit chain",
                "log inclusion", "checkpoint",
            ])
        #expect(steps.map(\.number) == Array(1...10))

        let zip = try StoredZIPReader(bytes: bytes)
        func rebuilt(_ change: (inout [(String, [UInt8])]) -> Void) throws -> [UInt8] { try Self.rebuilt(zip, change) }
        // One byte flipped in each file (with the ZIP checksums redone, so the package's own checks must catch it).
        for (index, entry) in zip.entries.enumerated() {
            let changed = try rebuilt { entries in
                var data = entries[index].1
                if data.isEmpty { data = [0] } else { data[data.count / 2] ^= 0x01 }
                entries[index].1 = data
            }
            let result = try await Self.verify(changed)
            // Detected and named: the package no longer passes, and a step says which check broke (a seal whose
            // certificate was hit may be INDETERMINATE rather than TOTAL_FAILED).
            #expect(result.overall != .totalPassed, "\(entry.name) changed but the package still verifies")
            #expect(result.steps.contains { $0.indication != .totalPassed }, "\(entry.name)")
        }
        // A file removed, a file added, a file truncated.
        let removed = try rebuilt { entries in entries.removeAll { $0.0.hasPrefix("revocation/") } }
        #expect(try await Self.verify(removed).steps.first { $0.indication == .totalFailed }?.name == "manifest")
        let added = try rebuilt { entries in entries.insert(("document/extra.txt", Array("unsigned".utf8)), at: entries.count - 2) }
        #expect((try await Self.verify(added)).overall == .totalFailed)
        let truncated = try rebuilt { entries in
            if let position = entries.firstIndex(where: { $0.0 == "audit/log.jsonl" }) {
                entries[position].1 = Array(entries[position].1.dropLast(40))
            }
        }
        #expect((try await Self.verify(truncated)).overall == .totalFailed)
        // Any raw byte of the archive (headers included), sampled across the file.
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 150)) {
            var raw = bytes
            raw[position] ^= 0x20
            #expect((try await Self.verify(raw)).overall == .totalFailed, "byte \(position)")
        }
    }
}
