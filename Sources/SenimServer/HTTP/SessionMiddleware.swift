import Foundation
import HTTPTypes
import Hummingbird
import SenimEvidence
import SenimWorkflow

/// Fills the request context before any route runs: the client's address (``ClientAddress``) and device, the
/// answer language, and the session from `Authorization: Bearer …` or the `senimkey_session` cookie, or a
/// partner's API key from `Authorization: Bearer sk_live_…` (on the API only: pages never see a key). An
/// unknown, expired or revoked token or key, or a blocked user, leaves the request unauthenticated. Over https
/// every answer carries HSTS (RFC 6797), so a browser never tries the platform over plain http again.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = PlatformRequestContext
    let engine: WorkflowEngine
    let trustedProxies: Set<String>
    let cookies: PlatformCookies
    /// The largest JSON body a route decodes (`ServerConfiguration.maximumRequestBody`).
    let maximumJSONBody: Int
    let clock: @Sendable () -> Date

    // Not among swift-http-types' predefined names.
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxUploadSize = maximumJSONBody
        let address = ClientAddress.resolve(
            peer: context.peerAddress, forwardedFor: request.headers[Self.forwardedFor], trustedProxies: trustedProxies)
        context.client = ClientContext(ipAddress: address, userAgent: request.headers[.userAgent].map { String($0.prefix(512)) })
        context.language = Language(acceptLanguage: request.headers[.acceptLanguage])
        let bearer = Self.bearer(in: request)
        context.authenticatedByCookie = bearer == nil && cookies.session(in: request) != nil
        if let bearer, bearer.hasPrefix(APIKey.secretPrefix) {
            if request.uri.path.hasPrefix(Self.apiPrefix) {
                do { context.authenticated = try await engine.authenticate(apiKey: bearer, at: clock()) } catch {
                    throw APIError(.unavailable("key store: \(error)"))
                }
            }
        } else if let token = bearer ?? cookies.session(in: request) {
            if let cached = engine.cachedAuthentication(sessionToken: token, at: clock()) {
                context.authenticated = cached // most requests: no suspension, no store
            } else {
                do { context.authenticated = try await engine.authenticate(sessionToken: token, at: clock()) } catch {
                    throw APIError(.unavailable("session store: \(error)"))
                }
            }
        }
        var response = try await next(request, context)
        if cookies.secure { response.headers[Self.strictTransportSecurity] = "max-age=31536000" }
        return response
    }

    /// Where API keys are read; elsewhere (the pages) a key authenticates nothing.
    static let apiPrefix = "/api/"

    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!

    /// The token of `Authorization: Bearer …`, if any.
    static func bearer(in request: Request) -> String? {
        guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") else { return nil }
        return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    /// The session token a request carries: the bearer token, else the session cookie.
    func token(in request: Request) -> String? { Self.bearer(in: request) ?? cookies.session(in: request) }
}
