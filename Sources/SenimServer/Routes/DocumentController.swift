import Foundation
import Hummingbird
import NIOCore
import SenimEvidence
import SenimWorkflow

/// A partner's documents: upload (streamed, digests computed on the way in), signers, send, cancel, list,
/// and for every party: the document's state, its bytes, its evidence package and the arbitration report.
struct DocumentController: APIController {
    struct SignerBody: Codable {
        let surname: String
        let name: String
        let iin: String
        let phone: String
        let order: Int?
    }
    struct CancelBody: Codable { let reason: String? }
    struct DocumentList: ResponseCodable {
        let documents: [Document]
        let next: String?
    }
    struct SignatureEntry: ResponseCodable {
        let signerID: String
        let kind: SignatureKind
        let sha256: String
        let receivedAt: Date
        let accepted: Bool
    }

    static let reportPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    let platform: SenimPlatform
    let encodedStatus = EncodedStatusCache()

    func addRoutes(to api: APIRouter) {
        api.add(
            .post, "/api/v1/partners/:partnerID/documents", id: "uploadDocument", "Upload a document (the raw bytes as the body)",
            tag: "documents", keys: true, body: .binary("application/octet-stream"), success: (201, "Uploaded", "application/json"),
            query: ["fileName", "language", "signingMethod", "signingOrder", "partnerSignsFirst", "deadline"], handler: upload)
        api.add(
            .get, "/api/v1/partners/:partnerID/documents", id: "listDocuments", "A partner's documents, newest first", tag: "documents",
            keys: true,
            query: ["status", "limit", "after"], handler: list)
        api.add(
            .get, "/api/v1/documents/:documentID", id: "getDocument", "A document's status and every signer's progress", tag: "documents",
            keys: true, response: DocumentView.self, handler: status)
        api.add(
            .post, "/api/v1/documents/:documentID/signers", id: "addSigner", "Name a signer (surname, name, IIN, phone) on a draft",
            tag: "documents", keys: true, body: .json(SignerBody.self), success: (201, "Added", "application/json"), handler: addSigner)
        api.add(
            .post, "/api/v1/documents/:documentID/send", id: "sendDocument",
            "Send for signing (reserves a tariff use; the partner signs first)", tag: "documents", keys: true, handler: send)
        api.add(
            .post, "/api/v1/documents/:documentID/cancel", id: "cancelDocument", "Cancel before completion (releases the reserved use)",
            tag: "documents", keys: true, body: .json(CancelBody.self), handler: cancel)
        api.add(
            .get, "/api/v1/documents/:documentID/content", id: "downloadDocument", "The original document, byte for byte", tag: "documents",
            keys: true,
            success: (200, "The uploaded bytes", "application/octet-stream"), query: ["inline"], handler: content)
        api.add(
            .get, "/api/v1/documents/:documentID/signatures", id: "listSignatures", "The signatures the document received, in order",
            tag: "documents", keys: true, handler: signatures)
        api.add(
            .get, "/api/v1/documents/:documentID/signatures/:sha256", id: "downloadSignature",
            "One signature as received (CMS, XML, or the sealed SES record)", tag: "documents", keys: true,
            success: (200, "The signature bytes", "application/octet-stream"), handler: signature)
        api.add(
            .get, "/api/v1/documents/:documentID/evidence", id: "downloadEvidence", "The evidence package (ASiC-E), sealed by the platform",
            tag: "documents", keys: true, success: (200, "The package", EvidencePackageBuilder.mimeType), handler: evidence)
        api.add(
            .get, "/api/v1/documents/:documentID/report", id: "arbitrationReport",
            "The arbitration report of a fresh evidence package: self-contained HTML, or an A4 PDF with format=pdf", tag: "documents",
            keys: true, success: (200, "Self-contained HTML, or PDF", "text/html"), query: ["lang", "format"], handler: report)
    }

