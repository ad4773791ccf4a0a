import Foundation
import Hummingbird

/// Liveness, readiness (the store answers) and the OpenAPI document.
enum HealthRoutes {
    struct Health: Codable { let status: String }

    static func register(_ api: APIRouter, _ platform: SenimPlatform) {
        api.add(.get, "/healthz", id: "health", "The process is up", tag: "operations", authenticated: false) { _, _ in
            try JSONResponse.make(Health(status: "ok"))
        }
        api.add(.get, "/readyz", id: "ready", "The store is reachable", tag: "operations", authenticated: false) { _, _ in
            do { try await platform.engine.ping() } catch { throw APIError(.unavailable("store: \(error)")) }
            return try JSONResponse.make(Health(status: "ready"))
        }
        api.add(
            .get, "/metrics", id: "metrics", "Prometheus metrics (text exposition format)", tag: "operations", authenticated: false,
            success: (200, "Metrics", "text/plain")
        ) { _, context in
            // Counters say how the platform is used; only the deployment's monitoring reads them.
            guard let peer = context.peerAddress, platform.configuration.metricsAddresses.contains(peer) else {
                throw APIError(.permissionDenied(.monitoringAddressesOnly))
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(
                status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: PlatformMetrics.registry.emitToBuffer())))
        }
        api.add(.get, "/openapi.json", id: "openAPI", "This API's OpenAPI 3.1 document", tag: "operations", authenticated: false) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        bytes: OpenAPIDocument.json(api.operations, sessionCookie: platform.configuration.cookies.sessionName))))
        }
    }
}
