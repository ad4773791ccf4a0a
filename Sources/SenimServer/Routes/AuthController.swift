import Foundation
import Hummingbird
import SenimWorkflow

/// Login by phone and SMS code, logout, the current user, the agreement in force, and the signer's SMS link.
struct AuthController: APIController {
    struct CodeRequest: Codable { let phone: String }
    struct CodeAnswer: ResponseCodable {
        let challengeID: String
        let expiresAt: Date
        let sentTo: String
    }
    struct SessionRequest: Codable {
        let phone: String
        let challengeID: String
        let code: String
        let acceptAgreement: Bool?
    }
    struct SessionAnswer: ResponseCodable {
        let token: String
        let expiresAt: Date
        let user: User
        let employments: [Employee]
        let scope: Scope?
    }
    struct Scope: Codable {
        let documentID: String
        let signerID: String
    }
    struct Me: ResponseCodable {
        let user: User
        let employments: [Employee]
    }
    struct LinkRequest: Codable { let acceptAgreement: Bool? }
    /// A line of `GET /me/documents`: a document that names the user as a signer and what it awaits from them.
    struct InboxLine: Codable {
        let documentID: String, fileName: String, status: Document.Status, createdAt: Date
        let partnerOrganisation: String?, partnerBIN: String?
        let signerID: String, signerState: Signer.State, awaited: SignerInboxEntry.Awaited

        init(_ entry: SignerInboxEntry) {
            documentID = entry.document.id
            fileName = entry.document.fileName
            status = entry.document.status
            createdAt = entry.document.createdAt
            partnerOrganisation = entry.partner?.organisation
            partnerBIN = entry.partner?.bin.digits
            signerID = entry.signer.id
            signerState = entry.signer.state
            awaited = entry.awaited
        }
    }
    struct Inbox: ResponseCodable { let documents: [InboxLine] }

    let platform: SenimPlatform
    var cookies: PlatformCookies { platform.configuration.cookies }

    func addRoutes(to api: APIRouter) {
        api.add(
            .get, "/api/v1/agreement", id: "getAgreement", "The user agreement edition in force and the SHA-256 of its text", tag: "auth",
            authenticated: false, handler: agreement)
        api.add(
            .post, "/api/v1/auth/code", id: "requestLoginCode", "Send a login code by SMS", tag: "auth", authenticated: false,
            body: .json(CodeRequest.self), success: (202, "Code sent", "application/json"), handler: requestCode)
        api.add(
            .post, "/api/v1/auth/session", id: "confirmLogin", "Confirm the SMS code and open a session", tag: "auth", authenticated: false,
            body: .json(SessionRequest.self), response: SessionAnswer.self, handler: confirmLogin)
        api.add(
            .delete, "/api/v1/auth/session", id: "logout", "End the session (a link session too)", tag: "auth",
            success: (204, "Logged out", ""), handler: logout)
        api.add(.get, "/api/v1/me", id: "getMe", "The logged-in user and the partners they work for", tag: "auth", handler: me)
        api.add(
            .get, "/api/v1/me/documents", id: "listMyDocuments",
            "The documents that name the logged-in user as a signer, newest first, with what each awaits from them", tag: "auth",
            handler: inbox)
        api.add(
            .post, "/api/v1/links/:linkToken/session", id: "openSignerLink",
            "Open a signer's SMS link: a session for that document and signer only (the agreement accepted on first contact)",
            tag: "auth", authenticated: false, body: .json(LinkRequest.self), response: SessionAnswer.self, handler: openLink)
    }

    @Sendable func agreement(_ request: Request, context: PlatformRequestContext) async throws -> JSONBody<AgreementEdition> {
        JSONBody(platform.configuration.access.agreement)
    }

    @Sendable func requestCode(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<CodeAnswer> {
        let body = try await request.decode(as: CodeRequest.self, context: context)
        let issued = try await platform.requestLoginCode(
            phone: try phoneNumber(body.phone), client: context.client, language: context.language)
        return EditedResponse(
            status: .accepted,
            response: CodeAnswer(challengeID: issued.challengeID, expiresAt: issued.expiresAt, sentTo: issued.phone.masked))
    }

    @Sendable func confirmLogin(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let body = try await request.decode(as: SessionRequest.self, context: context)
        let grant = try await platform.confirmLogin(
            phone: try phoneNumber(body.phone), challengeID: body.challengeID, code: body.code,
            acceptingAgreement: body.acceptAgreement ?? false, client: context.client)
        return try sessionResponse(grant, request: request, context: context)
    }

    @Sendable func logout(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        guard context.authenticated != nil else { throw APIError(.notAuthenticated) }
        if let token = SessionMiddleware.bearer(in: request) ?? cookies.session(in: request) {
            try await platform.engine.revoke(sessionToken: token, at: platform.now)
        }
        var response = Response(status: .noContent)
        response.setCookie(cookies.endedSession)
        return response
    }

    @Sendable func me(_ request: Request, context: PlatformRequestContext) async throws -> Me {
        let principal = try context.principal()
        return Me(user: principal.user, employments: principal.employments)
    }

    @Sendable func inbox(_ request: Request, context: PlatformRequestContext) async throws -> Inbox {
        let principal = try context.principal()
        return Inbox(documents: try await platform.engine.inbox(of: principal).map(InboxLine.init))
    }

    /// The body may be left out (no agreement to accept on a later visit).
    @Sendable func openLink(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let body = try await PlatformJSONDecoder.decodeIfPresent(LinkRequest.self, from: request, limit: context.maxUploadSize)
        let grant = try await platform.engine.openSignerLink(
            token: try request.parameter("linkToken", context), acceptingAgreement: body?.acceptAgreement ?? false,
            policy: platform.configuration.access, client: context.client, at: platform.now)
        return try sessionResponse(grant, request: request, context: context)
    }

    /// The token in the body (for API clients) and in an `HttpOnly` cookie (for the pages).
    func sessionResponse(_ grant: SessionGrant, request: Request, context: PlatformRequestContext) throws -> Response {
        let scope = grant.session.scope.map { Scope(documentID: $0.documentID, signerID: $0.signerID) }
        var response = try SessionAnswer(
            token: grant.token, expiresAt: grant.session.expiresAt, user: grant.principal.user,
            employments: grant.principal.employments, scope: scope
        ).response(from: request, context: context)
        response.setCookie(cookies.sessionCookie(grant))
        return response
    }
}
