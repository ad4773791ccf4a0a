import Hummingbird

/// One API operation: how it is routed and how the OpenAPI document describes it. Routes are registered
/// only through ``APIRouter``, which records each operation, so the served `/openapi.json` is generated from
/// the same list the router was built from and cannot drift from it.
struct APIOperation: Sendable {
    let method: HTTPRequest.Method
    /// Hummingbird syntax: `/api/v1/documents/:documentID`.
    let path: String
    let operationID: String
    let summary: String
    let tag: String
    /// A session token is required (Bearer or the session cookie).
    let authenticated: Bool
    /// The request body's media type, if any.
    let requestBody: String?
    /// Success status and its description; errors share the `Error` schema.
    let success: (status: Int, description: String, mediaType: String)
    let query: [String]

    /// The OpenAPI path: `:name` → `{name}`.
    var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
            separator: "/")
    }

    var pathParameters: [String] { path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) } }
}

/// The API's route collection: each controller adds its operations here (``APIController``), which records
/// their descriptions; ``PlatformServer`` adds the collection to the router.
final class APIRouter: @unchecked Sendable {
    let collection = RouteCollection(context: PlatformRequestContext.self)
    let publicBaseURL: String
    private(set) var operations: [APIOperation] = []

    init(publicBaseURL: String) { self.publicBaseURL = publicBaseURL }

    static let stateChanging: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, id: String, _ summary: String, tag: String, authenticated: Bool = true,
        body: String? = nil, success: (Int, String, String) = (200, "OK", "application/json"), query: [String] = [],
        handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Output
    ) {
        operations.append(
            APIOperation(
                method: method, path: path, operationID: id, summary: summary, tag: tag, authenticated: authenticated,
                requestBody: body, success: success, query: query))
        let publicBaseURL = self.publicBaseURL
        collection.on(
            RouterPath(path), method: method,
            use: { (request: Request, context: PlatformRequestContext) async throws -> Response in
                // A documented session requirement is enforced here, before the handler reads anything.
                if authenticated, context.authenticated == nil { throw APIError(.notAuthenticated) }
                // A browser sends the session cookie along with any site's form: a state-changing call on the cookie
                // alone must be JSON (which no cross-site form can send) from this site (CSRF, OWASP's defence in depth).
                if context.authenticatedByCookie, Self.stateChanging.contains(method) {
                    let type = request.headers[.contentType]?.lowercased() ?? ""
                    guard type.hasPrefix("application/json") else { throw APIError(.badRequest(.cookieRequestNotJSON)) }
                    guard RequestOrigin.isSameSite(request, publicBaseURL: publicBaseURL) else {
                        throw APIError(.permissionDenied(.foreignOrigin))
                    }
                }
                do { return try await handler(request, context).response(from: request, context: context) } catch {
                    throw APIError.from(error)
                }
            })
    }
}

/// A group of API operations (Hummingbird's controller pattern): a value holding what its operations need,
/// one method per operation, registered by `addRoutes(to:)`.
protocol APIController: Sendable {
    func addRoutes(to api: APIRouter)
}
