import Foundation
import Hummingbird
import Logging

/// One structured log line per request: method, route pattern, status, duration. Never the query, the body,
/// a token or a code: the route pattern stands for the path, so `/api/v1/links/<token>/session` is logged as
/// `/api/v1/links/{linkToken}/session`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = PlatformRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: Int(response.status.code), since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            log(request, context, status: status, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
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
