import Foundation
import SenimCrypto
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// The platform's operations over the workflow engine: what each route asks for, in the words of the
/// agreement (log in, upload, send, sign, reject, download, export evidence). Routes translate HTTP to these
/// calls and back; nothing here knows about HTTP.
public struct SenimPlatform: Sendable {
    public let configuration: ServerConfiguration
    public let engine: WorkflowEngine
    public let blobs: BlobStore
    let authority: SESAuthority
    let intake: SignatureIntake
    let eGovTickets: EGovMobileTickets
    let logMirror = PlatformLogMirror()
    let exports: RequestBudget

    public init(configuration: ServerConfiguration, store: any Store) throws {
        self.configuration = configuration
        engine = WorkflowEngine(store: store, rules: configuration.rules)
        blobs = try configuration.blobStore ?? BlobStore(directory: configuration.blobDirectory)
        authority = try SESAuthority(key: configuration.sesKey)
        intake = SignatureIntake(validation: configuration.validation)
        eGovTickets = EGovMobileTickets(limit: configuration.eGovTicketLimit, lifetime: configuration.eGovTicketLifetime)
        exports = RequestBudget(limit: configuration.exportsPerWindow, window: configuration.exportWindow)
    }

    public func migrate() async throws { try await engine.migrate() }

    var now: Date { configuration.clock() }

    // MARK: Login

    /// Sends a login code by SMS; the answer says only where it went (masked) and until when.
    public func requestLoginCode(phone: PhoneNumber, client: ClientContext, language: Language) async throws -> IssuedCode {
        let issued = try await engine.requestLoginCode(
            phone: phone, authority: authority, policy: configuration.access, client: client, at: now)
        let text = SMSTexts.loginCode(issued.code, language: language)
        let delivery = await deliver(SMSMessage(to: phone, text: text, purpose: .loginCode))
        try await engine.recordSMSSent(
            documentID: nil, signerID: nil, phone: phone, purpose: "login code", providerMessageID: delivery,
            by: nil, client: client, at: now)
        return issued
    }

    public func confirmLogin(phone: PhoneNumber, challengeID: String, code: String, acceptingAgreement: Bool, client: ClientContext)
        async throws -> SessionGrant
    {
        try await engine.confirmLogin(
            phone: phone, challengeID: challengeID, code: code, acceptingAgreement: acceptingAgreement, authority: authority,
            policy: configuration.access, client: client, at: now)
    }

    /// Makes `phone` a platform administrator (the deployment's own set-up step, recorded as the platform's).
    public func ensureAdministrator(phone: PhoneNumber) async throws {
        let existing = try await engine.principal(phone: phone)?.user
        var user = try existing ?? User(id: newIdentifier("u"), phone: phone, createdAt: now)
        guard !user.isAdministrator || user.status != .active else { return }
        user.isAdministrator = true
        user.status = .active
        try await engine.save(
            .user(user), by: nil, client: ClientContext(ipAddress: nil, userAgent: "senimkey serve --admin-phone"), at: now)
    }

    /// Grants `rights` at `partnerID` to the user with `phone` (made a user if new). A partner's managers grant
    /// rights; an administrator appoints a partner's managers (never themselves, never another administrator,
    /// and without gaining any right), recorded with the administrator as the actor.
    public func grant(
        _ rights: EmployeeRights, to phone: PhoneNumber, surname: String? = nil, name: String? = nil, at partnerID: String,
        by principal: WorkflowPrincipal, client: ClientContext
    ) async throws -> Employee {
        let appointing = principal.user.isAdministrator
        if appointing {
            guard phone != principal.user.phone else { throw WorkflowError.permissionDenied(.administratorCannotBeEmployee) }
            if case .denied(let why) = Permissions.decide(principal, .administerPartners) { throw WorkflowError.permissionDenied(why) }
        } else if case .denied(let why) = Permissions.decide(principal, .manageEmployees, partnerID: partnerID) {
            throw WorkflowError.permissionDenied(why)
        }
        guard try await engine.partner(id: partnerID) != nil else { throw WorkflowError.partnerNotFound(partnerID) }
        var user = try await engine.principal(phone: phone)?.user
        if user == nil {
            let invited = User(id: try newIdentifier("u"), phone: phone, surname: surname, name: name, createdAt: now)
            try await engine.save(.user(invited), by: nil, client: client, at: now)
            user = invited
        }
        guard let user else { throw WorkflowError.notAuthenticated }
        let employee = Employee(partnerID: partnerID, userID: user.id, rights: rights)
        if appointing {
            try await engine.appoint(employee, by: principal, client: client, at: now)
        } else {
            try await engine.save(.employee(employee), by: principal, client: client, at: now)
        }
        return employee
    }

    // MARK: Deadlines

