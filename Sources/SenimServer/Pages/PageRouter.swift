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

    func get(_ path: String, _ handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Response) { add(.get, path, handler) }
    func post(_ path: String, _ handler: @escaping @Sendable (Request, PlatformRequestContext, FormBody) async throws -> Response) {
        let limit = Int(platform.configuration.maximumDocumentSize) + (1 << 20)
        add(.post, path) { request, context in
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: limit) } catch { throw APIError(.payloadTooLarge(limit: Int64(limit))) }
            let form: FormBody
            do { form = try FormBody(contentType: request.headers[.contentType], body: Array(buffer: body)) } catch {
                throw APIError(.badRequest("the form could not be read"))
            }
            try PageRenderer.checkCSRF(form, request: request)
            return try await handler(request, context, form)
        }
    }

    private func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping @Sendable (Request, PlatformRequestContext) async throws -> Response) {
        routes.append((method, path))
        let renderer = self.renderer
        router.on(RouterPath(path), method: method, use: { (request: Request, context: PlatformRequestContext) async throws -> Response in
            do { return try await handler(request, context) } catch {
                let refusal = APIError.from(error)
                if case .notAuthenticated = refusal.reason { return PageRenderer.redirect("/login") }
                if case .workflow(.notAuthenticated) = refusal.reason { return PageRenderer.redirect("/login") }
                return renderer.render("error", title: .errorTitle, request: request, context: context,
                                       values: ["message": refusal.message(in: PageRenderer.language(of: request))], status: refusal.status)
            }
        })
    }
}

/// Values the templates show, made from the workflow's values in the page's language.
enum PageValues {
    static func signers(_ signers: [SenimWorkflow.Signer], partner: Partner?, _ t: [String: String]) -> [[String: Any]] {
        signers.map { signer in
            let name = signer.party == .partner ? "\(t["partnerSignature"] ?? ""): \(partner?.organisation ?? "")" : "\(signer.surname) \(signer.name)"
            return ["id": signer.id, "name": name, "state": signer.state.rawValue, "stateLabel": t["signer_\(signer.state.rawValue)"] ?? signer.state.rawValue,
                    "iin": signer.iin?.digits as Any]
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
