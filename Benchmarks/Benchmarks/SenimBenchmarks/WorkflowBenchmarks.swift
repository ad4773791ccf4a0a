import Benchmark
import Foundation
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// Complete signing workflows per second (upload → 2 signers → send → partner SES → 2 signers SES → signed,
/// with every audit event and platform-log leaf), on SQLite (both durability levels) and on PostgreSQL when
/// `SENIMKEY_BENCH_POSTGRES_URL` is set; next to each, the store's floor: a transaction committing one row.
/// Also: one command with one audit event, the audit chain link + log leaf alone, and the first page of a
/// partner's list among 100,000 documents.
func registerWorkflowBenchmarks() {
    let time = Date(timeIntervalSince1970: 1_790_000_000)
    let client = ClientContext(ipAddress: "203.0.113.7", userAgent: "bench")
    func iin(_ prefix: String) -> String {
        (0...9).map { prefix + String($0) }.first { KazakhIdentifier($0, kind: .iin)?.hasValidCheckDigit == true } ?? prefix + "0"
    }
    let bin = (0...9).compactMap { KazakhIdentifier("24074001277\($0)", kind: .bin) }.first { $0.hasValidCheckDigit }!
    let partner = Partner(id: "p-1", bin: bin, organisation: "ТОО «Сенім»", createdAt: time)
    let employee = User(id: "u-e", phone: PhoneNumber("+77010000001")!, createdAt: time)
    let principal = WorkflowPrincipal(user: employee, employments: [Employee(partnerID: "p-1", userID: "u-e", rights: .all)])
    let clients = (0..<2).map { WorkflowPrincipal(user: User(id: "u-\($0)", phone: PhoneNumber("+7701000010\($0)")!, iin: KazakhIdentifier(iin("9001010000\($0)"), kind: .iin), createdAt: time)) }
    let sha256 = String(repeating: "ab", count: 32), gost = String(repeating: "cd", count: 32)

    func prepare(_ store: any Store) -> WorkflowEngine {
        // The benchmark signs the partner's slot by SMS code, as a deployment with that setting does.
        let engine = WorkflowEngine(store: store, rules: WorkflowRules(partnerSignatureRequiresEDS: false))
        awaitResult {
            try! await engine.migrate()
            try! await engine.save(.partner(partner), by: nil, client: client, at: time)
            try! await engine.save(.user(employee), by: nil, client: client, at: time)
            try! await engine.save(.employee(principal.employments[0]), by: nil, client: client, at: time)
            for person in clients { try! await engine.save(.user(person.user), by: nil, client: client, at: time) }
            try! await engine.save(.tariff(TariffPackage(id: "t-1", partnerID: "p-1", usesTotal: 10_000_000, validFrom: time.addingTimeInterval(-60),
                                                         validUntil: time.addingTimeInterval(86_400 * 365))), by: nil, client: client, at: time)
        }
        return engine
    }
    @Sendable func workflow(_ engine: WorkflowEngine, _ id: String) async throws {
        let upload = UploadRequest(partnerID: "p-1", fileName: "\(id).pdf", mediaType: "application/pdf", size: 1000, sha256: sha256, gost34311: gost)
        try await engine.execute(.upload(documentID: id, uploadedBy: "u-e", upload), by: principal, client: client, blobPath: "/blobs/ab/\(sha256)", at: time)
        for (index, person) in clients.enumerated() {
            try await engine.execute(.addSigner(documentID: id, signerID: "\(id)-\(index)", SignerRequest(surname: "A", name: "B", iin: person.user.iin!.digits,
                                                                                                         phone: person.user.phone.e164)), by: principal, client: client, at: time)
        }
        try await engine.execute(.send(documentID: id), by: principal, client: client, at: time)
        let partnerSES = SignatureEvidence.ses(.init(challengeID: "c-\(id)", recordSHA256: sha256, signerIIN: "", documentSHA256: sha256))
        try await engine.execute(.sign(documentID: id, signerID: "\(id)-partner", partnerSES), by: principal, client: client, at: time)
        for (index, person) in clients.enumerated() {
            let ses = SignatureEvidence.ses(.init(challengeID: "c-\(id)-\(index)", recordSHA256: sha256, signerIIN: person.user.iin!.digits, documentSHA256: sha256))
            try await engine.execute(.sign(documentID: id, signerID: "\(id)-\(index)", ses), by: person, client: client, at: time)
        }
    }

    /// The workflow as the platform's upload form submits it: create (upload, two signers, send) in one
    /// command, then the partner's and both signers' SES signatures: 4 commands.
    @Sendable func createdWorkflow(_ engine: WorkflowEngine, _ id: String) async throws {
        let upload = UploadRequest(partnerID: "p-1", fileName: "\(id).pdf", mediaType: "application/pdf", size: 1000, sha256: sha256, gost34311: gost)
        let named = clients.enumerated().map { index, person in
            NamedSigner(signerID: "\(id)-\(index)", SignerRequest(surname: "A", name: "B", iin: person.user.iin!.digits, phone: person.user.phone.e164))
        }
        try await engine.execute(.create(documentID: id, uploadedBy: "u-e", upload, signers: named, send: true), by: principal, client: client,
                                 blobPath: "/blobs/ab/\(sha256)", at: time)
        let partnerSES = SignatureEvidence.ses(.init(challengeID: "c-\(id)", recordSHA256: sha256, signerIIN: "", documentSHA256: sha256))
        try await engine.execute(.sign(documentID: id, signerID: "\(id)-partner", partnerSES), by: principal, client: client, at: time)
        for (index, person) in clients.enumerated() {
            let ses = SignatureEvidence.ses(.init(challengeID: "c-\(id)-\(index)", recordSHA256: sha256, signerIIN: person.user.iin!.digits, documentSHA256: sha256))
            try await engine.execute(.sign(documentID: id, signerID: "\(id)-\(index)", ses), by: person, client: client, at: time)
        }
    }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-bench-store-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var stores: [(String, any Store)] = [
        ("SQLite (synchronous=FULL)", try! SQLiteStore(path: directory + "/full.sqlite", durability: .full)),
        ("SQLite (synchronous=NORMAL)", try! SQLiteStore(path: directory + "/normal.sqlite", durability: .normal)),
    ]
    if let url = ProcessInfo.processInfo.environment["SENIMKEY_BENCH_POSTGRES_URL"] {
        let store = try! PostgreSQLStore(url: url, maximumConnections: 8)
        awaitResult { try! await store.dropAllTables() }
        stores.append(("PostgreSQL", store))
    } else {
        print("*** workflow benchmarks: PostgreSQL skipped (set SENIMKEY_BENCH_POSTGRES_URL) ***")
    }
    let batch = 100
    let configuration = Benchmark.Configuration(metrics: [.wallClock], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 50)
    for (name, store) in stores {
        let engine = prepare(store)
        let counter = Counter()
        // 8 in flight is a quiet server; 32, a busy one (more commands share each SQLite commit).
        for inFlight in [8, 32] {
            let variants: [(label: String, prefix: String, run: @Sendable (WorkflowEngine, String) async throws -> Void)] = [
                ("create + 3 SES signatures, 4 commands each", "c", createdWorkflow),
                ("7 commands each", "w", workflow),
            ]
            for variant in variants {
                Benchmark("Workflow \(name): \(batch) complete workflows (\(variant.label), \(inFlight) in flight)", configuration: configuration) { benchmark in
                    for _ in benchmark.scaledIterations {
                        let base = counter.next(batch)
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for offset in 0..<batch {
                                if offset >= inFlight { try await group.next() }
                                group.addTask { try await variant.run(engine, "\(variant.prefix)-\(base + offset)") }
                            }
                            try await group.waitForAll()
                        }
                    }
                }
            }
        }
        Benchmark("Workflow \(name): floor, a transaction committing one row", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                for _ in 0..<batch {
                    let key = "floor-\(counter.next(1))"
                    let _: Void = try await store.transaction(reads: []) { _ in
                        ([SQLStatement("INSERT INTO idempotency_keys (key, request_sha256, result_json, created_at) VALUES (?, ?, ?, ?)",
                                       [.text(key), .text(sha256), .text("{}"), .integer(0)])], ())
                    }
                }
            }
        }
        let viewed = "viewed-\(counter.next(1))"
        awaitResult {
            try! await engine.execute(.upload(documentID: viewed, uploadedBy: "u-e", UploadRequest(partnerID: "p-1", fileName: "v.pdf", mediaType: "application/pdf",
                                                                                                   size: 1, sha256: sha256, gost34311: gost, partnerSignsFirst: false)),
                                      by: principal, client: client, blobPath: "/b", at: time)
            try! await engine.execute(.addSigner(documentID: viewed, signerID: "\(viewed)-0", SignerRequest(surname: "A", name: "B", iin: clients[0].user.iin!.digits,
                                                                                                          phone: clients[0].user.phone.e164)), by: principal, client: client, at: time)
            try! await engine.execute(.send(documentID: viewed), by: principal, client: client, at: time)
        }
        Benchmark("Workflow \(name): one command with one audit event (document viewed), per 100", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                for _ in 0..<100 { try await engine.execute(.view(documentID: viewed, signerID: "\(viewed)-0"), by: clients[0], client: client, at: time) }
            }
        }
    }

    Benchmark("Workflow: audit chain link + platform-log leaf alone (one event)", configuration: .init(metrics: [.wallClock], timeUnits: .microseconds)) { benchmark in
        let event = AuditEvent(sequence: 7, documentID: "d", time: time, actor: AuditActor(userID: "u", role: .client), client: client,
                               documentSHA256: sha256, documentGOST34311: gost, action: .documentViewed(signerID: "s"))
        for _ in benchmark.scaledIterations {
            let link = try AuditChain.link(event, after: AuditChain.genesis)
            blackHole(MerkleHash.leaf(try AuditAnchor(documentID: "d", lastSequence: 7, head: link.hash).leafData()))
        }
    }
    registerDocumentListBenchmarks(directory: directory, prepare: prepare, sha256: sha256, gost: gost)
}

