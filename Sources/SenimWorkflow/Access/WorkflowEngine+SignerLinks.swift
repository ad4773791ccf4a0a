import Foundation
import SenimCrypto
import SenimEvidence

/// The link in a signer's SMS (docs/user-agreement.md §7.3): an unguessable token for one signer of one document. Opening
/// it starts a session scoped to that document and signer, as the user who owns the signer's phone (created
/// on first contact); signing still takes an SMS code to that phone or an EDS with the signer's IIN.
extension WorkflowEngine {
    /// A new link token for a signer whose turn began (only its SHA-256 is stored).
    public func issueSignerLink(documentID: String, signerID: String, at time: Date = Date()) async throws -> String {
        let (token, digest) = try Session.newToken()
        try await store.write([SignerLinksTable.insert(digest: digest, documentID: documentID, signerID: signerID, at: time)])
        return token
    }

    /// Opens a link: a session for the signer's document only, recorded as `linkOpened` in the document's chain.
    /// A link lives ``AccessPolicy/linkLifetime`` (or to the document's deadline) and dies with the document's
    /// final state. The person accepts the agreement edition in force here, as at a login, unless they did
    /// before. The user is made from the signer's phone and name; the IIN the partner typed is the partner's
    /// claim, so it becomes the user's only when an EDS proves it.
    public func openSignerLink(
        token: String, acceptingAgreement: Bool, policy: AccessPolicy, client: ClientContext,
        at time: Date = Date()
    ) async throws -> SessionGrant {
        guard let row = try await store.query(SignerLinksTable.select(digest: Session.digest(of: token))).first,
            let link = try SignerLinksTable.decode(row)
        else {
            throw WorkflowError.notAuthenticated
        }
        let (documentID, signerID, issued) = (link.documentID, link.signerID, link.issuedAt)
        let (sessionToken, digest) = try Session.newToken()
        let newUserID = try newIdentifier("u")
        let reads =
            DocumentReads.reads(documentID, forUpdate: store.dialect.forUpdate)
            + NamedReads([
                .user: UsersTable.select(ownerOfSigner: signerID),
                .acceptance: AgreementAcceptancesTable.select(ownerOfSigner: signerID, edition: policy.agreement.edition),
            ])
        return try await record(on: documentID, reads: reads, client: client, at: time) { rows in
            let state = try DocumentReads.state(rows)
            guard let document = state.document, let signer = state.signers.first(where: { $0.id == signerID }), signer.party == .person,
                let phone = signer.phone
            else { throw WorkflowError.signerNotFound(signerID) }
            let expiry = min(issued.addingTimeInterval(policy.linkLifetime), document.deadline ?? .distantFuture)
            guard time < expiry, !document.status.isFinal else { throw WorkflowError.linkExpired }
            let existing = try rows[.user].first.map(UsersTable.decode)
            if let existing, existing.status == .blocked { throw WorkflowError.userBlocked(existing.id) }
            let accepted = !rows[.acceptance].isEmpty
            guard accepted || acceptingAgreement else { throw WorkflowError.agreementNotAccepted(edition: policy.agreement.edition) }
            let user = existing ?? User(id: newUserID, phone: phone, surname: signer.surname, name: signer.name, createdAt: time)
            var writes: [SQLStatement] = existing == nil ? [UsersTable.upsert(user)] : []
            var actions: [AuditAction] = [.linkOpened(signerID: signerID)]
            if !accepted {
                writes.append(AgreementAcceptancesTable.insert(policy.agreement, by: user.id, client: client, at: time))
                actions.append(.agreementAccepted(edition: policy.agreement.edition, consentTextSHA256: policy.agreement.textSHA256))
            }
            let scope = Session.Scope(documentID: documentID, signerID: signerID)
            let session = Session(
                userID: user.id, createdAt: time, expiresAt: min(time.addingTimeInterval(policy.linkSessionLifetime), expiry),
                scope: scope)
            writes.append(SessionsTable.insert(session, digest: digest, client: client))
            let principal = WorkflowPrincipal.linkHolder(user, scope: scope)
            return RecordingPlan(
                writes: writes, actions: actions, actor: Self.actor(principal, .client), document: document,
                answer: .success(SessionGrant(token: sessionToken, session: session, principal: principal)))
        }
    }

    /// The document and signer a link token was issued for, whether or not it can still be opened: what an expired
    /// link's page offers to open after a login (the person then needs their phone's code, not the link).
    public func signerLinkTarget(token: String) async throws -> (documentID: String, signerID: String)? {
        guard let row = try await store.query(SignerLinksTable.select(digest: Session.digest(of: token))).first,
            let link = try SignerLinksTable.decode(row)
        else { return nil }
        return (link.documentID, link.signerID)
    }

    /// Records that an SMS was handed to the provider (its message id is the delivery evidence), in the
    /// document's chain or, without a document, in the phone's account chain.
    public func recordSMSSent(
        documentID: String?, signerID: String?, phone: PhoneNumber, purpose: String, providerMessageID: String?,
        by principal: WorkflowPrincipal?, client: ClientContext, at time: Date = Date()
    ) async throws {
        let chain = documentID ?? Self.accountChain(phone)
        let reads = documentID.map { DocumentReads.reads($0, forUpdate: store.dialect.forUpdate) } ?? NamedReads()
        let actor = principal.map { Self.actor($0, .platform) } ?? AuditActor(userID: nil, role: .platform)
        let _: Void = try await record(on: chain, reads: reads, client: client, at: time) { rows in
            let document = try documentID == nil ? nil : DocumentReads.state(rows).document
            return RecordingPlan(
                writes: [],
                actions: [.smsSent(signerID: signerID, phoneMasked: phone.masked, purpose: purpose, providerMessageID: providerMessageID)],
                actor: actor, document: document, answer: .success(()))
        }
    }

    /// Records a download of the document, a signature or the evidence package by a party of the document.
    public func recordDownload(
        documentID: String, item: String, by principal: WorkflowPrincipal, client: ClientContext, at time: Date = Date()
    ) async throws {
        let _: Void = try await record(
            on: documentID, reads: DocumentReads.reads(documentID, forUpdate: store.dialect.forUpdate), client: client, at: time
        ) { rows in
            let state = try DocumentReads.state(rows)
            let decision = Permissions.decide(
                principal, .readContent, document: state.document, signers: state.signers, partner: state.partner)
            if case .denied(let why) = decision { throw WorkflowError.permissionDenied(why) }
            return RecordingPlan(
                writes: [], actions: [.downloaded(item: item)], actor: Self.actor(principal, Self.role(of: principal, in: state)),
                document: state.document, answer: .success(()))
        }
    }

    /// How a principal acts on a document, for the audit record.
    static func role(of principal: WorkflowPrincipal, in state: DocumentState) -> AuditActor.Role {
        if let document = state.document, principal.employment(at: document.partnerID) != nil { return .partnerEmployee }
        return principal.user.isAdministrator ? .administrator : .client
    }
}
