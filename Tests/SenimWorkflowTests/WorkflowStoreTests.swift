import Foundation
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimStoreTestSupport
import Testing

@testable import SenimWorkflow

/// One suite, two stores: the whole flow, its audit chain and log, refusals, aborted transactions, retries,
/// concurrency and lists, against SQLite and against a real PostgreSQL server.
@Suite("Workflow store")
struct WorkflowStoreTests {
    static let t = Fixtures.time
    static let admin = WorkflowPrincipal(user: Fixtures.user("u-admin", phone: 9_000_000, admin: true))

    /// Partner p-1 with an employee holding every right, a tariff package of `uses`, and `clients` people.
    static func setUp(_ engine: WorkflowEngine, uses: Int = 100, clients: Int = 2) async throws -> [WorkflowPrincipal] {
        try await engine.save(.user(Self.admin.user), by: nil, client: Fixtures.client, at: t)
        try await engine.save(.partner(Fixtures.partner), by: Self.admin, client: Fixtures.client, at: t)
        try await engine.save(.user(Fixtures.employee), by: Self.admin, client: Fixtures.client, at: t)
        try await engine.save(.employee(Fixtures.employment), by: nil, client: Fixtures.client, at: t)
        try await engine.save(
            .tariff(
                TariffPackage(
                    id: "t-1", partnerID: "p-1", usesTotal: uses, validFrom: t.addingTimeInterval(-3600),
                    validUntil: t.addingTimeInterval(86_400 * 365))), by: Self.admin, client: Fixtures.client, at: t)
        let people = (0..<clients).map { index in
            WorkflowPrincipal(
                user: Fixtures.user("u-client-\(index)", phone: 100 + index, iin: Fixtures.iin(String(90_010_100_000 + index))))
        }
        for person in people { try await engine.save(.user(person.user), by: nil, client: Fixtures.client, at: t) }
        return people
    }

    /// Uploads a document (its bytes into the blob store), names the clients, sends it.
    static func sendDocument(
        _ engine: WorkflowEngine, _ blobs: BlobStore, id: String, clients: [WorkflowPrincipal],
        order: Document.SigningOrder = .parallel, at time: Date = t
    ) async throws -> CommandResult {
        let stored = try await blobs.store(Array("%PDF-1.7 договор \(id)".utf8))
        let upload = UploadRequest(
            partnerID: "p-1", fileName: "\(id).pdf", mediaType: "application/pdf", size: stored.size, sha256: stored.sha256,
            gost34311: stored.gost34311, signingOrder: order)
        try await engine.execute(
            .upload(documentID: id, uploadedBy: Fixtures.employee.id, upload), by: Fixtures.employeePrincipal,
            client: Fixtures.client, blobPath: stored.path, at: time)
        for (index, client) in clients.enumerated() {
            try await engine.execute(
                .addSigner(
                    documentID: id, signerID: "\(id)-s\(index)",
                    SignerRequest(surname: "Клиент", name: "№\(index)", iin: client.user.iin?.digits ?? "", phone: client.user.phone.e164)),
                by: Fixtures.employeePrincipal, client: Fixtures.client, at: time)
        }
        return try await engine.execute(.send(documentID: id), by: Fixtures.employeePrincipal, client: Fixtures.client, at: time)
    }

    static func sesSign(
        _ engine: WorkflowEngine, document: Document, signerID: String, as principal: WorkflowPrincipal, key: String? = nil,
        at time: Date = t.addingTimeInterval(60)
    ) async throws -> CommandResult {
        try await engine.execute(
            .sign(
                documentID: document.id, signerID: signerID,
                Fixtures.ses(principal.user.iin?.digits ?? "", sha256: document.sha256, id: "challenge-\(signerID)")),
            by: principal, client: Fixtures.client, idempotencyKey: key, at: time)
    }

