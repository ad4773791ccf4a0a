import Foundation
import Hummingbird
import SenimWorkflow

/// The partner's cabinet: documents by status with every signer's progress and the package balance, a new
/// document with its signers (one `create` command), a document's page (send, sign first, cancel, downloads),
/// and the employees with their rights.
struct CabinetController: PageController {
    let platform: SenimPlatform
    let renderer: PageRenderer
    var engine: WorkflowEngine { platform.engine }

    func addRoutes(to pages: PageRouter) {
        pages.get("/cabinet", documents)
        pages.get("/cabinet/new", newDocument)
        pages.upload("/cabinet/documents", authorise: mayUpload, createDocument)
        pages.get("/cabinet/documents/:documentID", document)
        pages.post("/cabinet/documents/:documentID/send", send)
        pages.post("/cabinet/documents/:documentID/cancel", cancel)
        pages.get("/cabinet/employees", employees)
        pages.post("/cabinet/employees", grantEmployee)
    }

    /// The principal and the partner they work for, or 403.
    func employment(_ context: PlatformRequestContext) throws(APIError) -> (WorkflowPrincipal, Employee) {
        let principal = try context.principal()
        guard let employment = principal.employments.first(where: { $0.active }) else {
            throw APIError(.permissionDenied(.notPartnerEmployee))
        }
        return (principal, employment)
    }

    /// A person who works for no partner has their own documents, not a cabinet.
    @Sendable func documents(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        if let authenticated = context.authenticated, authenticated.session.scope == nil,
            !authenticated.principal.employments.contains(where: \.active)
        {
            return PageRenderer.redirect("/documents")
        }
        let (principal, employment) = try employment(context)
        let t = PageStrings.table(renderer.language(of: request))
        let status = request.query("status").flatMap(Document.Status.init(rawValue:))
        var documents = try await engine.documents(ofPartner: employment.partnerID, status: status, limit: 50)
        if !employment.rights.contains(.viewAllPartnerDocuments) { documents = documents.filter { $0.createdBy == principal.user.id } }
        let partner = try await engine.partner(id: employment.partnerID)
        var rows: [[String: Any]] = []
        for document in documents {
            let state = try await engine.status(ofDocument: document.id, for: principal)
            rows.append([
                "id": document.id, "fileName": document.fileName, "status": document.status.rawValue,
                "statusLabel": t[document.status], "created": PageValues.date(document.createdAt),
                "signers": PageValues.signers(state.signers, partner: partner, t),
            ])
        }
        let filters: [[String: Any]] =
            [["label": t[.filterAll], "current": status == nil]]
            + Document.Status.allCases.map { ["status": $0.rawValue, "label": t[$0], "current": $0 == status] }
        let now = platform.now
        let usable = try await engine.tariffPackages(ofPartner: employment.partnerID).filter { $0.active && $0.validUntil > now }
        return renderer.render(
            "documents", title: .documentsTitle, request: request, context: context,
            values: ["documents": rows, "filters": filters, "tariff": ["usesLeft": usable.reduce(0) { $0 + $1.usesLeft }]])
    }

    @Sendable func newDocument(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        _ = try employment(context)
        return renderer.render(
            "new-document", title: .newDocumentTitle, request: request, context: context, values: ["rows": (1...3).map { ["index": $0] }])
    }

    /// Nothing of the upload is read, let alone stored, before the principal may upload for its partner.
    @Sendable func mayUpload(_ request: Request, _ context: PlatformRequestContext) async throws {
        let (principal, employment) = try employment(context)
        let partner = try await engine.partner(id: employment.partnerID)
        if case .denied(let why) = Permissions.decide(principal, .upload, partnerID: employment.partnerID, partner: partner) {
            throw APIError(.permissionDenied(why))
        }
    }

    /// The form's file part takes the API's streaming path (``DocumentUpload``) and its fields the API's rules
    /// (``UploadDraft``); the signers' rows that have a surname or an IIN become the document's signers.
    @Sendable func createDocument(_ request: Request, context: PlatformRequestContext, reader: MultipartReader) async throws -> Response {
        let (principal, employment) = try employment(context)
        let (form, file) = try await receive(reader)
        guard let file, file.received.stored.size > 0 else { throw APIError(.badRequest(.fileMissing)) }
        // A checkbox's hidden companion sends `0` before it, so the last value is the one that counts.
        let draft = try UploadDraft(fileName: file.name) { form.values($0).last }
        let documentID = try newIdentifier("d")
        let upload = draft.request(partnerID: employment.partnerID, stored: file.received.stored, mediaType: file.received.mediaType)
        try await platform.run(
            .create(documentID: documentID, uploadedBy: principal.user.id, upload, signers: try Self.signers(in: form), send: false),
            by: principal, client: context.client, blobPath: file.received.stored.path)
        return PageRenderer.redirect("/cabinet/documents/\(documentID)")
    }

