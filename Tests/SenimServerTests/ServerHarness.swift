import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import SenimCMS
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow

@testable import SenimServer

/// A platform for one test, alive only inside `withServer`:
/// a fresh store of the given kind, blobs and an SMS outbox in a fresh directory, the clock pinned inside the
/// NCA 2026 test certificates' validity (the CRL of 2026-08-11 is fresh then), and a client that talks to it as
/// a browser or NCALayer page would: through Hummingbird's router test framework (no socket), or over real
/// HTTP on loopback for the tests about the connection itself (peer addresses, idle timeouts, a browser).
final class ServerHarness: @unchecked Sendable {
    enum Transport: Sendable {
        /// The application's router driven in-process (HummingbirdTesting's `.router`): every middleware and
        /// route, no TCP peer, no deadline job.
        case router
        /// The real server on a loopback port, the deadline job beside it.
        case loopback
    }

    static let pinnedTime = ISO8601DateFormatter().date(from: "2026-08-11T12:00:00Z")!
    /// The platform's clock: pinned, moved forward by tests of expiry.
    let clock = TestClock(ServerHarness.pinnedTime)
    let logs = CapturedLogs()
    let platform: SenimPlatform
    let outbox: OutboxSMSSender
    let directory: String
    /// A second store on the same database (another node's), when asked for.
    let peerStore: (any Store)?
    let faults: FaultInjection
    let transport: Transport
    private let server: PlatformServer
    private let logger: Logger
    /// Set while the test runs: the router's test client, or the loopback base URL.
    private var client: (any TestClientProtocol)?
    private(set) var baseURL = ""

    /// The deployment's validation for the tests: the NCA GOST 2022 test root, the CRL of its intermediate
    /// (no CRL of the root itself is published with the test pack, so CA revocation is not required).
    static func validation() throws -> (ValidationContext, [(name: String, bytes: [UInt8])]) {
        let crl = try TestVectors.bytes("kz/crl/nca_gost2022_test.2026-08-11.crl")
        let store = TrustStore(
            roots: [try Certificate(bytes: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer"))],
            intermediates: [try Certificate(bytes: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))])
        var policy = ValidationPolicy.kazakhstanDefault
        policy.identifier = "senimkey-platform-test"
        policy.revocationRequiredForCACertificates = false
        return (
            ValidationContext(
                trustStore: store, policy: policy,
                revocationSources: [OfflineRevocationSource(revocationLists: [try CertificateRevocationList(bytes: crl)])]),
            [("nca_gost2022_test.2026-08-11.crl", crl)]
        )
    }

    static func sealIdentity() throws -> SigningIdentity {
        try SigningIdentity(
            privateKey: try PrivateKey(pemEncoded: try TestVectors.text("generated/test-pki/signer_ec.key.pem")),
            certificate: try Certificate(bytes: try TestVectors.bytes("generated/test-pki/signer_ec.cert.pem")))
    }

    /// The agreement the tests' platform has in force.
    static let agreement = AgreementEdition(edition: "1", text: "Пользовательское соглашение, редакция 1")
    /// The access policy of tests that are not about the codes' back-off (they log the same phone in within
    /// seconds); the attack tests use the production policy.
    static let accessWithoutBackOff = AccessPolicy(agreement: agreement, backOffBase: 0)
    /// Tests sign the partner's slot by SMS code unless they are about that rule.
    static let rules = WorkflowRules(acceptsNCATestIdentifiers: true, partnerSignatureRequiresEDS: false)

    /// Runs `body` against a fresh platform and ends the server when `body` ends, whether it returns or throws.
    static func withServer<T: Sendable>(
        _ kind: StoreKind, transport: Transport = .router, trustedProxies: Set<String> = [], maximumDocumentSize: Int64 = 50 << 20,
        access: AccessPolicy = ServerHarness.accessWithoutBackOff, rules: WorkflowRules = ServerHarness.rules,
        publicBaseURL: String = "http://127.0.0.1", peer: Bool = false, adjust: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (ServerHarness) async throws -> T
    ) async throws -> T {
        let harness = try await ServerHarness(
            kind, transport: transport, trustedProxies: trustedProxies, maximumDocumentSize: maximumDocumentSize, access: access,
            rules: rules, publicBaseURL: publicBaseURL, peer: peer, adjust: adjust)
        return try await harness.serve(body)
    }

    private init(
        _ kind: StoreKind, transport: Transport, trustedProxies: Set<String>, maximumDocumentSize: Int64, access: AccessPolicy,
        rules: WorkflowRules, publicBaseURL: String, peer: Bool, adjust: (inout ServerConfiguration) -> Void
    ) async throws {
        let (store, peerStore, directory, faults) = try await kind.makeStores(peer: peer)
        self.directory = directory
        self.peerStore = peerStore
        self.faults = faults
        self.transport = transport
        outbox = try OutboxSMSSender(directory: directory + "/outbox")
        let (validation, revocation) = try Self.validation()
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, publicBaseURL: publicBaseURL, blobDirectory: directory + "/blobs",
            sesKey: [UInt8](repeating: 9, count: 32),
            sealIdentity: try Self.sealIdentity(), validation: validation, revocationFiles: revocation,
            access: access,
            rules: rules, maximumDocumentSize: maximumDocumentSize, trustedProxies: trustedProxies, sms: outbox,
            clock: { [clock] in clock.now })
        adjust(&configuration)
        platform = try SenimPlatform(configuration: configuration, store: store)
        try await platform.migrate()
        server = PlatformServer(platform: platform)
        logger = Logger(label: "senimkey.test") { [logs] _ in logs }
    }

