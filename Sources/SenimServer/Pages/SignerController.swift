import Foundation
import Hummingbird
import SenimEvidence
import SenimWorkflow

/// The signer's page from the SMS link (or the partner's own signature from the cabinet): the document, who
/// sent it, who else signs, the consent, then the methods the document allows (SMS code, eGov mobile QR,
/// NCALayer) and the rejection; afterwards the result and the downloads.
struct SignerController: PageController {
    let platform: SenimPlatform
    let renderer: PageRenderer

    /// The attempts a wrong code leaves (the signer is told how many; what was wrong is not said).
    static func attemptsLeft(_ refusal: WorkflowError) -> Int? {
        guard case .codeNotAccepted(let why) = refusal else { return nil }
        return why.attemptsLeft
    }

    var engine: WorkflowEngine { platform.engine }
    static let base = "/sign/:documentID/:signerID"

    func addRoutes(to pages: PageRouter) {
        pages.get(Self.base, signPage)
        pages.post(Self.base + "/code", requestCode)
        pages.post(Self.base + "/ses", signWithCode)
        pages.post(Self.base + "/reject", reject)
        pages.post(Self.base + "/egov", openEGovTicket)
    }

    /// The signer's page; after a refused form, with the refusal and, while attempts are left, the code form again.
    func page(
        _ request: Request, _ context: PlatformRequestContext, error: String? = nil, challengeID: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (documentID, signerID, principal) = try ids(request, context)
        var state = try await engine.status(ofDocument: documentID, for: principal)
        guard let document = state.document, let signer = state.signers.first(where: { $0.id == signerID }) else {
            throw APIError(.notFound)
        }
        if signer.state == .notified, Permissions.names(principal, signer) {
            // Opening the page is the evidence that the signer saw the document (docs/user-agreement.md §7.4).
            state = DocumentState(
                document: document,
                signers: try await platform.run(
                    .view(documentID: documentID, signerID: signerID), by: principal,
                    client: context.client
                ).signers, partner: state.partner)
        }
        let current = state.signers.first { $0.id == signerID } ?? signer
        let t = PageStrings.table(renderer.language(of: request))
        let mayAct =
            current.party == .partner
            ? Permissions.decide(principal, .signForPartner, document: document, signers: [current], partner: state.partner).isAllowed
            : Permissions.names(principal, current)
        let canSign = mayAct && current.state.isAwaitingSignature && document.status == .pending
        var values: [String: Any] = [
            "document": ["id": document.id, "fileName": document.fileName],
            "partner": ["organisation": state.partner?.organisation ?? "", "bin": state.partner?.bin.digits ?? ""],
            "signers": PageValues.signers(state.signers, partner: state.partner, t), "signerID": signerID,
            "isPDF": document.mediaType == "application/pdf", "canSign": canSign, "canReject": canSign && current.party == .person,
            "allowsSES": document.signingMethod.allows(.ses), "allowsEDS": document.signingMethod.allows(.eds),
            "done": !canSign && (document.status.isFinal || current.state == .signed || current.state == .rejected),
            "youSigned": current.state == .signed, "youRejected": current.state == .rejected,
            "resultText": document.status == .signed
                ? t[.resultSigned] : document.status == .rejected ? t[.resultRejected] : t[.resultWaiting],
            "script": "app.js",
        ]
        if let error { values["error"] = error }
        if let challenge = challengeID ?? request.query("challenge") {
            values["challengeID"] = challenge
            values["sentTo"] = (current.phone ?? principal.user.phone).masked
        }
        if let reject = request.query("reject") { values["rejectChallengeID"] = reject }
        if let ticketID = request.query("egov"), let ticket = await platform.eGovTickets.ticket(ticketID, token: nil, at: platform.now) {
            let links = platform.eGovLinks(ticket)
            values["egov"] = [
                "qrSVG": (try? QRCode(text: links.qr).svg(title: t[.signWithEGov])) ?? "", "crossLink": links.crossLink,
            ]
        }
        return renderer.render("sign", title: .signTitle, request: request, context: context, values: values, status: status)
    }

    /// The document, the signer slot and the principal, provided the session may act on that document.
    func ids(_ request: Request, _ context: PlatformRequestContext) throws(APIError) -> (String, String, WorkflowPrincipal) {
        let documentID = try request.parameter("documentID", context)
        return (documentID, try request.parameter("signerID", context), try context.principal(for: documentID))
    }

    @Sendable func signPage(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        try await page(request, context)
    }

    @Sendable func requestCode(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let (documentID, signerID, principal) = try ids(request, context)
        let action: SESAction = form.value("action") == "reject" ? .reject : .sign
        let issued = try await platform.requestSignatureCode(
            documentID: documentID, signerID: signerID, action: action, by: principal,
            client: context.client, language: renderer.language(of: request))
        return PageRenderer.redirect(
            "/sign/\(documentID)/\(signerID)?\(action == .reject ? "reject" : "challenge")=\(issued.challengeID)")
    }

    @Sendable func signWithCode(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let (documentID, signerID, principal) = try ids(request, context)
        let challengeID = form.value("challengeID") ?? ""
        do {
            _ = try await platform.signWithCode(
                documentID: documentID, signerID: signerID, challengeID: challengeID, code: form.value("code") ?? "",
                by: principal, client: context.client)
        } catch let refusal as WorkflowError {
            let language = renderer.language(of: request)
            var message = APIError(workflow: refusal).message(in: language)
            if let left = SignerController.attemptsLeft(refusal) {
                message += " \(PageStrings.table(language)[.attemptsLeft]): \(left)."
            }
            return try await page(
                request, context, error: message,
                challengeID: SignerController.attemptsLeft(refusal).map { $0 > 0 ? challengeID : nil } ?? nil,
                status: APIError.status(of: refusal))
        }
        return PageRenderer.redirect("/sign/\(documentID)/\(signerID)")
    }

    @Sendable func reject(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let (documentID, signerID, principal) = try ids(request, context)
        _ = try await platform.reject(
            documentID: documentID, signerID: signerID, challengeID: form.value("challengeID") ?? "", code: form.value("code") ?? "",
            reason: form.value("reason") ?? "", by: principal, client: context.client)
        return PageRenderer.redirect("/sign/\(documentID)/\(signerID)")
    }

    @Sendable func openEGovTicket(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let (documentID, signerID, principal) = try ids(request, context)
        let ticket = try await platform.openEGovTicket(documentID: documentID, signerID: signerID, method: .cmsSignOnly, by: principal)
        return PageRenderer.redirect("/sign/\(documentID)/\(signerID)?egov=\(ticket.id)")
    }
}