    /// The form as it arrives: its fields (at most 64 KiB in all) and its file, streamed to the blob store.
    func receive(_ reader: MultipartReader) async throws -> (FormBody, (name: String, received: DocumentUpload.Received)?) {
        var fields: [(name: String, value: String)] = []
        var fieldBytesLeft = PageRouter.fieldsLimit
        var file: (name: String, received: DocumentUpload.Received)?
        do {
            while let part = try await reader.nextPart() {
                if part.name == "file", let offered = part.fileName {
                    // A form without a chosen file sends an empty part without a name.
                    guard file == nil, !offered.isEmpty else { continue }
                    let name = try UploadDraft.checkedFileName(offered)
                    file = (name, try await DocumentUpload.receive(reader.contentChunks(), fileName: name, platform: platform))
                } else {
                    let content = try await reader.content(limit: fieldBytesLeft)
                    fieldBytesLeft -= content.count
                    if part.fileName == nil { fields.append((part.name, String(decoding: content, as: UTF8.self))) }
                }
            }
        } catch let error as FormBody.FormError {
            throw error == .tooLarge
                ? APIError(.payloadTooLarge(limit: Int64(PageRouter.fieldsLimit))) : APIError(.badRequest(.formUnreadable))
        }
        return (FormBody(fields: fields), file)
    }

    /// The rows of the signers' fieldset that name someone (a surname or an IIN), in order.
    static func signers(in form: FormBody) throws -> [NamedSigner] {
        let (surnames, names, iins, phones) = (form.values("surname"), form.values("name"), form.values("iin"), form.values("phone"))
        func field(_ values: [String], _ index: Int) -> String { values.indices.contains(index) ? values[index] : "" }
        return try surnames.indices.filter { !(surnames[$0] + field(iins, $0)).trimmingCharacters(in: .whitespaces).isEmpty }.map {
            NamedSigner(
                signerID: try newIdentifier("s"),
                SignerRequest(
                    surname: surnames[$0], name: field(names, $0), iin: field(iins, $0).trimmingCharacters(in: .whitespaces),
                    phone: field(phones, $0)))
        }
    }

    @Sendable func document(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let (principal, _) = try employment(context)
        let documentID = try request.parameter("documentID", context)
        let state = try await engine.status(ofDocument: documentID, for: principal)
        guard let document = state.document else { throw APIError(.notFound) }
        let t = PageStrings.table(renderer.language(of: request))
        let partnerSlot = state.signers.first { $0.party == .partner && $0.state.isAwaitingSignature }?.id
        return renderer.render(
            "document", title: .documentsTitle, request: request, context: context,
            values: [
                "document": [
                    "id": document.id, "fileName": document.fileName, "status": document.status.rawValue, "sha256": document.sha256,
                    "gost34311": document.gost34311,
                ],
                "statusLabel": t[document.status],
                "signers": PageValues.signers(state.signers, partner: state.partner, t),
                "canSend": document.status == .draft, "canCancel": document.status == .draft || document.status == .pending,
                "partnerSlot": partnerSlot as Any,
            ])
    }

    @Sendable func send(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let (principal, _) = try employment(context)
        let documentID = try request.parameter("documentID", context)
        try await platform.run(.send(documentID: documentID), by: principal, client: context.client)
        return PageRenderer.redirect("/cabinet/documents/\(documentID)")
    }

    @Sendable func cancel(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let (principal, _) = try employment(context)
        let documentID = try request.parameter("documentID", context)
        try await platform.run(.cancel(documentID: documentID, reason: form.value("reason")), by: principal, client: context.client)
        return PageRenderer.redirect("/cabinet/documents/\(documentID)")
    }

    @Sendable func employees(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let (_, employment) = try employment(context)
        let t = PageStrings.table(renderer.language(of: request))
        let names = AdminController.rightNames.sorted { $0.value.rawValue < $1.value.rawValue }
        let rows = try await engine.employees(ofPartner: employment.partnerID).map { entry in
            [
                "phone": entry.phone.masked,
                "rights": names.filter { entry.employee.rights.contains($0.value) }.map { t[right: $0.key] }.joined(separator: ", "),
            ]
        }
        return renderer.render(
            "employees", title: .employeesTitle, request: request, context: context,
            values: ["employees": rows, "rightOptions": names.map { ["name": $0.key, "label": t[right: $0.key]] }])
    }

    @Sendable func grantEmployee(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let (principal, employment) = try employment(context)
        var rights = EmployeeRights()
        for name in form.values("rights") { if let right = AdminController.rightNames[name] { rights.insert(right) } }
        _ = try await platform.grant(
            rights, to: try phoneNumber(form.value("phone") ?? ""), at: employment.partnerID, by: principal, client: context.client)
        return PageRenderer.redirect("/cabinet/employees")
    }
}