    /// Expires every pending document whose deadline has passed (releasing its reserved use), as the platform
    /// itself; returns how many it expired. A document someone finished meanwhile is left as it is.
    @discardableResult
    public func expireOverdueDocuments() async throws -> Int {
        var expired = 0
        let client = ClientContext(ipAddress: nil, userAgent: "senimkey deadline job")
        for id in try await engine.overdueDocuments(at: now) {
            do {
                let result = try await engine.execute(.expire(documentID: id), by: nil, client: client, at: now)
                if result.document.status == .expired { expired += 1 }
            } catch is WorkflowError {
                continue // signed, rejected or cancelled a moment ago
            }
        }
        return expired
    }

    // MARK: Notifications

    /// After a command, everyone whose turn began gets an SMS link (the partner's own slot is signed from the
    /// cabinet, so it gets none). Each hand-over is recorded with the provider's message id; a failed SMS is
    /// recorded without one and can be sent again.
    func notify(_ signers: [SenimWorkflow.Signer], of document: Document, partner: Partner?, client: ClientContext) async {
        for signer in signers where signer.party == .person {
            guard let phone = signer.phone,
                let token = try? await engine.issueSignerLink(documentID: document.id, signerID: signer.id, at: now)
            else { continue }
            let link = "\(configuration.publicBaseURL)/s/\(token)"
            let text = SMSTexts.signingLink(
                link, partner: partner?.organisation ?? "", document: document.fileName,
                language: document.language)
            let delivery = await deliver(SMSMessage(to: phone, text: text, purpose: .signingLink))
            try? await engine.recordSMSSent(
                documentID: document.id, signerID: signer.id, phone: phone, purpose: "signing link", providerMessageID: delivery,
                by: nil, client: client, at: now)
        }
    }

    /// Hands an SMS to the gateway; the provider's message id, or nil when it failed (counted, and recorded
    /// by the caller without an id, so the audit log shows the attempt).
    func deliver(_ message: SMSMessage) async -> String? {
        do {
            let id = try await configuration.sms.send(message)
            PlatformMetrics.sms(purpose: message.purpose.rawValue, outcome: "sent")
            return id
        } catch {
            PlatformMetrics.sms(purpose: message.purpose.rawValue, outcome: "failed")
            return nil
        }
    }

    /// Runs a command and sends the notifications it calls for.
    @discardableResult
    func run(
        _ command: WorkflowCommand, by principal: WorkflowPrincipal, client: ClientContext, blobPath: String? = nil,
        companionPath: String? = nil,
        idempotencyKey: String? = nil
    ) async throws -> CommandResult {
        let result = try await engine.execute(
            command, by: principal, client: client, blobPath: blobPath, companionPath: companionPath,
            idempotencyKey: idempotencyKey, at: now)
        if !result.replayed, !result.notify.isEmpty {
            let partner = try? await engine.partner(id: result.document.partnerID)
            await notify(result.notify, of: result.document, partner: partner, client: client)
        }
        return result
    }

    // MARK: Signing

    /// Sends a code that signs (or rejects) the document for `signerID` to the phone it is bound to.
    public func requestSignatureCode(
        documentID: String, signerID: String, action: SESAction, by principal: WorkflowPrincipal, client: ClientContext,
        language: Language
    ) async throws -> IssuedCode {
        let consent = ConsentText.text(for: action, language: language)
        let issued = try await engine.issueSignatureCode(
            documentID: documentID, signerID: signerID, action: action,
            consentTextSHA256: Hex.encode(DigestAlgorithm.sha256.hash(Array(consent.utf8))), by: principal,
            authority: authority, policy: configuration.access, client: client, at: now)
        let delivery = await deliver(
            SMSMessage(
                to: issued.phone, text: SMSTexts.signatureCode(issued.code, action: action, language: language),
                purpose: action == .reject ? .rejectionCode : .signatureCode))
        try await engine.recordSMSSent(
            documentID: documentID, signerID: signerID, phone: issued.phone, purpose: "\(action.rawValue) code",
            providerMessageID: delivery, by: principal, client: client, at: now)
        return issued
    }

    /// A simple electronic signature: the code checked against the document's bytes as stored now, the record
    /// sealed by the platform key, both stored, and the signature submitted to the workflow.
    public func signWithCode(
        documentID: String, signerID: String, challengeID: String, code: String, by principal: WorkflowPrincipal,
        client: ClientContext
    ) async throws -> CommandResult {
        let record = try await confirmedRecord(
            .sign, documentID: documentID, signerID: signerID, challengeID: challengeID, code: code,
            by: principal, client: client)
        let sealed = try record.sealed(by: configuration.sealIdentity, at: now)
        let json = try await blobs.store(sealed.json)
        let seal = try await blobs.store(sealed.seal)
        try await engine.attachSealedRecord(challengeID: challengeID, recordPath: json.path, sealPath: seal.path)
        let evidence = SignatureEvidence.ses(
            .init(
                challengeID: challengeID, recordSHA256: json.sha256, signerIIN: record.binding.signerIIN,
                documentSHA256: record.binding.documentSHA256))
        let result = try await run(
            .sign(documentID: documentID, signerID: signerID, evidence), by: principal, client: client, blobPath: json.path,
            companionPath: seal.path, idempotencyKey: "ses:\(challengeID)")
        PlatformMetrics.signature(kind: "SES", outcome: "accepted")
        return result
    }

