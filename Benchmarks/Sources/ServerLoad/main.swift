import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimServer
import SenimWorkflow

// The platform under load, on loopback, beside a bare Hummingbird "hello" route started in the same run:
//  1. document status reads (GET /api/v1/documents/{id}, a session check and three indexed reads) against
//     GET /hello, both driven by wrk with 64 connections; throughput ratio and p99;
//  2. SES signing completions per second (code by SMS, confirm, seal, commit with audit and log leaf), on
//     SQLite and, with SENIMKEY_BENCH_POSTGRES_URL, PostgreSQL; every audit chain verified afterwards.
// Bounded: each wrk run lasts `SENIMKEY_LOAD_SECONDS` (default 4), `SENIMKEY_LOAD_ROUNDS` (default 5) rounds of
// baseline and status read alternate; the SES run signs a fixed number of documents.

let seconds = Int(ProcessInfo.processInfo.environment["SENIMKEY_LOAD_SECONDS"] ?? "4") ?? 4
let sesDocuments = Int(ProcessInfo.processInfo.environment["SENIMKEY_LOAD_SES_DOCUMENTS"] ?? "600") ?? 600
let readsOnly = ProcessInfo.processInfo.environment["SENIMKEY_LOAD_READS_ONLY"] != nil
let rounds = Int(ProcessInfo.processInfo.environment["SENIMKEY_LOAD_ROUNDS"] ?? "5") ?? 5

/// SMS kept in memory: the load generator reads codes as a phone would.
final class Inbox: SMSSender, @unchecked Sendable {
    private let lock = NSLock()
    private var last: [String: String] = [:]
    func send(_ message: SMSMessage) async throws -> String {
        lock.withLock { last[message.to.e164] = message.text }
        return "memory"
    }
    func code(for phone: String) -> String {
        guard let text = lock.withLock({ last[phone] }), let range = text.range(of: #"\d{6}"#, options: .regularExpression) else { return "" }
        return String(text[range])
    }
}

struct WrkResult { let requestsPerSecond: Double; let p50: String; let p99: String; let p99Milliseconds: Double; let failures: Int }

/// wrk -t2 -c64 against one URL; parses requests/s, the latency percentiles and any errors.
func wrk(_ url: String, token: String? = nil) throws -> WrkResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
    process.arguments = ["-t2", "-c64", "-d\(seconds)s", "--latency"] + (token.map { ["-H", "Authorization: Bearer \($0)"] } ?? []) + [url]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    func value(after label: String) -> String {
        output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }
            .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(label.count).trimmingCharacters(in: .whitespaces) } ?? ""
    }
    let p99 = value(after: "99%")
    let milliseconds: Double
    if p99.hasSuffix("us") {
        milliseconds = (Double(p99.dropLast(2)) ?? 0) / 1000
    } else if p99.hasSuffix("ms") {
        milliseconds = Double(p99.dropLast(2)) ?? 0
    } else {
        milliseconds = (Double(p99.dropLast(1)) ?? 0) * 1000
    }
    let failures = Int(value(after: "Non-2xx or 3xx responses:")) ?? 0
    return WrkResult(requestsPerSecond: Double(value(after: "Requests/sec:")) ?? 0, p50: value(after: "50%"), p99: p99, p99Milliseconds: milliseconds,
                     failures: failures + (output.contains("Socket errors") ? 1 : 0))
}

/// A bare Hummingbird application with one route: the baseline.
func startHello() async throws -> (String, Task<Void, any Error>) {
    let router = Router()
    router.get("/hello") { _, _ in "hello" }
    let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
    let task = Task { try await app.runService() }
    var port = 0
    for await value in stream { port = value; break }
    return ("http://127.0.0.1:\(port)/hello", task)
}

