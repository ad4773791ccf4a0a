import Foundation
import Hummingbird
import SenimWorkflow

/// The partner's cabinet: documents by status with every signer's progress and the package balance, a new
/// document with its signers (one `create` command), a document's page (send, sign first, cancel, downloads),
/// and the employees with their rights.
enum CabinetPages {
    static func register(_ pages: PageRouter) {
        let platform = pages.platform
        let renderer = pages.renderer
        let engine = platform.engine
        @Sendable func employment(_ context: PlatformRequestContext) throws(APIError) -> (WorkflowPrincipal, Employee) {
            let principal = try context.principal()
            guard let employment = principal.employments.first(where: { $0.active }) else {
                throw APIError(.permissionDenied(.notPartnerEmployee))
            }
            return (principal, employment)
        }

        pages.get("/cabinet") { request, context in
            // A person who works for no partner has their own documents, not a cabinet.
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
                    "statusLabel": t["status_\(document.status.rawValue)"] ?? "", "created": PageValues.date(document.createdAt),
                    "signers": PageValues.signers(state.signers, partner: partner, t),
                ])
            }
            let filters: [[String: Any]] =
                [["label": t["filterAll"] ?? "", "current": status == nil]]
                + Document.Status.allCases.map {
                    ["status": $0.rawValue, "label": t["status_\($0.rawValue)"] ?? "", "current": $0 == status]
                }
            let now = platform.now
            let usable = try await engine.tariffPackages(ofPartner: employment.partnerID).filter { $0.active && $0.validUntil > now }
            return renderer.render(
                "documents", title: .documentsTitle, request: request, context: context,
                values: [
                    "documents": rows, "filters": filters, "tariff": ["usesLeft": usable.reduce(0) { $0 + $1.usesLeft }],
                ])
        }
        pages.get("/cabinet/new") { request, context in
            _ = try employment(context)
            return renderer.render(
                "new-document", title: .newDocumentTitle, request: request, context: context,
                values: ["rows": (1...3).map { ["index": $0] }])
        }
        // Nothing of the upload is read, let alone stored, before the principal may upload for its partner.
        @Sendable func mayUpload(_ request: Request, _ context: PlatformRequestContext) async throws {
            let (principal, employment) = try employment(context)
            let partner = try await engine.partner(id: employment.partnerID)
            if case .denied(let why) = Permissions.decide(principal, .upload, partnerID: employment.partnerID, partner: partner) {
                throw APIError(.permissionDenied(why))
            }
        }
        pages.post("/cabinet/documents", body: .upload, authorise: mayUpload) { request, context, form in
            let (principal, employment) = try employment(context)
            guard let file = form.files["file"], !file.bytes.isEmpty else { throw APIError(.badRequest(.fileMissing)) }
            let fileName = (file.fileName as NSString).lastPathComponent
            guard !fileName.isEmpty, fileName.count <= 255 else { throw APIError(.badRequest(.fileNameInvalid)) }
            let stored = try platform.blobs.store(file.bytes)
            var upload = UploadRequest(
                partnerID: employment.partnerID, fileName: fileName,
                mediaType: MediaTypeSniffer.mediaType(of: Array(file.bytes.prefix(512)), fileName: fileName),
                size: stored.size, sha256: stored.sha256, gost34311: stored.gost34311)
            upload.language = form.value("language").flatMap(Document.Language.init(rawValue:)) ?? .ru
            upload.signingMethod = form.value("signingMethod").flatMap(Document.SigningMethod.init(rawValue:)) ?? .either
            upload.signingOrder = form.value("signingOrder").flatMap(Document.SigningOrder.init(rawValue:)) ?? .parallel
            upload.partnerSignsFirst = form.value("partnerSignsFirst") == "1"
            let (surnames, names, iins, phones) = (form.values("surname"), form.values("name"), form.values("iin"), form.values("phone"))
            var signers: [NamedSigner] = []
            for index in surnames.indices
            where !(surnames[index] + (iins.indices.contains(index) ? iins[index] : "")).trimmingCharacters(in: .whitespaces).isEmpty {
                signers.append(
                    NamedSigner(
                        signerID: try newIdentifier("s"),
                        SignerRequest(
                            surname: surnames[index], name: names.indices.contains(index) ? names[index] : "",
                            iin: iins.indices.contains(index) ? iins[index].trimmingCharacters(in: .whitespaces) : "",
                            phone: phones.indices.contains(index) ? phones[index] : "")))
            }
            let documentID = try newIdentifier("d")
            try await platform.run(
                .create(documentID: documentID, uploadedBy: principal.user.id, upload, signers: signers, send: false), by: principal,
                client: context.client, blobPath: stored.path)
            return PageRenderer.redirect("/cabinet/documents/\(documentID)")
        }
        pages.get("/cabinet/documents/:documentID") { request, context in
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
                    "statusLabel": t["status_\(document.status.rawValue)"] ?? "",
                    "signers": PageValues.signers(state.signers, partner: state.partner, t),
                    "canSend": document.status == .draft, "canCancel": document.status == .draft || document.status == .pending,
                    "partnerSlot": partnerSlot as Any,
                ])
        }
        pages.post("/cabinet/documents/:documentID/send") { request, context, _ in
            let (principal, _) = try employment(context)
            let documentID = try request.parameter("documentID", context)
            try await platform.run(.send(documentID: documentID), by: principal, client: context.client)
            return PageRenderer.redirect("/cabinet/documents/\(documentID)")
        }
        pages.post("/cabinet/documents/:documentID/cancel") { request, context, form in
            let (principal, _) = try employment(context)
            let documentID = try request.parameter("documentID", context)
            try await platform.run(.cancel(documentID: documentID, reason: form.value("reason")), by: principal, client: context.client)
            return PageRenderer.redirect("/cabinet/documents/\(documentID)")
        }
        pages.get("/cabinet/employees") { request, context in
            let (_, employment) = try employment(context)
            let t = PageStrings.table(renderer.language(of: request))
            let names = AdminRoutes.rightNames.sorted { $0.value.rawValue < $1.value.rawValue }
            let rows = try await engine.employees(ofPartner: employment.partnerID).map { entry in
                [
                    "phone": entry.phone.masked,
                    "rights": names.filter { entry.employee.rights.contains($0.value) }.map { t["right_\($0.key)"] ?? $0.key }.joined(
                        separator: ", "),
                ]
            }
            return renderer.render(
                "employees", title: .employeesTitle, request: request, context: context,
                values: [
                    "employees": rows, "rightOptions": names.map { ["name": $0.key, "label": t["right_\($0.key)"] ?? $0.key] },
                ])
        }
        pages.post("/cabinet/employees") { request, context, form in
            let (principal, employment) = try employment(context)
            var rights = EmployeeRights()
            for name in form.values("rights") { if let right = AdminRoutes.rightNames[name] { rights.insert(right) } }
            _ = try await platform.grant(
                rights, to: try phoneNumber(form.value("phone") ?? ""), at: employment.partnerID, by: principal, client: context.client)
            return PageRenderer.redirect("/cabinet/employees")
        }
    }
}
