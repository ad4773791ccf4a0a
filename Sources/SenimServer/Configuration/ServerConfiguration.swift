import Foundation
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// Everything a running platform needs, as one value: where it listens, where it keeps data, whose keys seal
/// its evidence, which rules validate signatures, and how it reaches users by SMS.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0: any free port (tests read the bound one back).
    public var port: Int
    /// The address users reach the platform at: the base of SMS links and of the eGov mobile API URLs.
    public var publicBaseURL: String
    /// Document and signature blobs (content-addressed) when `blobStore` is nil; also where evidence exports are
    /// assembled before they are sent.
    public var blobDirectory: String
    /// Where blobs live when not in `blobDirectory`: PostgreSQL deployments keep them in the database, so that
    /// every server serves every document.
    public var blobStore: BlobStore?
    /// The key that derives SMS codes (≥ 256 bits; never stored beside the challenges).
    public var sesKey: [UInt8]
    /// The platform's own key: it seals SES records, evidence packages and log checkpoints.
    public var sealIdentity: SigningIdentity
    /// RFC 3161 TSA for the evidence package seal; nil: the seal carries its signing time only.
    public var timestampAuthorityURL: String?
    /// How EDS signatures are validated (trust anchors, policy, revocation sources) under this deployment.
    public var validation: ValidationContext
    /// CRLs and OCSP responses the deployment validates with offline (also put into every evidence package).
    public var revocationFiles: [(name: String, bytes: [UInt8])]
    public var access: AccessPolicy
    public var rules: WorkflowRules
    /// Largest document accepted, in bytes.
    public var maximumDocumentSize: Int64
    /// Largest JSON request body (a CMS or an XML signature inside it included).
    public var maximumRequestBody: Int
    /// Proxies whose `X-Forwarded-For` is believed; from anyone else the connection's address is the client's.
    public var trustedProxies: Set<String>
    public var sms: any SMSSender
    /// The origin shown in log checkpoints (C2SP tlog origin line).
    public var logOrigin: String
    /// The platform's clock (tests pin it: the NCA test certificates are valid only in their year).
    public var clock: @Sendable () -> Date
    /// Addresses that may read `/metrics` (the deployment's monitoring); loopback by default.
    public var metricsAddresses: Set<String> = ["127.0.0.1", "::1"]
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// Evidence exports and arbitration reports per user in `exportWindow`.
    public var exportsPerWindow: Int = 20
    public var exportWindow: TimeInterval = 600
    /// Open eGov mobile QR tickets: at most this many at once, each living `eGovTicketLifetime`.
    public var eGovTicketLimit: Int = 10_000
    public var eGovTicketLifetime: TimeInterval = 600
    /// How often the deadline job looks for overdue documents.
    public var deadlineCheckInterval: Duration = .seconds(60)
    /// Prints the arbitration report to PDF: into every evidence package (`report/report.<lang>.pdf`) and for
    /// `…/report?format=pdf`. `senimkey serve` sets the installed Chromium; nil (the tests' default, where each
    /// print would start a browser): packages carry the HTML report only and `format=pdf` is refused with 503.
    public var reportRenderer: ReportPDFRenderer?
    /// Public verification lookups (`/verify`) per client address in `verificationWindow`.
    public var verificationsPerWindow: Int = 30
    public var verificationWindow: TimeInterval = 600
    /// Partners' webhooks: where they may go, one attempt's time, how often the queue is looked at.
    public var webhooks = WebhookSettings()

    /// Whether users reach the platform over https (its public URL): then cookies are `Secure` and `__Host-`
    /// prefixed and every answer carries HSTS.
    public var usesHTTPS: Bool { publicBaseURL.lowercased().hasPrefix("https://") }

    var cookies: PlatformCookies { PlatformCookies(secure: usesHTTPS) }

    /// The key the CSRF tokens of pages are bound with (derived from the SMS-code key, for another purpose).
    var csrfKey: [UInt8] { (try? MessageAuthentication.hmac(.sha256, key: sesKey, message: Array("senimkey-csrf-binding".utf8))) ?? sesKey }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicBaseURL: String, blobDirectory: String, sesKey: [UInt8],
        sealIdentity: SigningIdentity, timestampAuthorityURL: String? = nil, validation: ValidationContext,
        revocationFiles: [(name: String, bytes: [UInt8])] = [], access: AccessPolicy,
        rules: WorkflowRules = WorkflowRules(), maximumDocumentSize: Int64 = 50 << 20, maximumRequestBody: Int = 4 << 20,
        trustedProxies: Set<String> = [], sms: any SMSSender, logOrigin: String = "senimkey.kz/log",
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.blobDirectory = blobDirectory
        self.sesKey = sesKey
        self.sealIdentity = sealIdentity
        self.timestampAuthorityURL = timestampAuthorityURL
        self.validation = validation
        self.revocationFiles = revocationFiles
        self.access = access
        self.rules = rules
        self.maximumDocumentSize = maximumDocumentSize
        self.maximumRequestBody = maximumRequestBody
        self.trustedProxies = trustedProxies
        self.sms = sms
        self.logOrigin = logOrigin
        self.clock = clock
    }
}