func startPlatform(store: any Store, directory: String, inbox: Inbox) async throws -> (SenimPlatform, String, Task<Void, any Error>) {
    let key = try PrivateKey.generateP256()
    let certificate = try SelfSignedCertificate.make(commonName: "load seal", organisation: "Senimkey", key: key, algorithm: .ecdsa(.sha256),
                                                     validFrom: Date().addingTimeInterval(-60), validUntil: Date().addingTimeInterval(86_400))
    let configuration = ServerConfiguration(
        host: "127.0.0.1", port: 0, publicBaseURL: "http://127.0.0.1", blobDirectory: directory + "/blobs", sesKey: [UInt8](repeating: 5, count: 32),
        sealIdentity: try SigningIdentity(privateKey: key, certificate: certificate), validation: ValidationContext(trustStore: TrustStore(roots: [])),
        access: AccessPolicy(agreement: AgreementEdition(edition: "1", text: "agreement"), codesPerPhone: 1000, codesPerAddress: 1_000_000, codesPerSigner: 1000),
        sms: inbox)
    let platform = try SenimPlatform(configuration: configuration, store: store)
    try await platform.migrate()
    let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "load")
    logger.logLevel = .error
    let task = Task { try await PlatformServer(platform: platform).run(logger: logger, onListening: { continuation.yield($0) }) }
    var port = 0
    for await value in stream { port = value; break }
    return (platform, "http://127.0.0.1:\(port)", task)
}

func login(_ platform: SenimPlatform, _ phone: PhoneNumber, _ inbox: Inbox) async throws -> SessionGrant {
    let client = ClientContext(ipAddress: nil, userAgent: "load")
    let issued = try await platform.requestLoginCode(phone: phone, client: client, language: .ru)
    return try await platform.confirmLogin(phone: phone, challengeID: issued.challengeID, code: inbox.code(for: phone.e164), acceptingAgreement: true, client: client)
}

func validIIN(_ index: Int) -> String {
    let base = String(format: "90010130%04d", index % 10000).prefix(11)
    return (0...9).map { base + String($0) }.first { KazakhIdentifier($0, kind: .iin)?.hasValidCheckDigit == true } ?? String(base) + "0"
}

func post(_ url: String, token: String, json: [String: String]) async throws -> Int {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    _ = try await response.body.collect(upTo: 1 << 20)
    return Int(response.status.code)
}