    /// A rejection confirmed by SMS code (docs/user-agreement.md §7.4, §7.10: of the signer's free will, and provably theirs).
    public func reject(
        documentID: String, signerID: String, challengeID: String, code: String, reason: String, by principal: WorkflowPrincipal,
        client: ClientContext
    ) async throws -> CommandResult {
        _ = try await confirmedRecord(
            .reject, documentID: documentID, signerID: signerID, challengeID: challengeID, code: code, by: principal,
            client: client)
        return try await run(
            .reject(documentID: documentID, signerID: signerID, reason: reason), by: principal, client: client,
            idempotencyKey: "reject:\(challengeID)")
    }

    /// An EDS from NCALayer or eGov mobile: verified here, stored as received with its report, and submitted.
    /// A signature that fails the policy or names someone else is recorded as refused, and the refusal thrown.
    public func signWithEDS(
        documentID: String, signerID: String, signature bytes: [UInt8], format: EDSFormat, by principal: WorkflowPrincipal,
        client: ClientContext, idempotencyKey: String? = nil
    ) async throws -> CommandResult {
        let state = try await engine.state(ofDocument: documentID, for: principal, .viewDocument)
        guard let document = state.document else { throw WorkflowError.documentNotFound(documentID) }
        try Self.maySign(signerID, in: state, principal)
        var verified: VerifiedSignature
        switch format {
        case .cms:
            verified = try await blobs.withFile(of: try await engine.blobPath(ofDocument: documentID)) { path in
                try await intake.verifyCMS(bytes, document: document, documentPath: path, at: now)
            }
        case .xml: verified = try await intake.verifyXML(bytes, document: document, at: now)
        }
        if state.signers.first(where: { $0.id == signerID })?.party == .person {
            verified = SignatureIntake.flagEarlySigning(verified, sentAt: try await engine.sentAt(ofDocument: documentID))
        }
        let stored = try await blobs.store(verified.bytes)
        let report = try await blobs.store(Array(try PlatformJSONEncoder.encoder.encode(verified.report)))
        do {
            let result = try await run(
                .sign(documentID: documentID, signerID: signerID, .eds(verified.evidence)), by: principal, client: client,
                blobPath: stored.path, companionPath: report.path, idempotencyKey: idempotencyKey)
            PlatformMetrics.signature(kind: "EDS", outcome: "accepted")
            return result
        } catch let refusal as WorkflowError {
            PlatformMetrics.signature(kind: "EDS", outcome: verified.evidence.indication == .totalPassed ? "refused" : "invalid")
            throw refusal
        }
    }

    /// Refuses, before any signature is read or verified, a principal who may not sign `signerID`'s slot (the
    /// command checks it again, on the rows it locks).
    static func maySign(_ signerID: String, in state: DocumentState, _ principal: WorkflowPrincipal) throws {
        guard let signer = state.signers.first(where: { $0.id == signerID }) else { throw WorkflowError.signerNotFound(signerID) }
        let action: WorkflowAction = signer.party == .partner ? .signForPartner : .sign
        let decision = Permissions.decide(principal, action, document: state.document, signers: [signer], partner: state.partner)
        if case .denied(let why) = decision { throw WorkflowError.permissionDenied(why) }
    }

    /// The record of a code confirmed for `action` by `signerID` on `documentID`, against the bytes as stored now.
    private func confirmedRecord(
        _ action: SESAction, documentID: String, signerID: String, challengeID: String, code: String,
        by principal: WorkflowPrincipal, client: ClientContext
    ) async throws -> SESRecord {
        try await engine.confirmSignatureCode(
            challengeID: challengeID, code: code, action: action, documentID: documentID, signerID: signerID,
            currentDocumentSHA256: try await currentDigest(of: documentID), by: principal, authority: authority,
            policy: configuration.access, client: client, at: now)
    }

    /// The SHA-256 of the document's bytes as stored now (not as recorded): an SMS code binds these.
    func currentDigest(of documentID: String) async throws -> String {
        Hex.encode(try DigestAlgorithm.sha256.hash(contentsOfFile: try await engine.blobPath(ofDocument: documentID)))
    }
}