    private func serve<T: Sendable>(_ body: @Sendable (ServerHarness) async throws -> T) async throws -> T {
        switch transport {
        case .router:
            return try await server.makeApplication(logger: logger).test(.router) { client in
                self.client = client
                defer { self.client = nil }
                return try await body(self)
            }
        case .loopback:
            let port = AsyncStream.makeStream(of: Int.self)
            let (server, logger) = (self.server, self.logger)
            let task = Task(executorPreference: ServerExecutor.shared) {
                try await server.run(logger: logger, onListening: { port.continuation.yield($0) })
            }
            var bound = 0
            for await value in port.stream {
                bound = value
                break
            }
            baseURL = "http://127.0.0.1:\(bound)"
            let result: Result<T, any Error>
            do { result = .success(try await body(self)) } catch { result = .failure(error) }
            task.cancel()
            _ = try? await task.value
            return try result.get()
        }
    }

    struct Answer {
        let status: Int
        let body: [UInt8]
        let headers: HTTPHeaders
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw HarnessError("not a JSON object: \(text)")
            }
            return object
        }
    }

    struct HarnessError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A client that shows redirects instead of following them (the pages answer forms with 303), shared by the
    /// process and never shut down.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// One request, through the router's test client or over real HTTP on loopback.
    func request(
        _ method: HTTPMethod, _ path: String, token: String? = nil, json: [String: Any]? = nil, body: [UInt8]? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> Answer {
        var headers = [("User-Agent", "senimkey-tests")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        headers += extra
        var bytes = body
        if let json {
            headers.append(("Content-Type", "application/json"))
            bytes = Array(try JSONSerialization.data(withJSONObject: json))
        }
        if let client { return try await Self.routed(client, method, path, headers: headers, body: bytes) }
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let bytes { request.body = .bytes(ByteBuffer(bytes: bytes)) }
        let response: HTTPClientResponse
        do {
            response = try await Self.client.execute(request, timeout: .seconds(60))
        } catch let error where Self.isIdleCloseRace(error) {
            // A pooled connection the server closed as idle (the idle-timeout tests set one to three seconds) while
            // the request was being written: the server never read it, so it is sent again on a new connection.
            response = try await Self.client.execute(request, timeout: .seconds(60))
        }
        let collected = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), body: Array(buffer: collected), headers: response.headers)
    }

    /// The two ways AsyncHTTPClient reports that the server closed a pooled connection as the request went out.
    private static func isIdleCloseRace(_ error: any Error) -> Bool {
        if let client = error as? HTTPClientError, client == .remoteConnectionClosed { return true }
        if let channel = error as? ChannelError, channel == .ioOnClosedChannel { return true }
        return false
    }

    private static func routed(
        _ client: any TestClientProtocol, _ method: HTTPMethod, _ path: String, headers: [(String, String)], body: [UInt8]?
    ) async throws -> Answer {
        var fields = HTTPFields()
        for (name, value) in headers {
            guard let field = HTTPField.Name(name) else { throw HarnessError("header name \(name)") }
            fields.append(HTTPField(name: field, value: value))
        }
        let response = try await client.execute(
            uri: path, method: HTTPRequest.Method(rawValue: method.rawValue) ?? .get, headers: fields,
            body: body.map { ByteBuffer(bytes: $0) })
        return Answer(
            status: Int(response.status.code), body: Array(buffer: response.body),
            headers: HTTPHeaders(response.headers.map { ($0.name.rawName, $0.value) }))
    }

    /// The code in the newest SMS to `phone` (as a developer reads it from the outbox).
    func lastCode(to phone: String) throws -> String {
        guard let message = try outbox.messages().last(where: { $0.to == phone }) else { throw HarnessError("no SMS to \(phone)") }
        guard let range = message.text.range(of: #"\d{6}"#, options: .regularExpression) else {
            throw HarnessError("no code in \(message.text)")
        }
        return String(message.text[range])
    }

    func lastLink(to phone: String) throws -> String {
        guard let message = try outbox.messages().last(where: { $0.to == phone && $0.purpose == "signingLink" }),
            let range = message.text.range(of: #"/s/[A-Za-z0-9_-]+"#, options: .regularExpression)
        else { throw HarnessError("no link to \(phone)") }
        return String(message.text[range].dropFirst(3))
    }

    /// Logs in by SMS code (accepting the agreement) and returns the session token.
    func login(_ phone: String) async throws -> String {
        let code = try await request(.POST, "/api/v1/auth/code", json: ["phone": phone])
        guard code.status == 202, let challenge = try code.json()["challengeID"] as? String else {
            throw HarnessError("code: \(code.status) \(code.text)")
        }
        let session = try await request(
            .POST, "/api/v1/auth/session",
            json: [
                "phone": phone, "challengeID": challenge, "code": try lastCode(to: phone),
                "acceptAgreement": true,
            ])
        guard session.status == 200, let token = try session.json()["token"] as? String else {
            throw HarnessError("session: \(session.status) \(session.text)")
        }
        return token
    }
}

/// A clock the tests move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Date
    init(_ time: Date) { self.time = time }
    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return time
    }
    func advance(_ interval: TimeInterval) {
        lock.lock()
        time += interval
        lock.unlock()
    }
}

/// Every log line the server wrote, to prove no code or token ever reaches a log.
final class CapturedLogs: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
        let line = "\(event.level) \(event.message) \(fields)"
        lock.lock()
        stored.append(line)
        lock.unlock()
    }
}
