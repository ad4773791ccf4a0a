import Foundation
import Hummingbird
import SenimCrypto
import SenimWorkflow

/// eGov mobile QR and cross signing (reference/kz-eds.md §6.1). The signer's page asks for a ticket and shows
/// the `mobileSign:` QR (or the cross link on a phone); the app reads API №1, fetches API №2 with the bearer
/// token, signs, and PUTs the same JSON back with the signatures in place of the data. What comes back is
/// verified here like any EDS; an invalid signature is answered 403 with the reason in the app's language.
enum EGovMobileRoutes {
    struct TicketBody: Codable { let method: EGovMobile.SignMethod? }
    struct TicketAnswer: Codable {
        let qr: String
        let crossLink: String
        let businessLink: String
        let expiresAt: Date
    }
    struct Message: Codable { let message: String }
    struct Status: Codable { let status: String }

    /// The ticket path contains `mgovSign`, which the app requires of API №1's URL.
    static let apiPath = "/api/v1/mgovSign"

    static func register(_ api: APIRouter, _ platform: SenimPlatform) {
        let limit = platform.configuration.maximumRequestBody
        let base = platform.configuration.publicBaseURL
        api.add(
            .post, "/api/v1/documents/:documentID/signers/:signerID/egov", id: "openEGovMobileTicket",
            "Start signing with eGov mobile: the QR payload and the cross links", tag: "signing", body: "TicketBody",
            success: (201, "Ticket opened", "application/json")
        ) { request, context in
            let documentID = try request.parameter("documentID", context)
            let signerID = try request.parameter("signerID", context)
            let principal = try context.principal(for: documentID)
            let body = try await request.json(TicketBody.self, limit: limit)
            let ticket = try await platform.openEGovTicket(
                documentID: documentID, signerID: signerID, method: body.method ?? .cmsSignOnly, by: principal)
            let links = platform.eGovLinks(ticket)
            return try JSONResponse.make(
                TicketAnswer(
                    qr: links.qr, crossLink: links.crossLink, businessLink: links.businessLink,
                    expiresAt: ticket.expiresAt), status: .created)
        }
        api.add(
            .get, apiPath + "/:ticket", id: "eGovMobileDescription", "eGov mobile API №1: the signing request", tag: "egov-mobile",
            authenticated: false
        ) { request, context in
            guard let ticket = await platform.eGovTickets.ticket(try request.parameter("ticket", context), token: nil, at: platform.now)
            else { throw APIError(.notFound) }
            let state = try await platform.engine.state(ofDocument: ticket.documentID)
            guard let document = state.document, let partner = state.partner else { throw APIError(.notFound) }
            let description = EGovMobile.Description(
                description: "Senimkey: \(document.fileName)", expiryDate: EGovMobile.expiryDate(ticket.expiresAt),
                organisation: .init(
                    nameRu: partner.organisation, nameKz: partner.organisation, nameEn: partner.organisation, bin: partner.bin.digits),
                document: .init(uri: "\(base)\(apiPath)/\(ticket.id)/documents", authType: "Token", authToken: ticket.authToken))
            return try JSONResponse.make(description)
        }
        api.add(
            .get, apiPath + "/:ticket/documents", id: "eGovMobileDocuments", "eGov mobile API №2: the documents to sign (Bearer token)",
            tag: "egov-mobile", authenticated: false
        ) { request, context in
            let ticket = try await liveTicket(request, context, platform)
            let state = try await platform.engine.state(ofDocument: ticket.documentID)
            guard let document = state.document else { throw APIError(.notFound) }
            let name = document.fileName
            var item = EGovMobile.Documents.Item(
                id: 1, nameRu: name, nameKz: name, nameEn: name,
                meta: [.init(name: "SHA-256", value: document.sha256), .init(name: "GOST 34.311-95", value: document.gost34311)],
                documentXml: nil, document: nil)
            if ticket.method == .xml {
                item = .init(
                    id: 1, nameRu: name, nameKz: name, nameEn: name, meta: item.meta, documentXml: SignatureIntake.statement(for: document),
                    document: nil)
            } else {
                let bytes = try platform.blobs.contents(of: try await platform.engine.blobPath(ofDocument: document.id))
                item = .init(
                    id: 1, nameRu: name, nameKz: name, nameEn: name, meta: item.meta, documentXml: nil,
                    document: .init(
                        file: .init(mime: document.mediaType.components(separatedBy: ";")[0], data: Data(bytes).base64EncodedString())))
            }
            return try JSONResponse.make(EGovMobile.Documents(signMethod: ticket.method, version: 1, documentsToSign: [item]))
        }
        api.add(
            .put, apiPath + "/:ticket/documents", id: "eGovMobileSigned", "eGov mobile API №2: the signed documents back (Bearer token)",
            tag: "egov-mobile", authenticated: false, body: "Documents"
        ) { request, context in
            let ticket = try await liveTicket(request, context, platform)
            let body = try await request.json(EGovMobile.Documents.self, limit: limit)
            guard body.signMethod == ticket.method, let item = body.documentsToSign.first, body.documentsToSign.count == 1 else {
                throw APIError(.badRequest(.eGovOneDocumentExpected(method: ticket.method.rawValue)))
            }
            guard let account = try await platform.engine.principal(userID: ticket.userID), account.user.status == .active else {
                throw APIError(.permissionDenied(.accountBlocked))
            }
            // A QR shown in a link session signs as that link's signer, nothing more.
            let principal = ticket.scope.map { WorkflowPrincipal.linkHolder(account.user, scope: $0) } ?? account
            let signature: [UInt8]
            let format: EDSFormat
            switch ticket.method {
            case .xml:
                guard let xml = item.documentXml else { throw APIError(.badRequest(.missingField("documentXml"))) }
                (signature, format) = (Array(xml.utf8), .xml)
            case .cmsSignOnly, .cmsWithData:
                guard let data = item.document?.file.data, let bytes = Data(base64Encoded: data.filter { !$0.isWhitespace }) else {
                    throw APIError(.badRequest(.notBase64(field: "document.file.data")))
                }
                (signature, format) = (Array(bytes), .cms)
            }
            do {
                _ = try await platform.signWithEDS(
                    documentID: ticket.documentID, signerID: ticket.signerID, signature: signature, format: format,
                    by: principal, client: context.client,
                    // A retried PUT of the same signature replays; another signature is a new attempt.
                    idempotencyKey: "egov:\(ticket.id):\(Hex.encode(DigestAlgorithm.sha256.hash(signature)))")
            } catch {
                // The protocol's answer to an invalid signature is 403 with a message the app shows as is.
                let refused = APIError.from(error)
                return try JSONResponse.make(
                    Message(message: refused.message(in: UserLanguage(acceptLanguage: request.headers[.acceptLanguage]))),
                    status: .forbidden)
            }
            await platform.eGovTickets.close(ticket.id)
            return try JSONResponse.make(Status(status: "success"))
        }
    }

    static func liveTicket(_ request: Request, _ context: PlatformRequestContext, _ platform: SenimPlatform) async throws
        -> EGovMobileTicket
    {
        let token = SessionMiddleware.bearer(in: request) ?? ""
        guard let ticket = await platform.eGovTickets.ticket(try request.parameter("ticket", context), token: token, at: platform.now)
        else { throw APIError(.notFound) }
        return ticket
    }
}
