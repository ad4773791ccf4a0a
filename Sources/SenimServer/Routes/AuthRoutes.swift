import Foundation
import Hummingbird
import SenimWorkflow

/// Login by phone and SMS code, logout, the current user, the agreement in force, and the signer's SMS link.
enum AuthRoutes {
    struct CodeRequest: Codable { let phone: String }
    struct CodeAnswer: Codable {
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
    struct SessionAnswer: Codable {
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
    struct Me: Codable {
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
    struct Inbox: Codable { let documents: [InboxLine] }

    static func register(_ api: APIRouter, _ platform: SenimPlatform) {
        let limit = platform.configuration.maximumRequestBody
        let cookies = platform.configuration.cookies
        api.add(
            .get, "/api/v1/agreement", id: "getAgreement", "The user agreement edition in force and the SHA-256 of its text", tag: "auth",
            authenticated: false
        ) { _, _ in
            try JSONResponse.make(platform.configuration.access.agreement)
        }
        api.add(
            .post, "/api/v1/auth/code", id: "requestLoginCode", "Send a login code by SMS", tag: "auth", authenticated: false,
            body: "CodeRequest",
            success: (202, "Code sent", "application/json")
        ) { request, context in
            let body = try await request.json(CodeRequest.self, limit: limit)
            let issued = try await platform.requestLoginCode(
                phone: try phoneNumber(body.phone), client: context.client, language: context.language)
            return try JSONResponse.make(
                CodeAnswer(challengeID: issued.challengeID, expiresAt: issued.expiresAt, sentTo: issued.phone.masked), status: .accepted)
        }
        api.add(
            .post, "/api/v1/auth/session", id: "confirmLogin", "Confirm the SMS code and open a session", tag: "auth", authenticated: false,
            body: "SessionRequest"
        ) { request, context in
            let body = try await request.json(SessionRequest.self, limit: limit)
            let grant = try await platform.confirmLogin(
                phone: try phoneNumber(body.phone), challengeID: body.challengeID, code: body.code,
                acceptingAgreement: body.acceptAgreement ?? false, client: context.client)
            return try sessionResponse(grant, cookies: cookies)
        }
        api.add(
            .delete, "/api/v1/auth/session", id: "logout", "End the session (a link session too)", tag: "auth",
            success: (204, "Logged out", "")
        ) { request, context in
            guard context.authenticated != nil else { throw APIError(.notAuthenticated) }
            if let token = SessionMiddleware.bearer(in: request) ?? cookies.session(in: request) {
                try await platform.engine.revoke(sessionToken: token, at: platform.now)
            }
            var headers = HTTPFields()
            headers[.setCookie] = cookies.endedSession
            return Response(status: .noContent, headers: headers)
        }
        api.add(.get, "/api/v1/me", id: "getMe", "The logged-in user and the partners they work for", tag: "auth") { _, context in
            let principal = try context.principal()
            return try JSONResponse.make(Me(user: principal.user, employments: principal.employments))
        }
        api.add(
            .get, "/api/v1/me/documents", id: "listMyDocuments",
            "The documents that name the logged-in user as a signer, newest first, with what each awaits from them", tag: "auth"
        ) { _, context in
            let principal = try context.principal()
            return try JSONResponse.make(Inbox(documents: try await platform.engine.inbox(of: principal).map(InboxLine.init)))
        }
        api.add(
            .post, "/api/v1/links/:linkToken/session", id: "openSignerLink",
            "Open a signer's SMS link: a session for that document and signer only (the agreement accepted on first contact)",
            tag: "auth", authenticated: false, body: "LinkRequest"
        ) { request, context in
            let body = try await JSONResponse.decodeIfPresent(LinkRequest.self, from: request, limit: limit)
            let grant = try await platform.engine.openSignerLink(
                token: try request.parameter("linkToken", context),
                acceptingAgreement: body?.acceptAgreement ?? false, policy: platform.configuration.access,
                client: context.client, at: platform.now)
            return try sessionResponse(grant, cookies: cookies)
        }
    }

    /// The token in the body (for API clients) and in an `HttpOnly` cookie (for the pages).
    static func sessionResponse(_ grant: SessionGrant, cookies: Cookies) throws -> Response {
        var headers = HTTPFields()
        headers[.setCookie] = cookies.sessionCookie(grant)
        let scope = grant.session.scope.map { Scope(documentID: $0.documentID, signerID: $0.signerID) }
        return try JSONResponse.make(
            SessionAnswer(
                token: grant.token, expiresAt: grant.session.expiresAt, user: grant.principal.user,
                employments: grant.principal.employments, scope: scope), headers: headers)
    }
}
