import Foundation
import Hummingbird
import Logging

/// Every request, observed once: one structured log line (method, route pattern, status, duration) and its
/// Prometheus series (``RequestSeries``). Never the query, the body, a token or a code: the route pattern
/// stands for the path, so `/api/v1/links/<token>/session` is logged as `/api/v1/links/{linkToken}/session`.
struct RequestObservationMiddleware: RouterMiddleware {
    typealias Context = PlatformRequestContext
    let series = RequestSeries()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            observe(request, context, status: response.status.code, elapsed: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            observe(request, context, status: status, elapsed: ContinuousClock.now - start)
            throw error
        }
    }

    private func observe(_ request: Request, _ context: Context, status: Int, elapsed: Duration) {
        series.record(route: context.endpointPath, method: request.method, status: status, elapsed: elapsed)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "route": "\(Self.route(of: request.uri.path, context))",
                "status": "\(status)",
                "ms": "\(String(format: "%.1f", milliseconds))",
            ])
    }

    /// The matched route pattern (`{name}` for parameters); an unmatched path is logged only as its first two
    /// segments, since it may carry anything.
    static func route(of path: String, _ context: Context) -> String {
        if let pattern = context.endpointPath { return pattern }
        return "/" + path.split(separator: "/").prefix(2).joined(separator: "/") + "/…"
    }
}
