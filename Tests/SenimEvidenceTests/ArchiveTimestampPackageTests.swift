import Foundation
import NIOCore
import SenimCMS
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimEvidence

/// Issue 20 items 2, 5 and 6: archive timestamps over the package, their renewal, and past validation (`--at`).
/// The keys are the long-term test PKI (`testvectors/generated/tsa-2056`): the signer's and the seal's certificates
/// expire 2029-06-30, the first TSA's 2029-12-31, only the renewing TSA's reaches 2056.
@Suite("Evidence package archive timestamps")
struct ArchiveTimestampPackageTests {
    static let signedAt = ISO8601DateFormatter().date(from: "2026-11-20T09:00:00Z")!
    static let sealedAt = ISO8601DateFormatter().date(from: "2026-11-21T09:00:00Z")!
    static let renewedAt = ISO8601DateFormatter().date(from: "2026-11-22T09:00:00Z")!
    static let in2031 = ISO8601DateFormatter().date(from: "2031-01-01T00:00:00Z")!
    static let in2040 = ISO8601DateFormatter().date(from: "2040-06-01T00:00:00Z")!

    static func identity(_ name: String) throws -> SigningIdentity {
        try SigningIdentity(
            privateKey: try PrivateKey(pemEncoded: try TestVectors.text("generated/tsa-2056/\(name).key.pem")),
            certificate: try Certificate(bytes: try TestVectors.bytes("generated/tsa-2056/\(name).cert.pem")))
    }