    @Test(arguments: StoreKind.available)
    func wholeFlowCommitsStateAuditAndLogTogether(kind: StoreKind) async throws {
        let (engine, blobs, _) = try await kind.make()
        let clients = try await Self.setUp(engine, uses: 5)
        let sent = try await Self.sendDocument(engine, blobs, id: "d-1", clients: clients)
        #expect(sent.document.status == .pending && sent.notify.map(\.id) == ["d-1-partner"])
        let partner = try await engine.execute(
            .sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), by: Fixtures.employeePrincipal,
            client: Fixtures.client, blobPath: nil, at: Self.t.addingTimeInterval(30))
        #expect(partner.notify.map(\.id) == ["d-1-s0", "d-1-s1"])
        _ = try await engine.execute(
            .view(documentID: "d-1", signerID: "d-1-s0"), by: clients[0], client: Fixtures.client, at: Self.t.addingTimeInterval(40))
        _ = try await Self.sesSign(engine, document: sent.document, signerID: "d-1-s0", as: clients[0])
        let last = try await Self.sesSign(engine, document: sent.document, signerID: "d-1-s1", as: clients[1])
        #expect(last.document.status == .signed)

        let state = try await engine.state(ofDocument: "d-1")
        let everySignerSigned = state.signers.allSatisfy { $0.state == .signed }
        #expect(state.document?.status == .signed && everySignerSigned)
        #expect(state.tariff?.usesUsed == 1 && state.tariff?.usesReserved == 0)
        let log = try await engine.auditLog(ofDocument: "d-1")
        let head = try AuditChain.verify(log)
        #expect(Hex.encode(head) == log.last?.hash)
        #expect(log.map { $0.event.sequence } == Array(0..<UInt64(log.count)))
        let actions = log.map(\.event.action)
        #expect(actions.contains(.completed) && actions.contains(.tariffDebited(packageID: "t-1", usesLeft: 4)))
        let everyEventHasClientAndDigest = log.allSatisfy {
            $0.event.client.ipAddress == "203.0.113.7" && $0.event.documentSHA256 == sent.document.sha256
        }
        #expect(everyEventHasClientAndDigest)
        #expect(log.first { $0.event.action == .documentViewed(signerID: "d-1-s0") }?.event.actor.role == .client)
        // Every command appended one leaf anchoring the document's head at that moment; the last one anchors the final head.
        let leaves = try await engine.logLeafHashes()
        var merkle = MerkleLog()
        for leaf in leaves { merkle.append(leafHash: leaf) }
        let anchor = AuditAnchor(documentID: "d-1", lastSequence: log.last?.event.sequence ?? 0, head: log.last?.hash ?? "")
        #expect(leaves.last == MerkleHash.leaf(try anchor.leafData()))
        #expect(last.leafIndex == UInt64(leaves.count - 1))
        let proof = try merkle.inclusionProof(index: last.leafIndex)
        try MerkleProof.verifyInclusion(
            leafHash: MerkleHash.leaf(try anchor.leafData()), index: last.leafIndex, treeSize: merkle.size, proof: proof, root: merkle.root)
        // The document's bytes are where the store says, unchanged.
        #expect(
            DigestAlgorithm.sha256.hash(try await blobs.contents(of: try await engine.blobPath(ofDocument: "d-1")))
                == (try Hex.decode(sent.document.sha256)))
    }

    @Test(arguments: StoreKind.available)
    func refusalsAreRecordedAndForbiddenCommandsWriteNothing(kind: StoreKind) async throws {
        let (engine, blobs, _) = try await kind.make()
        let clients = try await Self.setUp(engine)
        let sent = try await Self.sendDocument(engine, blobs, id: "d-1", clients: clients, order: .sequential)
        // The partner's slot signed with another organisation's certificate: refused, and the attempt is on record.
        await #expect(
            throws: WorkflowError.partnerBINMismatch(expected: Fixtures.partnerBIN.digits, found: Fixtures.bin("99999999999").digits)
        ) {
            try await engine.execute(
                .sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS(bin: Fixtures.bin("99999999999"))),
                by: Fixtures.employeePrincipal, client: Fixtures.client)
        }
        var log = try await engine.auditLog(ofDocument: "d-1")
        let refusalRecorded = log.contains {
            if case .signatureRefused(let signer, _) = $0.event.action { return signer == "d-1-partner" } else { return false }
        }
        #expect(refusalRecorded)
        #expect(try await engine.state(ofDocument: "d-1").signers[0].state == .notified)
        // A client acting for someone else's slot, and a stranger: denied before anything is written.
        let before = log.count
        _ = try await engine.execute(
            .sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), by: Fixtures.employeePrincipal,
            client: Fixtures.client)
        await #expect(throws: WorkflowError.self) {
            try await Self.sesSign(engine, document: sent.document, signerID: "d-1-s0", as: clients[1])
        }
        let stranger = WorkflowPrincipal(user: Fixtures.user("u-stranger", phone: 555))
        await #expect(throws: WorkflowError.self) {
            try await Self.sesSign(engine, document: sent.document, signerID: "d-1-s0", as: stranger)
        }
        await #expect(throws: WorkflowError.self) {
            try await engine.execute(.cancel(documentID: "d-1", reason: nil), by: Self.admin, client: Fixtures.client)
        }
        log = try await engine.auditLog(ofDocument: "d-1")
        #expect(log.count == before + 1) // the partner's signature; nothing from the denied commands
        // Rejection by the signer whose turn it is ends the process and releases the reserved use.
        let rejected = try await engine.execute(
            .reject(documentID: "d-1", signerID: "d-1-s0", reason: "Сумма неверна"), by: clients[0], client: Fixtures.client)
        #expect(rejected.document.status == .rejected)
        let packages = try await engine.tariffPackages(ofPartner: "p-1")
        #expect(packages.first?.usesReserved == 0 && packages.first?.usesUsed == 0)
    }

    /// The crash-safety test: the transaction dies after all its writes and before its commit (as a killed
    /// process would); the document, its log and the platform log are as before. Then the client's retry with
    /// the same idempotency key succeeds once, and a second retry (the answer was lost) replays it.
    @Test(arguments: StoreKind.available)
    func abortedCommandsLeaveNoTraceAndRetriesApplyOnce(kind: StoreKind) async throws {
        let (engine, blobs, faults) = try await kind.make()
        let clients = try await Self.setUp(engine, clients: 1)
        let sent = try await Self.sendDocument(engine, blobs, id: "d-1", clients: clients)
        _ = try await engine.execute(
            .sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), by: Fixtures.employeePrincipal,
            client: Fixtures.client)
        let logBefore = try await engine.auditLog(ofDocument: "d-1")
        let leavesBefore = try await engine.logLeafHashes()
        let stateBefore = try await engine.state(ofDocument: "d-1")

        faults.failNextCommits(1)
        await #expect(throws: StoreError.self) {
            try await Self.sesSign(engine, document: sent.document, signerID: "d-1-s0", as: clients[0], key: "retry-1")
        }
        #expect(try await engine.state(ofDocument: "d-1") == stateBefore)
        #expect(try await engine.auditLog(ofDocument: "d-1") == logBefore)
        #expect(try await engine.logLeafHashes() == leavesBefore)

        let first = try await Self.sesSign(engine, document: sent.document, signerID: "d-1-s0", as: clients[0], key: "retry-1")
        #expect(first.document.status == .signed && !first.replayed)
        let again = try await Self.sesSign(engine, document: sent.document, signerID: "d-1-s0", as: clients[0], key: "retry-1")
        #expect(again.replayed && again.document == first.document && again.events == first.events)
        let after = try await engine.auditLog(ofDocument: "d-1")
        #expect(after.filter { $0.event.action == .completed }.count == 1)
        #expect(try await engine.tariffPackages(ofPartner: "p-1").first?.usesUsed == 1)
        // The same key for another request is refused (within the key's 24 hours, on the test's clock).
        await #expect(throws: WorkflowError.idempotencyKeyReused("retry-1")) {
            try await engine.execute(
                .view(documentID: "d-1", signerID: "d-1-s0"), by: clients[0], client: Fixtures.client, idempotencyKey: "retry-1",
                at: Self.t.addingTimeInterval(120))
        }
        // Aborting every kind of write: a failed upload leaves no document.
        faults.failNextCommits(1)
        await #expect(throws: StoreError.self) { try await Self.sendDocument(engine, blobs, id: "d-2", clients: clients) }
        await #expect(throws: WorkflowError.documentNotFound("d-2")) { try await engine.state(ofDocument: "d-2") }
    }

    /// 20 documents × 50 signers, every signature sent at once: every document ends signed, exactly 20 uses are
    /// debited, and every chain and the platform log hold.
    @Test(arguments: StoreKind.available)
    func fiftySignersTimesTwentyDocumentsInParallel(kind: StoreKind) async throws {
        let (engine, blobs, _) = try await kind.make()
        let clients = try await Self.setUp(engine, uses: 25, clients: 50)
        var documents: [Document] = []
        for index in 0..<20 {
            let sent = try await Self.sendDocument(engine, blobs, id: "d-\(index)", clients: clients)
            _ = try await engine.execute(
                .sign(documentID: sent.document.id, signerID: "\(sent.document.id)-partner", Fixtures.partnerEDS()),
                by: Fixtures.employeePrincipal, client: Fixtures.client)
            documents.append(sent.document)
        }
        let completions = try await withThrowingTaskGroup(of: Bool.self) { group in
            for document in documents {
                for (index, client) in clients.enumerated() {
                    group.addTask {
                        try await Self.sesSign(engine, document: document, signerID: "\(document.id)-s\(index)", as: client).document.status
                            == .signed
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(completions == 20, "exactly one signature completes each document")
        for document in documents {
            let state = try await engine.state(ofDocument: document.id)
            let allSigned = state.signers.allSatisfy { $0.state == .signed }
            #expect(state.document?.status == .signed && state.signers.count == 51 && allSigned)
            let log = try await engine.auditLog(ofDocument: document.id)
            _ = try AuditChain.verify(log)
            #expect(log.filter { $0.event.action == .completed }.count == 1)
        }
        let package = try await engine.tariffPackages(ofPartner: "p-1").first
        #expect(package?.usesUsed == 20 && package?.usesReserved == 0)
        // One leaf per command: 20 × (upload + 50 signers + send + partner + 50 signatures), plus the 5 of the set-up
        // and its 50 clients' accounts.
        let leaves = try await engine.logLeafHashes()
        let commands = 20 * (1 + 50 + 1 + 1 + 50) + 5 + 50
        #expect(leaves.count == commands)
    }

    @Test(arguments: StoreKind.available)
    func partnerDocumentListPagesNewestFirstByStatus(kind: StoreKind) async throws {
        let (engine, blobs, _) = try await kind.make()
        let clients = try await Self.setUp(engine, clients: 1)
        for index in 0..<7 {
            _ = try await Self.sendDocument(engine, blobs, id: "d-\(index)", clients: clients, at: Self.t.addingTimeInterval(Double(index)))
        }
        _ = try await engine.execute(.cancel(documentID: "d-3", reason: nil), by: Fixtures.employeePrincipal, client: Fixtures.client)
        let first = try await engine.documents(ofPartner: "p-1", limit: 4)
        #expect(first.map(\.id) == ["d-6", "d-5", "d-4", "d-3"])
        let second = try await engine.documents(ofPartner: "p-1", limit: 4, after: first.last)
        #expect(second.map(\.id) == ["d-2", "d-1", "d-0"])
        #expect(try await engine.documents(ofPartner: "p-1", status: .cancelled).map(\.id) == ["d-3"])
        #expect(try await engine.documents(ofPartner: "p-2").isEmpty)
        if kind == .sqlite { // the embedded store runs in WAL mode, synced at every commit
            #expect(try await engine.store.query(SQLStatement("PRAGMA journal_mode")).first?.first?.text == "wal")
            #expect(try await engine.store.query(SQLStatement("PRAGMA synchronous")).first?.first?.integer == 2)
        }
        #expect(
            try await engine.store.query(SQLStatement("SELECT version FROM schema_migrations ORDER BY version")).map { $0.first?.integer }
                == [1, 2, 3, 4, 7])
        try await engine.migrate() // applying the migrations again changes nothing
        #expect(try await engine.documents(ofPartner: "p-1", status: .pending).count == 6)
    }
}