/// The list: 100,000 documents of one partner in SQLite, first page by the (partner, created_at, id) index.
func registerDocumentListBenchmarks(directory: String, prepare: (any Store) -> WorkflowEngine, sha256: String, gost: String) {
    guard ProcessInfo.processInfo.environment["SENIMKEY_BENCH_SKIP_LIST"] == nil else { return }
    let listStore = try! SQLiteStore(path: directory + "/list.sqlite", durability: .normal)
    let listEngine = prepare(listStore)
    awaitResult {
        for chunk in stride(from: 0, to: 100_000, by: 5_000) {
            let statements = (chunk..<(chunk + 5_000)).map { index in
                SQLStatement("""
                    INSERT INTO documents (id, partner_id, created_by, file_name, media_type, size, sha256, gost34311, language, signing_method, signing_order,
                        partner_signs_first, deadline, status, tariff_package_id, blob_path, created_at, updated_at)
                    VALUES (?, 'p-1', 'u-e', 'f.pdf', 'application/pdf', 1, ?, ?, 'ru', 'EDS_OR_SES', 'PARALLEL', 1, NULL, ?, NULL, '/b', ?, ?)
                    """, [.text("l-\(index)"), .text(sha256), .text(gost), .text(["draft", "pending", "signed", "rejected"][index % 4]),
                          .integer(1_790_000_000_000 + Int64(index)), .integer(1_790_000_000_000 + Int64(index))])
            }
            let _: Void = try! await listStore.transaction(reads: []) { _ in (statements, ()) }
        }
    }
    Benchmark("Workflow SQLite: first page (50) of a partner's 100,000 documents", configuration: .init(metrics: [.wallClock], timeUnits: .microseconds)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try await listEngine.documents(ofPartner: "p-1", limit: 50)) }
    }
    Benchmark("Workflow SQLite: first page (50) of a partner's signed documents among 100,000", configuration: .init(metrics: [.wallClock], timeUnits: .microseconds)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try await listEngine.documents(ofPartner: "p-1", status: .signed, limit: 50)) }
    }
}

/// Unique ids across benchmark iterations.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next(_ count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += count
        return value - count
    }
}
