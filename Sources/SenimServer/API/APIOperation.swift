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
    /// A partner's API key may call it (the partner's and the documents' operations); every other operation that
    /// needs a login refuses keys.
    let acceptsAPIKeys: Bool
    /// The request body, if any: the type the handler decodes, or raw bytes of a media type.
    let requestBody: APIRequestBody?
    /// Success status and its description; errors share the `Error` schema.
    let success: (status: Int, description: String, mediaType: String)
    /// The type a JSON success answer encodes (nil: not JSON, or no body).
    let responseType: (any Decodable.Type)?
    let query: [String]

    /// The OpenAPI path: `:name` → `{name}`.
    var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
            separator: "/")
    }

    var pathParameters: [String] { path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) } }
}

/// What an operation's request body is: JSON of the type its handler decodes (the OpenAPI schema is that
/// type's, ``OpenAPISchemas``), or bytes streamed as they are.
enum APIRequestBody: @unchecked Sendable {
    // @unchecked: a metatype is immutable; `any Decodable.Type` is not declared Sendable.
    case json(any Decodable.Type)
    case binary(String)
}

/// An answer whose JSON body is of a known type, whatever wraps it (a status, a generic box).
protocol DescribedResponse { static var bodyType: any Decodable.Type { get } }
extension EditedResponse: DescribedResponse where Generator: Decodable { static var bodyType: any Decodable.Type { Generator.self } }
extension JSONBody: DescribedResponse where Value: Decodable { static var bodyType: any Decodable.Type { Value.self } }

/// The API's route collection: each controller adds its operations here (``APIController``), which records
/// their descriptions; ``PlatformServer`` adds the collection to the router.
final class APIRouter: @unchecked Sendable {
    let collection = RouteCollection(context: PlatformRequestContext.self)
    let publicBaseURL: String
    /// Where retried POSTs find their first answer (nil: no idempotency, as in tests of the router alone).
    let idempotency: IdempotentRequests?
    private(set) var operations: [APIOperation] = []

    init(publicBaseURL: String, idempotency: IdempotentRequests? = nil) {
        self.publicBaseURL = publicBaseURL
        self.idempotency = idempotency
    }

    static let stateChanging: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, id: String, _ summary: String, tag: String, authenticated: Bool = true,
        keys: Bool = false, body: APIRequestBody? = nil, success: (Int, String, String) = (200, "OK", "application/json"),
        response: (any Decodable.Type)? = nil, query: [String] = [],
        handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Output
    ) {
        // The answer's type is the handler's own (unwrapped from its status box), unless it builds a raw response.
        let answerType = response ?? (Output.self as? any DescribedResponse.Type)?.bodyType ?? (Output.self as? any Decodable.Type)
        operations.append(
            APIOperation(
                method: method, path: path, operationID: id, summary: summary, tag: tag, authenticated: authenticated,
                acceptsAPIKeys: keys, requestBody: body, success: success,
                responseType: success.2 == "application/json" ? answerType : nil, query: query))
        let publicBaseURL = self.publicBaseURL
        let idempotency = self.idempotency
        // A streamed upload is retried safely by its command (its bytes' digests are the request); other POSTs here.
        let keptHere: Bool = {
            if case .binary = body { return false }
            return method == .post && authenticated
        }()
        collection.on(
            RouterPath(path), method: method,
            use: { (request: Request, context: PlatformRequestContext) async throws -> Response in
                // A documented session requirement is enforced here, before the handler reads anything.
                if authenticated, context.authenticated == nil { throw APIError(.notAuthenticated) }
                // A key is the partner's program: it reaches the partner's and the documents' operations, never a
                // person's (the account, signing) nor the administration.
                if authenticated, !keys, context.authenticatedByAPIKey { throw APIError(.permissionDenied(.apiKeyNotAcceptedHere)) }
                // A browser sends the session cookie along with any site's form: a state-changing call on the cookie
                // alone must be JSON (which no cross-site form can send) from this site (CSRF, OWASP's defence in depth).
                if context.authenticatedByCookie, Self.stateChanging.contains(method) {
                    let type = request.headers[.contentType]?.lowercased() ?? ""
                    guard type.hasPrefix("application/json") else { throw APIError(.badRequest(.cookieRequestNotJSON)) }
                    guard RequestOrigin.isSameSite(request, publicBaseURL: publicBaseURL) else {
                        throw APIError(.permissionDenied(.foreignOrigin))
                    }
                }
                do {
                    if keptHere, let idempotency, let key = request.idempotencyKey, let principal = context.authenticated?.principal {
                        return try await idempotency.run(request, context: context, key: key, principal: principal) {
                            try await handler($0, context).response(from: $0, context: context)
                        }
                    }
                    return try await handler(request, context).response(from: request, context: context)
                } catch {
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
