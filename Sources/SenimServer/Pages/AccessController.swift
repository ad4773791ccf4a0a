import Foundation
import Hummingbird
import NIOCore
import SenimWorkflow

/// Login by phone and SMS code, logout, the agreement's text, the signer's SMS link, the static files, and
/// the home page that sends each user where they work.
struct AccessController: PageController {
    let platform: SenimPlatform
    let renderer: PageRenderer

    var cookies: PlatformCookies { platform.configuration.cookies }

    func addRoutes(to pages: PageRouter) {
        pages.get("/", home)
        pages.get("/login", loginPage)
        pages.post("/login", access: .anyone, requestLoginCode)
        pages.post("/login/code", access: .anyone, confirmLogin)
        pages.post("/logout", access: .anyone, logout)
        pages.get("/agreement", agreement)
        pages.get("/s/:token", linkPage)
        pages.post("/s/:token", access: .anyone, openLink)
        pages.get("/static/:file", staticFile)
    }

    @Sendable func home(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        guard let principal = context.authenticated?.principal else { return PageRenderer.redirect("/login") }
        if let scope = context.authenticated?.session.scope {
            return PageRenderer.redirect("/sign/\(scope.documentID)/\(scope.signerID)")
        }
        return PageRenderer.redirect(InboxController.landing(after: nil, for: principal))
    }

    @Sendable func loginPage(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let next = InboxController.ownPage(request.query("next"))
        return renderer.render(
            "login", title: .loginTitle, request: request, context: context, values: next.map { ["next": $0] } ?? [:])
    }

    @Sendable func requestLoginCode(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let typed = form.value("phone") ?? ""
        let next = InboxController.ownPage(form.value("next")) ?? ""
        let phone: PhoneNumber
        do throws(PhoneNumberProblem) {
            phone = try PhoneNumber.parse(typed)
        } catch {
            // Said back with what was typed, never rewritten into some other number.
            let refusal = UserMessages.text(
                for: .workflow(.invalidInput(.invalidPhone(typed, why: error))), in: renderer.language(of: request))
            return renderer.render(
                "login", title: .loginTitle, request: request, context: context,
                values: ["error": refusal, "typedPhone": typed, "next": next], status: .badRequest)
        }
        let issued = try await platform.requestLoginCode(phone: phone, client: context.client, language: renderer.language(of: request))
        return renderer.render(
            "login", title: .loginTitle, request: request, context: context,
            values: ["challengeID": issued.challengeID, "phone": phone.e164, "sentTo": phone.masked, "next": next])
    }

    @Sendable func confirmLogin(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let phone = try phoneNumber(form.value("phone") ?? "")
        do {
            let grant = try await platform.confirmLogin(
                phone: phone, challengeID: form.value("challengeID") ?? "", code: form.value("code") ?? "",
                acceptingAgreement: form.value("acceptAgreement") == "1", client: context.client)
            return PageRenderer.redirect(
                InboxController.landing(after: form.value("next"), for: grant.principal), cookies: [cookies.sessionCookie(grant)])
        } catch let refusal as WorkflowError {
            return renderer.render(
                "login", title: .loginTitle, request: request, context: context,
                values: [
                    "challengeID": form.value("challengeID") ?? "", "phone": phone.e164, "sentTo": phone.masked,
                    "next": InboxController.ownPage(form.value("next")) ?? "",
                    "error": APIError(workflow: refusal).message(in: renderer.language(of: request)),
                ],
                status: APIError.status(of: refusal))
        }
    }

    @Sendable func logout(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        if let token = cookies.session(in: request) { try await platform.engine.revoke(sessionToken: token, at: platform.now) }
        return PageRenderer.redirect("/login", cookies: [cookies.endedSession])
    }

    @Sendable func agreement(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        var headers = PageRenderer.securityHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        let text =
            Bundle.module.url(forResource: "user-agreement.ru", withExtension: "txt").flatMap { try? Data(contentsOf: $0) } ?? Data()
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: text)))
    }

    /// The SMS link. Opening it (a GET, as a messenger's link preview does too) records nothing and shows
    /// nothing of the document: only the person's own POST from this page opens the session (in an HttpOnly
    /// cookie, for this document only), records `linkOpened` and, on first contact, the agreement accepted.
    /// The token is never logged (routes are logged by pattern) and leaves the address bar with the redirect.
    @Sendable func linkPage(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        renderer.render(
            "link", title: .linkTitle, request: request, context: context,
            values: ["linkToken": try request.parameter("token", context), "needsAgreement": true])
    }

    @Sendable func openLink(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let token = try request.parameter("token", context)
        do {
            let grant = try await platform.engine.openSignerLink(
                token: token, acceptingAgreement: form.value("acceptAgreement") == "1",
                policy: platform.configuration.access, client: context.client, at: platform.now)
            guard let scope = grant.session.scope else { throw APIError(.notFound) }
            return PageRenderer.redirect("/sign/\(scope.documentID)/\(scope.signerID)", cookies: [cookies.sessionCookie(grant)])
        } catch WorkflowError.linkExpired {
            // An expired or final link still says where it led: logging in by phone ends on that document.
            let target = try await platform.engine.signerLinkTarget(token: token)
            return renderer.render(
                "link", title: .linkTitle, request: request, context: context,
                values: [
                    "error": APIError(workflow: .linkExpired).message(in: renderer.language(of: request)),
                    "loginTarget": target.map { "/sign/\($0.documentID)/\($0.signerID)" } ?? "/documents",
                ], status: APIError.status(of: WorkflowError.linkExpired))
        } catch let refusal as WorkflowError
            where refusal == .agreementNotAccepted(edition: platform.configuration.access.agreement.edition)
        {
            return renderer.render(
                "link", title: .linkTitle, request: request, context: context,
                values: [
                    "linkToken": token, "needsAgreement": true,
                    "error": APIError(workflow: refusal).message(in: renderer.language(of: request)),
                ], status: APIError.status(of: refusal))
        }
    }

    @Sendable func staticFile(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let file = try request.parameter("file", context)
        guard ["app.css", "app.js", "verify.js"].contains(file),
            let url = Bundle.module.resourceURL?.appendingPathComponent("static/\(file)"),
            let data = try? Data(contentsOf: url)
        else { throw APIError(.notFound) }
        var headers = PageRenderer.securityHeaders
        headers[.contentType] = file.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }

}
