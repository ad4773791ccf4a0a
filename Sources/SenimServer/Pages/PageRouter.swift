import Foundation
import Hummingbird
import SenimWorkflow

/// A group of pages (Hummingbird's controller pattern): a value holding what its pages need, one method per
/// page or form, registered by `addRoutes(to:)`.
protocol PageController: Sendable {
    func addRoutes(to pages: PageRouter)
}

/// Registers the HTML pages: each handler's refusal becomes an error page in the user's language (or, for a
/// form post, the page again with the message), never a stack trace. Keeps the list of page routes, which are
/// not part of the API's OpenAPI document.
final class PageRouter: @unchecked Sendable {
    let collection = RouteCollection(context: PlatformRequestContext.self)
    let renderer: PageRenderer
    let platform: SenimPlatform
    private(set) var routes: [(method: HTTPRequest.Method, path: String)] = []

    init(renderer: PageRenderer, platform: SenimPlatform) {
        self.renderer = renderer
        self.platform = platform
    }

    /// Who may post a form: anyone (login, the SMS link) or a logged-in session only.
    enum Access { case anyone, session }

    static let fieldsLimit = 64 << 10

    func get(_ path: String, _ handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Response) {
        add(.get, path, handler)
    }

    /// A form of fields (at most 64 KiB, its CSRF token inside). Before any byte of the body is read: the
    /// request must come from this site, a session must be there when one is needed, the multipart boundary
    /// must be lawful and the declared size within the limit; the token is checked as soon as it is read.
    func post(
        _ path: String, access: Access = .session,
        _ handler: @escaping @Sendable (Request, PlatformRequestContext, FormBody) async throws -> Response
    ) {
        let renderer = self.renderer
        add(.post, path) { [self] request, context in
            try checkBeforeBody(request, context, access: access, limit: Self.fieldsLimit)
            let form: FormBody
            do throws(FormBody.FormError) { form = try await FormBody.read(request, limit: Self.fieldsLimit) } catch {
                throw error == .tooLarge
                    ? APIError(.payloadTooLarge(limit: Int64(Self.fieldsLimit))) : APIError(.badRequest(.formUnreadable))
            }
            try renderer.checkCSRF(form.value("csrf"), request: request)
            return try await handler(request, context, form)
        }
    }

    /// A file upload (multipart, its CSRF token in the form's action URL): the same checks as ``post(_:access:_:)``,
    /// then the token and `authorise` before the body is read; the handler streams the body from the reader.
    func upload(
        _ path: String, authorise: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Void,
        _ handler: @escaping @Sendable (Request, PlatformRequestContext, MultipartReader) async throws -> Response
    ) {
        let limit = Int(platform.configuration.maximumDocumentSize) + Self.fieldsLimit
        let renderer = self.renderer
        add(.post, path) { [self] request, context in
            try checkBeforeBody(request, context, access: .session, limit: limit)
            try renderer.checkCSRF(request.query("csrf"), request: request)
            try await authorise(request, context)
            guard let boundary = try? FormBody.boundary(of: request.headers[.contentType]) else {
                throw APIError(.badRequest(.formUnreadable))
            }
            return try await handler(request, context, MultipartReader(body: request.body, boundary: boundary))
        }
    }

    private func checkBeforeBody(_ request: Request, _ context: PlatformRequestContext, access: Access, limit: Int) throws(APIError) {
        guard RequestOrigin.isSameSite(request, publicBaseURL: platform.configuration.publicBaseURL) else {
            throw APIError(.permissionDenied(.foreignOrigin))
        }
        if access == .session, context.authenticated == nil { throw APIError(.notAuthenticated) }
        do throws(FormBody.FormError) { _ = try FormBody.boundary(of: request.headers[.contentType]) } catch {
            throw APIError(.badRequest(error == .boundaryTooLong ? .boundaryTooLong : .formUnreadable))
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError(.payloadTooLarge(limit: Int64(limit)))
        }
    }

    private func add(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Response
    ) {
        routes.append((method, path))
        let renderer = self.renderer
        collection.on(
            RouterPath(path), method: method,
            use: { (request: Request, context: PlatformRequestContext) async throws -> Response in
                do { return try await handler(request, context) } catch {
                    let refusal = APIError.from(error)
                    if case .notAuthenticated = refusal.reason { return PageRenderer.redirect("/login") }
                    if case .workflow(.notAuthenticated) = refusal.reason { return PageRenderer.redirect("/login") }
                    var response = renderer.render(
                        "error", title: .errorTitle, request: request, context: context,
                        values: ["message": refusal.message(in: renderer.language(of: request))], status: refusal.status)
                    // A refusal before the body was read: the client may still be sending it, so the connection closes.
                    if request.method == .post { response.headers[.connection] = "close" }
                    return response
                }
            })
    }
}

/// Values the templates show, made from the workflow's values in the page's language.
enum PageValues {
    static func signers(_ signers: [SenimWorkflow.Signer], partner: Partner?, _ t: PageTable) -> [[String: Any]] {
        signers.map { signer in
            let name =
                signer.party == .partner
                ? "\(t[.partnerSignature]): \(partner?.organisation ?? "")" : "\(signer.surname) \(signer.name)"
            return [
                "id": signer.id, "name": name, "state": signer.state.rawValue,
                "stateLabel": t[prefix: "signer", value: signer.state.rawValue] ?? signer.state.rawValue,
                "iin": signer.iin?.digits as Any,
            ]
        }
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Almaty") ?? .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