    /// The upload's description (``UploadDraft``) and the principal's right to upload are checked before a byte
    /// of the body is read; the body then takes ``DocumentUpload``'s streaming path, the page's too.
    @Sendable func upload(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<DocumentView> {
        let principal = try context.principal()
        let partnerID = try request.parameter("partnerID", context)
        if case .denied(let why) = Permissions.decide(principal, .upload, partnerID: partnerID) {
            throw APIError(.permissionDenied(why))
        }
        let draft = try UploadDraft(fileName: request.query("fileName"), option: request.query)
        try DocumentUpload.refuseDeclaredOversize(request, platform: platform)
        let received = try await DocumentUpload.receive(
            request.body.map { Array(buffer: $0) }, fileName: draft.fileName, platform: platform)
        let result = try await platform.run(
            .upload(
                documentID: try newIdentifier("d"), uploadedBy: principal.user.id,
                draft.request(partnerID: partnerID, stored: received.stored, mediaType: received.mediaType)),
            by: principal, client: context.client, blobPath: received.stored.path, idempotencyKey: request.idempotencyKey)
        return EditedResponse(status: .created, response: DocumentView(result, for: principal))
    }

    @Sendable func list(_ request: Request, context: PlatformRequestContext) async throws -> DocumentList {
        let principal = try context.principal()
        let partnerID = try request.parameter("partnerID", context)
        guard let employment = principal.employments.first(where: { $0.partnerID == partnerID && $0.active }) else {
            throw APIError(.permissionDenied(.notPartnerEmployee))
        }
        let status = try request.query("status").map { value throws(APIError) in
            guard let status = Document.Status(rawValue: value) else {
                throw APIError(.badRequest(.unknownValue(field: "status", value: value, allowed: Document.Status.allCases.map(\.rawValue))))
            }
            return status
        }
        let after = try await request.query("after").asyncMap { try await platform.engine.state(ofDocument: $0).document }
        let limit = min(max(Int(request.query("limit") ?? "50") ?? 50, 1), 200)
        var documents = try await platform.engine.documents(ofPartner: partnerID, status: status, limit: limit, after: after ?? nil)
        let page = documents.count == limit ? documents.last?.id : nil
        if !employment.rights.contains(.viewAllPartnerDocuments) { documents = documents.filter { $0.createdBy == principal.user.id } }
        return DocumentList(documents: documents, next: page)
    }

    /// From memory without suspending when the engine has it (most polls), its JSON reused while unchanged.
    @Sendable func status(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let documentID = try request.parameter("documentID", context)
        let principal = try context.principal(for: documentID)
        let state: DocumentState
        if let cached = try platform.engine.cachedStatus(ofDocument: documentID, for: principal) {
            state = cached
        } else {
            state = try await platform.engine.status(ofDocument: documentID, for: principal)
        }
        let body = try encodedStatus.body(for: state, variant: DocumentView.unmasked(state, for: principal)) {
            Array(try PlatformJSONEncoder.encoder.encode(try DocumentView(state, for: principal)))
        }
        return PlatformJSONEncoder.response(encoded: body)
    }

    @Sendable func addSigner(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<DocumentView> {
        let documentID = try request.parameter("documentID", context)
        let principal = try context.principal(for: documentID)
        let body = try await request.decode(as: SignerBody.self, context: context)
        let result = try await platform.run(
            .addSigner(
                documentID: documentID, signerID: try newIdentifier("s"),
                SignerRequest(surname: body.surname, name: body.name, iin: body.iin, phone: body.phone, order: body.order)),
            by: principal, client: context.client, idempotencyKey: request.idempotencyKey)
        return EditedResponse(status: .created, response: DocumentView(result, for: principal))
    }

    @Sendable func send(_ request: Request, context: PlatformRequestContext) async throws -> DocumentView {
        let documentID = try request.parameter("documentID", context)
        let principal = try context.principal(for: documentID)
        let result = try await platform.run(
            .send(documentID: documentID), by: principal, client: context.client, idempotencyKey: request.idempotencyKey)
        return DocumentView(result, for: principal)
    }

    @Sendable func cancel(_ request: Request, context: PlatformRequestContext) async throws -> DocumentView {
        let documentID = try request.parameter("documentID", context)
        let principal = try context.principal(for: documentID)
        let body = try await request.decode(as: CancelBody.self, context: context)
        let result = try await platform.run(
            .cancel(documentID: documentID, reason: body.reason), by: principal, client: context.client,
            idempotencyKey: request.idempotencyKey)
        return DocumentView(result, for: principal)
    }

    @Sendable func content(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let documentID = try request.parameter("documentID", context)
        let principal = try context.principal(for: documentID)
        guard let document = try await platform.engine.state(ofDocument: documentID, for: principal, .readContent).document else {
            throw APIError(.notFound)
        }
        try await platform.engine.recordDownload(
            documentID: documentID, item: "document", by: principal, client: context.client, at: platform.now)
        return try FileResponse.make(
            path: try await platform.engine.blobPath(ofDocument: documentID), mediaType: document.mediaType,
            fileName: document.fileName, removeAfter: false,
            inline: request.query("inline") == "1" && document.mediaType == "application/pdf")
    }

    @Sendable func signatures(_ request: Request, context: PlatformRequestContext) async throws -> [SignatureEntry] {
        let documentID = try request.parameter("documentID", context)
        _ = try await platform.engine.state(ofDocument: documentID, for: try context.principal(for: documentID), .readContent)
        return try await platform.engine.signatures(ofDocument: documentID).map {
            SignatureEntry(signerID: $0.signerID, kind: $0.kind, sha256: $0.sha256, receivedAt: $0.receivedAt, accepted: $0.accepted)
        }
    }

    @Sendable func signature(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let documentID = try request.parameter("documentID", context)
        let sha256 = try request.parameter("sha256", context)
        let principal = try context.principal(for: documentID)
        _ = try await platform.engine.state(ofDocument: documentID, for: principal, .readContent)
        guard let stored = try await platform.engine.signatures(ofDocument: documentID).first(where: { $0.sha256 == sha256 }) else {
            throw APIError(.notFound)
        }
        try await platform.engine.recordDownload(
            documentID: documentID, item: "signature sha256:\(sha256)", by: principal, client: context.client, at: platform.now)
        let bytes = try await platform.blobs.contents(of: stored.blobPath)
        let (mediaType, suffix) =
            stored.kind == .ses
            ? ("application/json", "ses.json")
            : EDSFormat.of(bytes) == .xml ? ("application/xml", "xml") : ("application/pkcs7-signature", "p7s")
        return try FileResponse.make(
            path: stored.blobPath, mediaType: mediaType, fileName: "\(stored.signerID).\(suffix)", removeAfter: false)
    }

    @Sendable func evidence(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let documentID = try request.parameter("documentID", context)
        let path = try await platform.exportEvidence(
            documentID: documentID, by: try context.principal(for: documentID), client: context.client)
        return try FileResponse.make(
            path: path, mediaType: EvidencePackageBuilder.mimeType, fileName: "\(documentID).asice", removeAfter: true)
    }

    /// Self-contained: its own CSS inline, nothing else may load or run, and it is never sniffed as anything else.
    @Sendable func report(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let documentID = try request.parameter("documentID", context)
        let language = request.query("lang").flatMap(Language.init(rawValue:)) ?? context.language
        let pdf = request.query("format") == "pdf"
        let renderer = platform.configuration.reportRenderer
        let principal = try context.principal(for: documentID)
        if pdf && renderer == nil {
            // Only a party learns that the renderer is missing: refused before any export, in the user's language,
            // naming what the operator must install.
            _ = try await platform.engine.state(ofDocument: documentID, for: principal, .readContent)
            return try Self.refusal(
                .serviceUnavailable, code: "report_renderer_missing", ReportPDFRenderer.RenderError.rendererMissing, language)
        }
        let path = try await platform.exportEvidence(documentID: documentID, by: principal, client: context.client)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try await platform.arbitrationReport(packageAt: path, language: language)
        var headers = PageRenderer.securityHeaders
        headers[.contentSecurityPolicy] = Self.reportPolicy
        guard pdf, let renderer else {
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: report.html)))
        }
        do throws(ReportPDFRenderer.RenderError) {
            let bytes = try await renderer.render(html: report.html)
            headers[.contentType] = "application/pdf"
            headers[.contentDisposition] = "attachment; filename=\"report-\(documentID).\(language.rawValue).pdf\""
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch {
            return try Self.refusal(.serviceUnavailable, code: "report_renderer_failed", error, language)
        }
    }

    /// A JSON refusal of the renderer, in the shape of every API error.
    static func refusal(
        _ status: HTTPResponse.Status, code: String, _ error: ReportPDFRenderer.RenderError, _ language: Language
    ) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let body = try PlatformJSONEncoder.encoder.encode(APIErrorBody(code: code, message: error.sentence(in: language)))
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(body))))
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
