import Hummingbird
import Logging
import NIOCore
import SenimWorkflow

/// `senimkey serve`: the platform's HTTP application. Routes are registered through ``APIRouter`` so the
/// served OpenAPI document is the router's own list.
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
                clock: configuration.clock))
        let api = APIRouter(router: router, publicBaseURL: configuration.publicBaseURL)
        HealthRoutes.register(api, platform)
        AuthRoutes.register(api, platform)
        DocumentRoutes.register(api, platform)
        SigningRoutes.register(api, platform)
        AdminRoutes.register(api, platform)
        EGovMobileRoutes.register(api, platform)
        let pages = PageRouter(
            router: router, renderer: try PageRenderer(cookies: configuration.cookies, csrfKey: configuration.csrfKey), platform: platform)
        AccessPages.register(pages)
        CabinetPages.register(pages)
        InboxPages.register(pages)
        SignerPages.register(pages)
        AdminPages.register(pages)
        return (router, api, pages)
    }

    /// Runs until cancelled. `onListening` gets the bound port (port 0 picks a free one).
    public func run(logger: Logger = Logger(label: "senimkey.serve"), onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        let (router, _, _) = try makeRouter()
        let configuration = platform.configuration
        // An idle connection (a slow-loris client among them) is closed after the configured time.
        let application = Application(
            router: router, server: .http1(configuration: .init(idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "senimkey"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) }, logger: logger)
        // The deadline job runs beside the server and ends with it.
        let platform = self.platform
        let deadlines = Task {
            while !Task.isCancelled {
                do { try await platform.expireOverdueDocuments() } catch { logger.error("deadline job", metadata: ["error": "\(error)"]) }
                try? await Task.sleep(for: configuration.deadlineCheckInterval)
            }
        }
        defer { deadlines.cancel() }
        try await application.runService()
    }

    /// The operations the API serves (method, path), as documented at `/openapi.json`.
    public var documentedOperations: [(method: String, path: String)] {
        ((try? makeRouter())?.1.operations ?? []).map { ($0.method.rawValue, $0.openAPIPath) }
    }
}