func run(storeName: String, store: any Store, directory: String, measureReads: Bool) async throws {
    let inbox = Inbox()
    let (platform, base, task) = try await startPlatform(store: store, directory: directory, inbox: inbox)
    defer { task.cancel() }
    let engine = platform.engine, client = ClientContext(ipAddress: nil, userAgent: "load"), now = Date()
    let bin = (0...9).compactMap { KazakhIdentifier("24074001277\($0)", kind: .bin) }.first { $0.hasValidCheckDigit }!
    try await engine.save(.partner(Partner(id: "p-load", bin: bin, organisation: "ТОО «Нагрузка»", createdAt: now)), by: nil, client: client)
    try await engine.save(.tariff(TariffPackage(id: "t-load", partnerID: "p-load", usesTotal: 10_000_000, validFrom: now.addingTimeInterval(-60),
                                                validUntil: now.addingTimeInterval(86_400))), by: nil, client: client)
    let managerPhone = PhoneNumber("+77010000001")!
    let manager = try await login(platform, managerPhone, inbox)
    try await engine.save(.employee(Employee(partnerID: "p-load", userID: manager.principal.user.id, rights: .all)), by: nil, client: client)
    guard let principal = try await engine.principal(userID: manager.principal.user.id) else { return }

    // Documents waiting for one SMS signature each, and each signer's session.
    var signers: [(document: String, signer: String, phone: String, token: String)] = []
    for index in 0..<sesDocuments {
        let id = "d-\(index)", phone = PhoneNumber(String(format: "+7702%07d", index))!
        let sha = Hex.encode(DigestAlgorithm.sha256.hash(Array("document \(index)".utf8)))
        let stored = try await platform.blobs.store(Array("document \(index)".utf8))
        try await engine.execute(.upload(documentID: id, uploadedBy: principal.user.id,
                                         UploadRequest(partnerID: "p-load", fileName: "\(id).txt", mediaType: "text/plain", size: stored.size, sha256: sha,
                                                       gost34311: stored.gost34311, signingMethod: .ses, partnerSignsFirst: false)),
                                 by: principal, client: client, blobPath: stored.path)
        try await engine.execute(.addSigner(documentID: id, signerID: "\(id)-s", SignerRequest(surname: "Load", name: "Test", iin: validIIN(index), phone: phone.e164)),
                                 by: principal, client: client)
        try await engine.execute(.send(documentID: id), by: principal, client: client)
        signers.append((id, "\(id)-s", phone.e164, try await login(platform, phone, inbox).token))
    }

    if measureReads {
        // The host is shared: the two are measured in alternating rounds, and the median of the per-round
        // ratios is reported beside the totals, so a noisy neighbour in one round does not decide the result.
        let (hello, helloTask) = try await startHello()
        defer { helloTask.cancel() }
        let health = try wrk("\(base)/healthz")
        print("| /healthz through the platform's middleware (\(storeName)) | \(Int(health.requestsPerSecond)) req/s, p99 \(health.p99) | — | — |")
        var ratios: [Double] = [], reads: [WrkResult] = [], baselines: [WrkResult] = []
        for _ in 0..<rounds {
            let baseline = try wrk(hello)
            let read = try wrk("\(base)/api/v1/documents/d-0", token: manager.token)
            baselines.append(baseline)
            reads.append(read)
            ratios.append(read.requestsPerSecond / max(baseline.requestsPerSecond, 1))
        }
        let median = ratios.sorted()[ratios.count / 2]
        let p99s = reads.map(\.p99Milliseconds).sorted()
        func mean(_ results: [WrkResult]) -> Int { Int(results.map(\.requestsPerSecond).reduce(0, +) / Double(results.count)) }
        print("| document status read (\(storeName)), \(rounds) rounds of \(seconds) s | \(mean(reads)) req/s mean, p99 median \(String(format: "%.1f", p99s[p99s.count / 2])) ms (rounds: \(reads.map(\.p99).joined(separator: ", "))) | bare Hummingbird /hello \(mean(baselines)) req/s mean | median ratio \(String(format: "%.0f", 100 * median)) % (rounds: \(ratios.map { String(format: "%.0f", 100 * $0) }.joined(separator: ", ")) %); failures \(reads.map(\.failures).reduce(0, +)) |")
    }

    if readsOnly { return }
    // SES completions: 16 signers at a time, each asking for a code and confirming it over HTTP.
    let started = ContinuousClock.now
    let failures = try await withThrowingTaskGroup(of: Int.self) { group in
        var failed = 0, next = 0
        func add() {
            let item = signers[next]
            next += 1
            group.addTask {
                let code = try await post("\(base)/api/v1/documents/\(item.document)/signers/\(item.signer)/codes", token: item.token, json: ["action": "sign"])
                guard code == 202 else { return 1 }
                let challenge = try await platform.engine.store.query(SQLStatement(
                    "SELECT id FROM ses_challenges WHERE signer_id = ? ORDER BY created_at DESC LIMIT 1", [.text(item.signer)])).first?.first?.text ?? ""
                let signed = try await post("\(base)/api/v1/documents/\(item.document)/signers/\(item.signer)/ses", token: item.token,
                                            json: ["challengeID": challenge, "code": inbox.code(for: item.phone)])
                return signed == 200 ? 0 : 1
            }
        }
        for _ in 0..<min(16, signers.count) { add() }
        while let result = try await group.next() {
            failed += result
            if next < signers.count { add() }
        }
        return failed
    }
    let elapsed = ContinuousClock.now - started
    let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    var signed = 0
    for item in signers {
        if try await engine.state(ofDocument: item.document).document?.status == .signed { signed += 1 }
        try AuditChain.verify(try await engine.auditLog(ofDocument: item.document))
    }
    print("| SES signing completions (\(storeName)) | \(String(format: "%.0f", Double(signers.count) / secondsTaken))/s (\(signers.count) in \(String(format: "%.2f", secondsTaken)) s, 16 in flight) | — | \(signed) of \(signers.count) signed, \(failures) failures, every chain verified |")
}

let root = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-load-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
print("| what | Senimkey | baseline | result |")
print("|---|---|---|---|")
try await run(storeName: "SQLite", store: try SQLiteStore(path: root + "/load.sqlite"), directory: root + "/sqlite", measureReads: true)
if let url = ProcessInfo.processInfo.environment["SENIMKEY_BENCH_POSTGRES_URL"] {
    let store = try PostgreSQLStore(url: url, maximumConnections: 16)
    try await store.dropAllTables()
    try await run(storeName: "PostgreSQL", store: store, directory: root + "/postgres", measureReads: true)
} else {
    print("(PostgreSQL skipped: set SENIMKEY_BENCH_POSTGRES_URL)")
}
try? FileManager.default.removeItem(atPath: root)
