import ArgumentParser
import Foundation
import Logging
import SenimCMS
import SenimEvidence
import SenimPKI
import SenimServer
import SenimWorkflow

/// `senimkey serve`: the platform. With no flags it starts on a fresh machine: SQLite and blobs in
/// `senimkey-data/`, SMS written to `senimkey-data/outbox/`, a generated seal key, the shipped NCA trust anchors.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Senimkey signing platform (HTTP API, SMS login, EDS and SMS-code signing, evidence export)."
    )

    @Option(help: "Data directory: the SQLite store, blobs, SMS outbox and keys.") var data = "senimkey-data"
    @Option(help: "postgres://user@host:port/database for PostgreSQL; default: SQLite in the data directory.") var database: String?
    @Option(help: "Environment variable holding the PostgreSQL password (when the URL has none).") var databasePasswordEnv =
        "SENIMKEY_DATABASE_PASSWORD"
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "The URL users reach the platform at (SMS links, eGov mobile API). Default: http://HOST:PORT.") var publicURL: String?
    @Option(help: "Trust anchors: a certificate file or a directory (default: the shipped certs/).") var trust: [String] = []
    @Option(help: "A CRL to validate with offline (repeatable; also put into every evidence package).") var crl: [String] = []
    @Option(help: "A validation policy JSON file (default: senimkey-kz-default).") var policy: String?
    @Flag(help: "Fetch CRLs and OCSP responses from the certificates' URLs while validating.") var online = false
    @Option(help: "PKCS#12 with the platform's seal key (default: a P-256 key generated in the data directory).") var sealP12: String?
    @Option(help: "Environment variable holding the seal PKCS#12 password.") var sealPasswordEnv = "SENIMKEY_SEAL_PASSWORD"
    @Option(
        help: ArgumentHelp(
            "Environment variable holding the key (32 bytes: 64 hex digits or base64) that wraps the platform keys kept in "
                + "PostgreSQL (default: kept unwrapped when it is unset).")
    )
    var keyWrappingEnv = "SENIMKEY_KEY_WRAPPING_KEY"
    @Option(help: "RFC 3161 timestamp authority URL for evidence package seals.") var tsa: String?
    @Option(help: "SMS provider URL (JSON over HTTPS); default: the outbox directory.") var smsURL: String?
    @Option(help: "Environment variable holding the SMS provider's Authorization header value.") var smsAuthorizationEnv =
        "SENIMKEY_SMS_AUTHORIZATION"
    @Option(help: "SMS provider request body template ({{to}}, {{to_e164}}, {{text}}, {{id}}).") var smsTemplate: String?
    @Option(help: "A proxy whose X-Forwarded-For is believed (repeatable).") var trustedProxy: [String] = []
    @Option(help: "Make this phone a platform administrator (created if new).") var adminPhone: String?
    @Flag(help: "Accept the NCA test IINs/BINs (test and staging deployments only).") var acceptNCATestIdentifiers = false
    @Flag(
        help: ArgumentHelp(
            "Let the partner's own signature be an SMS code of an employee with the sign right (default: only an EDS with the "
                + "partner's BIN).")
    )
    var partnerSMSSignature = false
    @Option(help: "An address that may read /metrics (repeatable; default: loopback only).") var metricsFrom: [String] = []
    @Flag(
        help: ArgumentHelp(
            "Let partners' webhooks go to http and to private or loopback addresses (a closed network; default: public HTTPS only).")
    )
    var webhooksAllowPrivate = false

    func run() async throws {
        let logger = Logger(label: "senimkey.serve")
        let directory = try DeploymentDirectory(path: data)
        let store: any Store
        // With PostgreSQL nothing is node-local: blobs and keys live in the database, so servers with different
        // data directories on one database are one platform. SQLite keeps both in the data directory.
        var shared: (blobs: BlobStore, keys: DatabaseKeys)?
        if let database, database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            let postgres = try PostgreSQLStore(url: database, password: ProcessInfo.processInfo.environment[databasePasswordEnv])
            store = postgres
            try await WorkflowEngine(store: postgres).migrate()
            let wrapping = try ProcessInfo.processInfo.environment[keyWrappingEnv].map { try DatabaseKeys.wrappingKey(from: $0) }
            let blobs = PostgreSQLBlobBackend(store: postgres)
            // Chunks of uploads a killed server left a day ago or more (no upload takes that long).
            try await blobs.purgeAbandonedUploads(olderThan: Date().addingTimeInterval(-86_400))
            shared = (BlobStore(backend: blobs), try await DatabaseKeys.load(from: postgres, wrappingKey: wrapping))
        } else {
            store = try SQLiteStore(path: database ?? directory.databasePath)
        }
        let sealIdentity =
            if let shared, sealP12 == nil {
                shared.keys.sealIdentity
            } else {
                try directory.sealIdentity(pkcs12: sealP12, password: ProcessInfo.processInfo.environment[sealPasswordEnv] ?? "")
            }
        let trustStore = try CLIInput.trustStore(trust.isEmpty ? CLIInput.defaultTrustDirectory().map { [$0] } ?? [] : trust)
        let revocationFiles = try crl.map { (name: ($0 as NSString).lastPathComponent, bytes: try CLIInput.read($0)) }
        var revocationSources: [any RevocationSource] = [
            OfflineRevocationSource(revocationLists: try revocationFiles.map { try CertificateRevocationList(bytes: $0.bytes) })
        ]
        if online { revocationSources.append(OnlineFetcher()) }
        let validationPolicy =
            try policy.map { try JSONDecoder.iso8601.decode(ValidationPolicy.self, from: Data(try CLIInput.read($0))) }
            ?? .kazakhstanDefault
        let sms: any SMSSender =
            try smsURL.map { url in
                var provider = HTTPSMSProvider.Configuration(
                    url: url, authorization: ProcessInfo.processInfo.environment[smsAuthorizationEnv])
                if let smsTemplate { provider.bodyTemplate = smsTemplate }
                return HTTPSMSProvider(configuration: provider)
            } ?? OutboxSMSSender(directory: directory.outboxDirectory)
        var configuration = ServerConfiguration(
            host: host, port: port, publicBaseURL: publicURL ?? "http://\(host):\(port)", blobDirectory: directory.blobDirectory,
            sesKey: try shared?.keys.sesKey ?? directory.sesKey(), sealIdentity: sealIdentity,
            timestampAuthorityURL: tsa,
            validation: ValidationContext(trustStore: trustStore, policy: validationPolicy, revocationSources: revocationSources),
            revocationFiles: revocationFiles, access: AccessPolicy(agreement: .shipped),
            rules: WorkflowRules(acceptsNCATestIdentifiers: acceptNCATestIdentifiers, partnerSignatureRequiresEDS: !partnerSMSSignature),
            trustedProxies: Set(trustedProxy), sms: sms)
        if !metricsFrom.isEmpty { configuration.metricsAddresses = Set(metricsFrom) }
        configuration.webhooks.allowPrivateAddresses = webhooksAllowPrivate
        configuration.blobStore = shared?.blobs
        // The arbitration report's PDF (in every package and for ?format=pdf) needs Chromium; without it the HTML stays.
        configuration.reportRenderer = ReportPDFRenderer.installed()
        if configuration.reportRenderer == nil {
            logger.warning("\(ReportPDFRenderer.RenderError.rendererMissing.sentence(in: .en))")
        }
        if let shared, sealP12 == nil {
            // The certificate is public: every node writes the database's one where the operator looks for it.
            let path = directory.file("keys/seal.cert.pem")
            guard FileManager.default.createFile(atPath: path, contents: Data(shared.keys.sealCertificatePEM.utf8)) else {
                throw ValidationError("cannot write \(path)")
            }
        }
        let platform = try SenimPlatform(configuration: configuration, store: store)
        try await platform.migrate()
        if let adminPhone {
            guard let phone = PhoneNumber(adminPhone) else {
                throw ValidationError("--admin-phone: \(adminPhone) is not a Kazakh mobile number")
            }
            try await platform.ensureAdministrator(phone: phone)
        }
        logger.info(
            "senimkey serve",
            metadata: [
                "data": "\(data)", "store": "\(database == nil ? "sqlite" : "external")",
                "blobs and keys": "\(shared == nil ? "data directory" : "database")",
                "sms": "\(smsURL == nil ? "outbox \(directory.outboxDirectory)" : "http")",
            ])
        if smsURL == nil {
            logger.warning(
                "SMS are written to the outbox directory, not sent: for development only. Give --sms-url to send them.",
                metadata: ["outbox": "\(directory.outboxDirectory)"])
        }
        try await PlatformServer(platform: platform).run(logger: logger) { port in
            logger.info(
                "listening", metadata: ["url": "http://\(host):\(port)", "seal certificate": "\(directory.file("keys/seal.cert.pem"))"])
        }
    }
}
