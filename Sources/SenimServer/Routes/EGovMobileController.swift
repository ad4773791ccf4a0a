import Foundation
import Hummingbird
import SenimCrypto
import SenimEvidence
import SenimWorkflow

/// eGov mobile QR and cross signing (docs/kazakh-eds.md §6.1). The signer's page asks for a ticket and shows
/// the `mobileSign:` QR (or the cross link on a phone); the app reads API №1, fetches API №2 with the bearer
/// token, signs, and PUTs the same JSON back with the signatures in place of the data. What comes back is
/// verified here like any EDS; an invalid signature is answered 403 with the reason in the app's language.
struct EGovMobileController: APIController {
    struct TicketBody: Codable { let method: EGovMobile.SignMethod? }
    struct TicketAnswer: ResponseCodable {
        let qr: String
        let crossLink: String
        let businessLink: String
        let expiresAt: Date
    }
    struct Message: ResponseCodable { let message: String }
    struct Status: ResponseCodable { let status: String }

    /// The ticket path contains `mgovSign`, which the app requires of API №1's URL.
    static let apiPath = "/api/v1/mgovSign"

    let platform: SenimPlatform
    var base: String { platform.configuration.publicBaseURL }

    func addRoutes(to api: APIRouter) {
        api.add(
            .post, "/api/v1/documents/:documentID/signers/:signerID/egov", id: "openEGovMobileTicket",
            "Start signing with eGov mobile: the QR payload and the cross links", tag: "signing", body: .json(TicketBody.self),
            success: (201, "Ticket opened", "application/json"), handler: openTicket)
        api.add(
            .get, Self.apiPath + "/:ticket", id: "eGovMobileDescription", "eGov mobile API №1: the signing request", tag: "egov-mobile",
            authenticated: false, handler: describe)
        api.add(
            .get, Self.apiPath + "/:ticket/documents", id: "eGovMobileDocuments",
            "eGov mobile API №2: the documents to sign (Bearer token)", tag: "egov-mobile", authenticated: false, handler: documents)
        api.add(
            .put, Self.apiPath + "/:ticket/documents", id: "eGovMobileSigned",
            "eGov mobile API №2: the signed documents back (Bearer token)", tag: "egov-mobile", authenticated: false,
            body: .json(EGovMobile.Documents.self), response: Status.self, handler: signed)
    }

    @Sendable func openTicket(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<TicketAnswer> {
        let documentID = try request.parameter("documentID", context)
        let signerID = try request.parameter("signerID", context)
        let principal = try context.principal(for: documentID)
        let body = try await request.decode(as: TicketBody.self, context: context)
        let ticket = try await platform.openEGovTicket(
            documentID: documentID, signerID: signerID, method: body.method ?? .cmsSignOnly, by: principal)
        let links = platform.eGovLinks(ticket)
        return EditedResponse(
            status: .created,
            response: TicketAnswer(qr: links.qr, crossLink: links.crossLink, businessLink: links.businessLink, expiresAt: ticket.expiresAt))
    }

    @Sendable func describe(_ request: Request, context: PlatformRequestContext) async throws -> EGovMobile.Description {
        guard let ticket = await platform.eGovTickets.ticket(try request.parameter("ticket", context), token: nil, at: platform.now)
        else { throw APIError(.notFound) }
        let state = try await platform.engine.state(ofDocument: ticket.documentID)
        guard let document = state.document, let partner = state.partner else { throw APIError(.notFound) }
        return EGovMobile.Description(
            description: "Senimkey: \(document.fileName)", expiryDate: EGovMobile.expiryDate(ticket.expiresAt),
            organisation: .init(
                nameRu: partner.organisation, nameKz: partner.organisation, nameEn: partner.organisation, bin: partner.bin.digits),
            document: .init(uri: "\(base)\(Self.apiPath)/\(ticket.id)/documents", authType: "Token", authToken: ticket.authToken))
    }

    @Sendable func documents(_ request: Request, context: PlatformRequestContext) async throws -> EGovMobile.Documents {
        let ticket = try await liveTicket(request, context)
        let state = try await platform.engine.state(ofDocument: ticket.documentID)
        guard let document = state.document else { throw APIError(.notFound) }
        let name = document.fileName
        let meta: [EGovMobile.Documents.Meta] = [
            .init(name: "SHA-256", value: document.sha256), .init(name: "GOST 34.311-95", value: document.gost34311),
        ]
        let item: EGovMobile.Documents.Item
        if ticket.method == .xml {
            item = .init(
                id: 1, nameRu: name, nameKz: name, nameEn: name, meta: meta, documentXml: SignatureIntake.statement(for: document),
                document: nil)
        } else {
            let bytes = try await platform.blobs.contents(of: try await platform.engine.blobPath(ofDocument: document.id))
            item = .init(
                id: 1, nameRu: name, nameKz: name, nameEn: name, meta: meta, documentXml: nil,
                document: .init(
                    file: .init(mime: document.mediaType.components(separatedBy: ";")[0], data: Data(bytes).base64EncodedString())))
        }
        return EGovMobile.Documents(signMethod: ticket.method, version: 1, documentsToSign: [item])
    }

    /// What comes back is verified like any EDS; the protocol's answer to an invalid signature is 403 with a
    /// message the app shows as is.
    @Sendable func signed(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let ticket = try await liveTicket(request, context)
        let body = try await request.decode(as: EGovMobile.Documents.self, context: context)
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
            let refused = APIError.from(error)
            let message = Message(message: refused.message(in: Language(acceptLanguage: request.headers[.acceptLanguage])))
            return try EditedResponse(status: .forbidden, response: message).response(from: request, context: context)
        }
        await platform.eGovTickets.close(ticket.id)
        return try Status(status: "success").response(from: request, context: context)
    }

    func liveTicket(_ request: Request, _ context: PlatformRequestContext) async throws -> EGovMobileTicket {
        let token = SessionMiddleware.bearer(in: request) ?? ""
        guard let ticket = await platform.eGovTickets.ticket(try request.parameter("ticket", context), token: token, at: platform.now)
        else { throw APIError(.notFound) }
        return ticket
    }
}

extension EGovMobile.Description: ResponseEncodable {}
extension EGovMobile.Documents: ResponseEncodable {}
