import Hummingbird
import Logging
import NIOCore
import SenimWorkflow

/// `senimkey serve`: the platform's HTTP application. API controllers register their operations through
/// ``APIRouter`` (so the served OpenAPI document is the router's own list), page controllers through
/// ``PageRouter``; each router's route collection is then added to the application's router.
public struct PlatformServer: Sendable {
    public let platform: SenimPlatform

    public init(platform: SenimPlatform) { self.platform = platform }

    /// The router with every route and the session middleware; also what tests drive.
    func makeRouter() throws -> (Router<PlatformRequestContext>, APIRouter, PageRouter) {
        PlatformMetrics.bootstrap()
        let router = Router(context: PlatformRequestContext.self)
        let configuration = platform.configuration
        router.add(middleware: RequestObservationMiddleware())
        router.add(
            middleware: SessionMiddleware(
                engine: platform.engine, trustedProxies: configuration.trustedProxies, cookies: configuration.cookies,
                maximumJSONBody: configuration.maximumRequestBody, clock: configuration.clock))
        let api = APIRouter(
            publicBaseURL: configuration.publicBaseURL,
            idempotency: IdempotentRequests(engine: platform.engine, clock: configuration.clock))
        let controllers: [any APIController] = [
            HealthController(platform: platform), AuthController(platform: platform), DocumentController(platform: platform),
            SigningController(platform: platform), AdminController(platform: platform), EGovMobileController(platform: platform),
            APIKeyController(platform: platform), WebhookController(platform: platform),
        ]
        for controller in controllers { controller.addRoutes(to: api) }
        router.add(middleware: MethodNotAllowedMiddleware(operations: api.operations))
        router.addRoutes(api.collection)
        let renderer = try PageRenderer(cookies: configuration.cookies, csrfKey: configuration.csrfKey)
        let pages = PageRouter(renderer: renderer, platform: platform)
        let pageControllers: [any PageController] = [
            AccessController(platform: platform, renderer: renderer), CabinetController(platform: platform, renderer: renderer),
            InboxController(platform: platform, renderer: renderer), SignerController(platform: platform, renderer: renderer),
            AdminPagesController(platform: platform, renderer: renderer), VerifyController(platform: platform, renderer: renderer),
        ]
        for controller in pageControllers { controller.addRoutes(to: pages) }
        router.addRoutes(pages.collection)
        return (router, api, pages)
    }

    /// The application `run` serves: the router, an idle connection (a slow-loris client among them) closed
    /// after the configured time. Tests drive it through HummingbirdTesting's router framework too.
    func makeApplication(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) throws
        -> some ApplicationProtocol
    {
        let (router, _, _) = try makeRouter()
        let configuration = platform.configuration
        return Application(
            router: router, server: .http1(configuration: .init(idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "senimkey"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) }, logger: logger)
    }

    /// Runs until cancelled. `onListening` gets the bound port (port 0 picks a free one).
    public func run(logger: Logger = Logger(label: "senimkey.serve"), onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        let application = try makeApplication(logger: logger, onListening: onListening)
        let configuration = platform.configuration
        // The deadline job runs beside the server and ends with it.
        let platform = self.platform
        let deadlines = Task {
            while !Task.isCancelled {
                do { try await platform.expireOverdueDocuments() } catch { logger.error("deadline job", metadata: ["error": "\(error)"]) }
                try? await Task.sleep(for: configuration.deadlineCheckInterval)
            }
        }
        defer { deadlines.cancel() }
        // So does the webhook queue's dispatcher (every replica runs one; the store gives each attempt to one).
        let webhooks = Task {
            await WebhookDispatcher(engine: platform.engine, settings: configuration.webhooks, clock: configuration.clock).run(
                logger: logger)
        }
        defer { webhooks.cancel() }
        try await application.runService()
    }

    /// The operations the API serves (method, path), as documented at `/openapi.json`.
    public var documentedOperations: [(method: String, path: String)] {
        ((try? makeRouter())?.1.operations ?? []).map { ($0.method.rawValue, $0.openAPIPath) }
    }
}