    static func context(policy: ValidationPolicy = .kazakhstanDefault) throws -> ValidationContext {
        let root = try Certificate(bytes: try TestVectors.bytes("generated/tsa-2056/root.cert.pem"))
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes("generated/tsa-2056/root.crl"))
        return ValidationContext(
            trustStore: TrustStore(roots: [root], intermediates: []), policy: policy,
            revocationSources: [OfflineRevocationSource(revocationLists: [crl])])
    }

    /// A loopback TSA signing with `name`'s key at a pinned time, after the scripted faults.
    static func tsa(_ name: String, at time: Date, faults: [LoopbackTSA.Fault] = []) throws -> LoopbackTSA {
        let authority = TimeStampAuthority(identity: try identity(name), policy: [1, 2, 398, 3, 3, 2, 6, 4], clock: { time })
        let serials = Counter()
        return try LoopbackTSA(faults: faults) { authority.respond(to: $0, serialNumber: serials.next()) }
    }

    static func client(_ tsa: LoopbackTSA, attempts: Int = 3, timeout: TimeAmount = .seconds(5)) -> TimeStampClient {
        var configuration = OnlineFetcher.Configuration()
        configuration.timeout = timeout
        return TimeStampClient(
            url: tsa.url, fetcher: OnlineFetcher(configuration: configuration), attempts: attempts, retryDelay: .milliseconds(10))
    }

    /// One CMS signature by signer-2029 and one SMS-code signature, the audit log and its inclusion, sealed by seal-2029
    /// (with `sealTSA`, the seal is timestamped and followed by the first archive timestamp).
    static func build(in directory: URL, sealTSA: LoopbackTSA?) async throws -> String {
        let document = Array("%PDF-1.7\nДоговор хранения № 20 / Сақтау шарты № 20\n%%EOF\n".utf8)
        let documentPath = directory.appendingPathComponent("Договор.pdf").path
        try Data(document).write(to: URL(fileURLWithPath: documentPath))
        let sha256 = Hex.encode(DigestAlgorithm.sha256.hash(document))
        let gost = Hex.encode(DigestAlgorithm.gost34311.hash(document))
        let context = try Self.context()

        let cms = try CMSBuilder.sign(
            document, detached: true, signers: [CMSSigner(identity: try identity("signer-2029"), signingTime: signedAt)])
        let report = await CMSSignatureValidator(context: context).validate(cms, content: .bytes(document), at: signedAt)
        #expect(report.indication == .totalPassed, "\(report.signatures.map(\.messages))")

        let seal = try identity("seal-2029")
        let (ses, challengeID) = try SimpleSignatureFixture.confirmed(
            documentID: "d-20", sha256: sha256, gost: gost, authorityKey: 9, deliveryID: "sms-20", issuedAt: signedAt, confirmedAfter: 30)
        let client = SimpleSignatureFixture.client
        let sealedSES = try ses.sealed(by: seal, at: signedAt.addingTimeInterval(31))

        let actor = AuditActor(userID: "u-1", role: .partner, phoneMasked: "+7 701 *** ** 67", iin: "123456789011")
        let actions: [AuditAction] = [
            .documentUploaded(fileName: "Договор.pdf", mediaType: "application/pdf", size: Int64(document.count)),
            .edsSignatureReceived(
                signerID: "s-1", format: "CAdES-BASELINE-B", signatureSHA256: Hex.encode(DigestAlgorithm.sha256.hash(cms.derEncoded)),
                indication: "TOTAL_PASSED", subIndication: nil, signerIIN: "123456789011", signerBIN: nil),
            .sesSignatureRecorded(
                signerID: "s-2", challengeID: challengeID, recordSHA256: Hex.encode(DigestAlgorithm.sha256.hash(sealedSES.json))),
            .completed,
        ]
        let chained = try AuditChain.chain(
            actions.enumerated().map { index, action in
                AuditEvent(
                    sequence: UInt64(index), documentID: "d-20", time: signedAt.addingTimeInterval(Double(index)), actor: actor,
                    client: client, documentSHA256: sha256, documentGOST34311: gost, action: action)
            })
        var log = MerkleLog()
        log.append(leafData: Array("another document".utf8))
        let leafIndex = log.append(
            leafData: try AuditAnchor(documentID: "d-20", lastSequence: UInt64(actions.count - 1), head: chained.last?.hash ?? "")
                .leafData())
        let noteKey = try NoteKey(name: "senimkey.kz/log", publicKey: try seal.certificate.publicKey, algorithm: seal.algorithm)
        let checkpoint = try Checkpoint(origin: "senimkey.kz/log", size: log.size, rootHash: log.root).signed(
            by: noteKey, privateKey: seal.privateKey)
        let crl = try TestVectors.bytes("generated/tsa-2056/root.crl")
        let contents = EvidencePackageContents(
            documentName: "Договор.pdf", documentPath: documentPath,
            edsSignatures: [.init(signerLabel: "ТЕСТОВ ТЕСТ", kind: .cms, bytes: cms.derEncoded, report: report)],
            sesSignatures: [.init(signerLabel: "Тестов Тест", record: sealedSES)],
            revocationData: [("root-2056.crl", crl)], certificates: cms.certificates, auditLog: chained,
            inclusion: .init(
                leafIndex: leafIndex, treeSize: log.size, proof: try log.inclusionProof(index: leafIndex), checkpoint: checkpoint),
            policy: context.policy)
        let path = directory.appendingPathComponent(sealTSA == nil ? "plain.asice" : "archived.asice").path
        let platformSeal = PlatformSeal(
            identity: seal, timestampAuthorityURL: sealTSA?.url, fetcher: sealTSA.map { Self.client($0).fetcher })
        _ = try await EvidencePackageBuilder(seal: platformSeal).build(contents, to: path, at: sealedAt)
        return path
    }

    static func verify(_ path: String, at time: Date?, policy: ValidationPolicy = .kazakhstanDefault) async throws
        -> EvidencePackageVerification
    {
        await EvidencePackageVerifier(context: try context(policy: policy)).verify(packageAt: path, at: time)
    }

    static func describe(_ result: EvidencePackageVerification) -> String {
        result.steps.map { "\($0.number). \($0.name): \($0.indication.rawValue) — \($0.detail)" }.joined(separator: "\n")
    }

    /// The package built with a TSA, then renewed by the long-lived TSA: (archived, renewed, plain) in a fresh folder.
    static func packages() async throws -> (directory: URL, archived: String, renewed: String, plain: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-lta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let first = try tsa("tsa-2029", at: sealedAt)
        defer { first.shutdown() }
        let archived = try await build(in: directory, sealTSA: first)
        let plain = try await build(in: directory, sealTSA: nil)
        let second = try tsa("tsa-2056", at: renewedAt)
        defer { second.shutdown() }
        let renewed = directory.appendingPathComponent("renewed.asice").path
        let renewal = try await EvidencePackageArchiver(client: client(second)).renew(packageAt: archived, to: renewed)
        #expect(renewal.number == 2)
        #expect(renewal.genTime == renewedAt)
        return (directory, archived, renewed, plain)
    }

    /// `testvectors/evidence/sample-lta.asice` (committed; rewritten by this test with SENIMKEY_REGENERATE_SAMPLE=1):
    /// the renewed package, verifying today and in 2040 with only the long-term test root and its CRL.
    @Test func committedLTASampleVerifiesTodayAndIn2040() async throws {
        let sample = TestVectors.url("evidence/sample-lta.asice")
        if ProcessInfo.processInfo.environment["SENIMKEY_REGENERATE_SAMPLE"] == "1" {
            let (directory, _, renewed, _) = try await Self.packages()
            defer { try? FileManager.default.removeItem(at: directory) }
            try? FileManager.default.removeItem(at: sample)
            try FileManager.default.copyItem(atPath: renewed, toPath: sample.path)
        }
        let today = try await Self.verify(sample.path, at: nil)
        #expect(today.overall == .totalPassed, "\(Self.describe(today))")
        let later = try await Self.verify(sample.path, at: Self.in2040)
        #expect(later.overall == .totalPassed, "\(Self.describe(later))")
        #expect(later.steps.filter { $0.name.hasPrefix("archive timestamp") }.count == 2)
    }

    @Test func aPackageSealedWithATSAEndsWithAnArchiveTimestampAndOneWithoutHasNone() async throws {
        let (directory, archived, _, plain) = try await Self.packages()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = try StoredZIPReader(source: .file(path: archived)).entries.map(\.name)
        #expect(
            Array(names.suffix(4)) == [
                "META-INF/manifest.json", "META-INF/seal.p7s", "META-INF/archive-manifest-001.json", "META-INF/archive-timestamp-001.tst",
            ])
        let plainNames = try StoredZIPReader(source: .file(path: plain)).entries.map(\.name)
        #expect(plainNames.last == "META-INF/seal.p7s")
        #expect(!plainNames.contains { $0.hasPrefix("META-INF/archive-") })

        let result = try await Self.verify(archived, at: nil)
        #expect(result.overall == .totalPassed, "\(Self.describe(result))")
        #expect(
            Array(result.steps.map(\.name).prefix(4)) == [
                "container", "manifest", "seal", "archive timestamp META-INF/archive-timestamp-001.tst",
            ])
        let manifest = try #require(
            ArchiveManifest(canonical: try StoredZIPReader(source: .file(path: archived)).data("META-INF/archive-manifest-001.json") ?? []))
        #expect(manifest.algorithm == "sha256")
        #expect(manifest.files.count == names.count - 3) // all but mimetype and the pair itself
    }

    @Test func renewalKeepsEveryEarlierByteAndAddsOnePair() async throws {
        let (directory, archived, renewed, _) = try await Self.packages()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = Array(try Data(contentsOf: URL(fileURLWithPath: archived)))
        let after = Array(try Data(contentsOf: URL(fileURLWithPath: renewed)))
        let old = try StoredZIPReader(bytes: before)
        let new = try StoredZIPReader(bytes: after)
        // Every byte before the old central directory is where it was.
        #expect(Array(after.prefix(old.directoryRange.lowerBound)) == Array(before.prefix(old.directoryRange.lowerBound)))
        #expect(new.entries.count == old.entries.count + 2)
        #expect(Array(new.entries.prefix(old.entries.count)) == old.entries)
        #expect(new.entries.suffix(2).map(\.name) == ["META-INF/archive-manifest-002.json", "META-INF/archive-timestamp-002.tst"])
        #expect(try new.canonicalFramingProblem() == nil)
        let second = try #require(ArchiveManifest(canonical: try new.data("META-INF/archive-manifest-002.json") ?? []))
        #expect(second.files["META-INF/archive-timestamp-001.tst"] != nil)
        #expect(second.files.count == old.entries.count - 1)
        // Renewing into the file being read is refused.
        let tsa = try Self.tsa("tsa-2056", at: Self.renewedAt)
        defer { tsa.shutdown() }
        await #expect(throws: EvidencePackageArchiver.Failure.self) {
            try await EvidencePackageArchiver(client: Self.client(tsa)).renew(packageAt: renewed, to: renewed)
        }
    }

    /// EN 319 102-1 §5.6 at a time every certificate of the package but the renewing TSA's has expired.
    @Test func onlyTheArchiveTimestampsCarryThePackageTo2040() async throws {
        let (directory, archived, renewed, plain) = try await Self.packages()
        defer { try? FileManager.default.removeItem(at: directory) }

        let renewedIn2040 = try await Self.verify(renewed, at: Self.in2040)
        #expect(renewedIn2040.overall == .totalPassed, "\(Self.describe(renewedIn2040))")
        // The step list shows each proof of existence: both archive timestamps, and the time they prove for each signature.
        // The CMS signature and the SMS-code record's seal stand on the archive proof; the package seal on its own
        // signature timestamp.
        let proven = renewedIn2040.steps.filter { $0.detail.contains("archive timestamp META-INF/archive-timestamp-001.tst proves") }
        #expect(proven.map(\.name) == ["signature signatures/1-ТЕСТОВ ТЕСТ.p7s", "simple signature signatures/2-Тестов Тест.ses.json"])
        #expect(renewedIn2040.steps.filter { $0.name.hasPrefix("archive timestamp") }.count == 2)

        // Not renewed: at 2031 the first TSA's certificate has expired and nothing renews it.
        let archivedIn2031 = try await Self.verify(archived, at: Self.in2031)
        #expect(archivedIn2031.overall == .indeterminate, "\(Self.describe(archivedIn2031))")
        let stale = try #require(archivedIn2031.steps.first { $0.name.hasPrefix("archive timestamp") })
        #expect(stale.indication == .indeterminate)
        #expect(stale.detail.contains("OUT_OF_BOUNDS_NO_POE"), "\(stale.detail)")
        let renewedIn2031 = try await Self.verify(renewed, at: Self.in2031)
        #expect(renewedIn2031.overall == .totalPassed, "\(Self.describe(renewedIn2031))")

        // Without archive timestamps at all: INDETERMINATE in 2040 (the signer's and the seals' certificates expired).
        let plainIn2040 = try await Self.verify(plain, at: Self.in2040)
        #expect(plainIn2040.overall == .indeterminate, "\(Self.describe(plainIn2040))")
        #expect(plainIn2040.steps.first { $0.name.hasPrefix("signature ") }?.detail.contains("OUT_OF_BOUNDS_NO_POE") == true)

        // Today (no --at): everything at its own time, the archive chain at now.
        let today = try await Self.verify(renewed, at: nil)
        #expect(today.overall == .totalPassed, "\(Self.describe(today))")
    }

    /// An algorithm retired by the policy before --at: the archive timestamps' proof of existence from before the
    /// sunset carries the signatures; nothing carries them without it.
    @Test func aRetiredAlgorithmIsCarriedOnlyByTheArchiveProof() async throws {
        let (directory, _, renewed, plain) = try await Self.packages()
        defer { try? FileManager.default.removeItem(at: directory) }
        var policy = ValidationPolicy.kazakhstanDefault
        policy.algorithms = policy.algorithms.map {
            $0.algorithm == "ecdsa-sha256" ? .init(algorithm: "ecdsa-sha256", acceptedUntil: Self.in2031) : $0
        }
        // The renewing TSA signs with ecdsa-sha256 too: judged at 2040 it is retired, so the last link needs a
        // stronger algorithm; at 2030 (before the sunset, after the signer expired) the chain holds.
        let in2030 = ISO8601DateFormatter().date(from: "2030-06-01T00:00:00Z")!
        let protected = try await Self.verify(renewed, at: in2030, policy: policy)
        #expect(protected.overall == .totalPassed, "\(Self.describe(protected))")
        let retired = try await Self.verify(renewed, at: Self.in2040, policy: policy)
        let last = try #require(retired.steps.last { $0.name.hasPrefix("archive timestamp") })
        #expect(last.detail.contains("CRYPTO_CONSTRAINTS_FAILURE_NO_POE"), "\(last.detail)")
        #expect(retired.overall == .indeterminate)
        let unprotected = try await Self.verify(plain, at: in2030, policy: policy)
        #expect(unprotected.overall == .indeterminate, "\(Self.describe(unprotected))")
    }

    @Test func aTSAThatFailsIsRetriedAndAWrongTokenIsNeverKept() async throws {
        let data = Array("archive manifest".utf8)
        // A 500, then a token for other data, then a good token: the third is kept.
        let flaky = try Self.tsa("tsa-2056", at: Self.renewedAt, faults: [.serverError, .wrongImprint])
        defer { flaky.shutdown() }
        let token = try await Self.client(flaky).timestamp(data)
        #expect(token.info.messageImprint == DigestAlgorithm.sha256.hash(data))
        #expect(flaky.requestCount == 3)
        // A timeout, then an answer.
        let slow = try Self.tsa("tsa-2056", at: Self.renewedAt, faults: [.slow(.seconds(3))])
        defer { slow.shutdown() }
        let late = try await Self.client(slow, attempts: 2, timeout: .milliseconds(300)).timestamp(data)
        #expect(late.info.genTime == Self.renewedAt)
        #expect(slow.requestCount == 2)
        // Only wrong answers: refused, nothing returned, the last reason said.
        let wrong = try Self.tsa("tsa-2056", at: Self.renewedAt, faults: [.wrongImprint, .refusal, .wrongImprint])
        defer { wrong.shutdown() }
        await #expect(throws: TimeStampClient.Failure.notForThisRequest) { try await Self.client(wrong).timestamp(data) }
        #expect(wrong.requestCount == 3)
        // A renewal whose TSA never answers leaves no output file.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-lta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try await Self.build(in: directory, sealTSA: nil)
        let down = try Self.tsa("tsa-2056", at: Self.renewedAt, faults: [.serverError, .serverError, .serverError])
        defer { down.shutdown() }
        let output = directory.appendingPathComponent("never.asice").path
        await #expect(throws: EvidencePackageArchiver.Failure.self) {
            try await EvidencePackageArchiver(client: Self.client(down)).renew(packageAt: plain, to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Every change to the new files is caught: one byte of each archive entry, an archive pair out of order, an
    /// entry added after the last pair, and (the attack) a renewal whose manifest leaves the document out.
    @Test func everyTamperingOfTheArchiveEntriesIsCaught() async throws {
        let (directory, _, renewed, _) = try await Self.packages()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = try StoredZIPReader(source: .file(path: renewed))
        func rebuilt(_ change: (inout [(String, [UInt8])]) -> Void) throws -> [UInt8] {
            var entries = try zip.entries.map { ($0.name, try zip.contents(of: $0)) }
            change(&entries)
            let writer = StoredZIPWriter()
            for (name, data) in entries { try writer.add(name, bytes: data) }
            try writer.finish()
            return writer.memory
        }
        let verifier = EvidencePackageVerifier(context: try Self.context())
        for (index, entry) in zip.entries.enumerated() where entry.name.hasPrefix("META-INF/archive-") {
            for position in [0, entry.range.count / 2, entry.range.count - 1] {
                let changed = try rebuilt { entries in entries[index].1[position] ^= 0x01 }
                let result = await verifier.verify(packageBytes: changed, at: Self.in2040)
                #expect(result.overall != .totalPassed, "\(entry.name) byte \(position) changed but the package still verifies")
            }
        }
        let swapped = try rebuilt { entries in entries.swapAt(entries.count - 1, entries.count - 3) }
        #expect(await verifier.verify(packageBytes: swapped, at: Self.in2040).overall == .totalFailed)
        let appended = try rebuilt { entries in entries.append(("META-INF/archive-note.txt", Array("later".utf8))) }
        #expect(await verifier.verify(packageBytes: appended, at: Self.in2040).overall == .totalFailed)

        // The attack: a later "renewal" by a real TSA over a manifest that leaves the document out, so the document
        // could be swapped under it.
        let tsa = try Self.tsa("tsa-2056", at: Self.renewedAt)
        defer { tsa.shutdown() }
        var files: [String: String] = [:]
        for entry in zip.entries where entry.name != "mimetype" && !entry.name.hasPrefix("document/") {
            files[entry.name] = Hex.encode(DigestAlgorithm.sha256.hash(try zip.contents(of: entry)))
        }
        let (pair, _) = try await EvidencePackageArchiver(client: Self.client(tsa)).pair(number: 3, digests: files)
        let partial = try rebuilt { entries in entries += pair }
        let result = await verifier.verify(packageBytes: partial, at: Self.in2040)
        #expect(result.overall == .totalFailed)
        #expect(
            result.steps.last { $0.name.hasPrefix("archive timestamp") }?.detail.contains("document/Договор.pdf is not covered") == true)
    }
}
