import Foundation
import Hummingbird
import SenimWorkflow

/// Registers the HTML pages: each handler's refusal becomes an error page in the user's language (or, for a
/// form post, the page again with the message), never a stack trace. Keeps the list of page routes, which are
/// not part of the API's OpenAPI document.
final class PageRouter: @unchecked Sendable {
    let router: Router<PlatformRequestContext>
    let renderer: PageRenderer
    let platform: SenimPlatform
    private(set) var routes: [(method: HTTPRequest.Method, path: String)] = []

    init(router: Router<PlatformRequestContext>, renderer: PageRenderer, platform: SenimPlatform) {
        self.router = router
        self.renderer = renderer
        self.platform = platform
    }

    /// Who may post a form: anyone (login, the SMS link) or a logged-in session only.
    enum Access { case anyone, session }
    /// What a form carries: fields (at most 64 KiB, its CSRF token inside), or a file upload (multipart, its
    /// CSRF token in the form's action URL so it is checked before the body is read).
    enum Body { case fields, upload }

    static let fieldsLimit = 64 << 10

    func get(_ path: String, _ handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Response) {
        add(.get, path, handler)
    }

    /// A form post. Before any byte of the body is read: the request must come from this site, a session must
    /// be there when one is needed, the multipart boundary must be lawful and the declared size within the
    /// limit, an upload's token must be right and `authorise` must pass; a field form's token is checked as soon as it
    /// is read.
    func post(
        _ path: String, access: Access = .session, body kind: Body = .fields,
        authorise: (@Sendable (Request, PlatformRequestContext) async throws -> Void)? = nil,
        _ handler: @escaping @Sendable (Request, PlatformRequestContext, FormBody) async throws -> Response
    ) {
        let limit = kind == .upload ? Int(platform.configuration.maximumDocumentSize) + (1 << 20) : Self.fieldsLimit
        let renderer = self.renderer
        let publicURL = platform.configuration.publicBaseURL
        add(.post, path) { request, context in
            guard RequestOrigin.isSameSite(request, publicBaseURL: publicURL) else { throw APIError(.permissionDenied(.foreignOrigin)) }
            if access == .session, context.authenticated == nil { throw APIError(.notAuthenticated) }
            let contentType = request.headers[.contentType]
            do throws(FormBody.FormError) { _ = try FormBody.boundary(of: contentType) } catch {
                throw APIError(.badRequest(error == .boundaryTooLong ? .boundaryTooLong : .formUnreadable))
            }
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
                throw APIError(.payloadTooLarge(limit: Int64(limit)))
            }
            if kind == .upload { try renderer.checkCSRF(request.query("csrf"), request: request) }
            try await authorise?(request, context)
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: limit) } catch { throw APIError(.payloadTooLarge(limit: Int64(limit))) }
            let form: FormBody
            do { form = try FormBody(contentType: contentType, body: Array(buffer: body)) } catch {
                throw APIError(.badRequest(.formUnreadable))
            }
            if kind == .fields { try renderer.checkCSRF(form.value("csrf"), request: request) }
            return try await handler(request, context, form)
        }
    }

    private func add(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Response
    ) {
        routes.append((method, path))
        let renderer = self.renderer
        router.on(
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
    static func signers(_ signers: [SenimWorkflow.Signer], partner: Partner?, _ t: [String: String]) -> [[String: Any]] {
        signers.map { signer in
            let name =
                signer.party == .partner
                ? "\(t["partnerSignature"] ?? ""): \(partner?.organisation ?? "")" : "\(signer.surname) \(signer.name)"
            return [
                "id": signer.id, "name": name, "state": signer.state.rawValue,
                "stateLabel": t["signer_\(signer.state.rawValue)"] ?? signer.state.rawValue,
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
