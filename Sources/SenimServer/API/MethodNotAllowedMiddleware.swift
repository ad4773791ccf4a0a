import Hummingbird

/// Answers a request for a documented path with an undocumented method 405 with the methods it has (`Allow`,
/// RFC 9110 §15.5.6), not 404: the resource exists, the method does not. Paths no operation has stay 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = PlatformRequestContext
    /// Each operation's path split at `/` (a `:name` segment matches any one segment) and its method.
    let routes: [(segments: [Substring], method: HTTPRequest.Method)]

    init(operations: [APIOperation]) {
        routes = operations.map { ($0.path.split(separator: "/"), $0.method) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = methods(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            throw APIError(.methodNotAllowed(allowed: allowed.map(\.rawValue).sorted()))
        }
    }

    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        var methods: [HTTPRequest.Method] = []
        for route in routes where route.segments.count == segments.count && !methods.contains(route.method) {
            if zip(route.segments, segments).allSatisfy({ $0.hasPrefix(":") || $0 == $1 }) { methods.append(route.method) }
        }
        return methods
    }
}
