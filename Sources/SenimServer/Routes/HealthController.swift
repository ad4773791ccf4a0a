import Foundation
import Hummingbird

/// Liveness, readiness (the store answers), the metrics and the OpenAPI document.
struct HealthController: APIController {
    struct Health: ResponseCodable { let status: String }

    let platform: SenimPlatform

    func addRoutes(to api: APIRouter) {
        api.add(.get, "/healthz", id: "health", "The process is up", tag: "operations", authenticated: false, handler: health)
        api.add(.get, "/readyz", id: "ready", "The store is reachable", tag: "operations", authenticated: false, handler: ready)
        api.add(
            .get, "/metrics", id: "metrics", "Prometheus metrics (text exposition format)", tag: "operations", authenticated: false,
            success: (200, "Metrics", "text/plain"), handler: metrics)
        // The document is generated from the operations registered, this one among them.
        let sessionCookie = platform.configuration.cookies.sessionName
        api.add(.get, "/openapi.json", id: "openAPI", "This API's OpenAPI 3.1 document", tag: "operations", authenticated: false) {
            [api] _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json(api.operations, sessionCookie: sessionCookie))))
        }
    }

    @Sendable func health(_ request: Request, context: PlatformRequestContext) async throws -> Health { Health(status: "ok") }

    @Sendable func ready(_ request: Request, context: PlatformRequestContext) async throws -> Health {
        do { try await platform.engine.ping() } catch { throw APIError(.unavailable("store: \(error)")) }
        return Health(status: "ready")
    }

    /// Counters say how the platform is used; only the deployment's monitoring reads them.
    @Sendable func metrics(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        guard let peer = context.peerAddress, platform.configuration.metricsAddresses.contains(peer) else {
            throw APIError(.permissionDenied(.monitoringAddressesOnly))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: PlatformMetrics.registry.emitToBuffer())))
    }
}
