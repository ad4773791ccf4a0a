import Foundation
import SenimCrypto
import SenimEvidence

/// SMS codes that sign or reject a document (a simple electronic signature, docs/user-agreement.md §5.3, §6.7): each bound to the
/// document's digests, the signer, the action and the consent text the signer was shown. Issuing and checking
/// are recorded in the document's own audit chain, in the transaction that stores the challenge.
extension WorkflowEngine {
    /// Issues a code for `signerID` to sign (or reject) `documentID`, sent to the signer's phone (for the
    /// partner's own signature: to the employee who signs for it). Older codes of the signer become void.
    public func issueSignatureCode(
        documentID: String, signerID: String, action: SESAction, consentTextSHA256: String, by principal: WorkflowPrincipal,
        authority: SESAuthority, policy: AccessPolicy, client: ClientContext, at time: Date = Date()
    ) async throws -> IssuedCode {
        guard action == .sign || action == .reject else { throw WorkflowError.invalidInput(.documentCodeSignsOrRejects) }
        let reads =
            DocumentReads.reads(documentID, forUpdate: store.dialect.forUpdate)
            + NamedReads([.dayChallenges: SESChallengesTable.select(signerID: signerID, since: time.addingTimeInterval(-86400))])
            + PrincipalReads.reads(userID: principal.user.id)
        let rules = self.rules
        return try await record(on: documentID, reads: reads, client: client, at: time) { rows in
            let state = try DocumentReads.state(rows)
            guard let document = state.document else { throw WorkflowError.documentNotFound(documentID) }
            let current = try Self.current(principal, rows)
            let role = try Self.authorise(
                Self.signerCommand(action, documentID: documentID, signerID: signerID), current, state, rules: rules)
            guard let signer = state.signers.first(where: { $0.id == signerID }) else { throw WorkflowError.signerNotFound(signerID) }
            let day = try rows[.dayChallenges].map(SESChallengesTable.decode)
            let budget = CodeBudget(challenges: day, policy: policy, windowLimit: policy.codesPerSigner, windowScope: .signer, at: time)
            if let refusal = budget.issueRefusal(policy: policy, at: time) { throw refusal }
            if action == .sign, !document.signingMethod.allows(.ses) {
                throw WorkflowError.signingMethodNotAllowed(.ses, allowed: document.signingMethod)
            }
            // A person's code goes to the phone the partner named; the partner's, to the employee signing for it.
            let phone = signer.party == .person ? (signer.phone ?? current.user.phone) : current.user.phone
            let iin = signer.party == .person ? (signer.iin?.digits ?? "") : (current.user.iin?.digits ?? "")
            let binding = SESBinding(
                documentID: documentID, documentSHA256: document.sha256, documentGOST34311: document.gost34311, signerID: signerID,
                signerIIN: iin, phoneE164: phone.e164, action: action, consentTextSHA256: consentTextSHA256)
            let (challenge, code) = try authority.issue(binding, at: time)
            let write = try SESChallengesTable.insert(challenge, documentID: documentID, signerID: signerID, at: time)
            return RecordingPlan(
                writes: try Self.supersede(day, with: SESChallengesTable.update) + [write],
                actions: [.otpRequested(challengeID: challenge.id, purpose: action.rawValue)],
                actor: Self.actor(current, role), document: document,
                answer: .success(IssuedCode(challengeID: challenge.id, code: code, phone: phone, expiresAt: challenge.expiresAt)))
        }
    }

    /// Checks a document code. Each attempt is recorded; on success the challenge is spent and the record of
    /// the simple signature (or of the confirmed rejection) is returned, for the platform to seal and submit.
    /// - Parameters:
    ///   - currentDocumentSHA256: the SHA-256 of the stored bytes, recomputed now.
    ///   - action, documentID, signerID: what the caller is doing; a code issued for anything else is refused
    ///     before it is checked, so presenting it in the wrong place does not spend it.
    public func confirmSignatureCode(
        challengeID: String, code: String, action: SESAction, documentID: String, signerID: String,
        currentDocumentSHA256: String, by principal: WorkflowPrincipal, authority: SESAuthority, policy: AccessPolicy,
        client: ClientContext, at time: Date = Date()
    ) async throws -> SESRecord {
        let forUpdate = store.dialect.forUpdate
        guard let owner = try await store.query(SESChallengesTable.selectDocumentID(challengeID: challengeID)).first,
            let owningDocument = try SESChallengesTable.decodeDocumentID(owner)
        else {
            throw WorkflowError.codeNotAccepted(.noSuchChallenge)
        }
        guard owningDocument == documentID else { throw WorkflowError.codeNotAccepted(.issuedForAnotherDocument) }
        let reads =
            DocumentReads.reads(documentID, forUpdate: forUpdate)
            + NamedReads([
                .challenge: SESChallengesTable.select(id: challengeID, forUpdate: forUpdate),
                .dayChallenges: SESChallengesTable.select(signerID: signerID, since: time.addingTimeInterval(-86400)),
            ]) + PrincipalReads.reads(userID: principal.user.id)
        let rules = self.rules
        return try await record(on: documentID, reads: reads, client: client, at: time) { rows in
            let state = try DocumentReads.state(rows)
            guard let document = state.document, let stored = rows[.challenge].first else {
                throw WorkflowError.codeNotAccepted(.noSuchChallenge)
            }
            var challenge = try SESChallengesTable.decode(stored)
            // Who may act on this slot first, then whether the code is for it: neither refusal spends the code.
            let current = try Self.current(principal, rows)
            let role = try Self.authorise(
                Self.signerCommand(action, documentID: documentID, signerID: signerID), current, state, rules: rules)
            guard challenge.binding.action == action, challenge.binding.signerID == signerID else {
                throw WorkflowError.codeNotAccepted(.issuedForAnotherActionOrSigner)
            }
            let budget = CodeBudget(
                challenges: try rows[.dayChallenges].map(SESChallengesTable.decode), policy: policy, windowLimit: policy.codesPerSigner,
                windowScope: .signer,
                at: time)
            if let refusal = budget.entryRefusal(policy: policy, at: time) { throw refusal }
            let outcome = authority.confirm(
                &challenge, code: code, signerID: signerID, currentDocumentSHA256: currentDocumentSHA256,
                at: time, client: client)
            let write = try SESChallengesTable.update(challenge)
            switch outcome {
            case .success(let record):
                return RecordingPlan(
                    writes: [write], actions: [.otpConfirmed(challengeID: challenge.id, attempt: challenge.attempts)],
                    actor: Self.actor(current, role), document: document, answer: .success(record))
            case .failure(let failure):
                return RecordingPlan(
                    writes: [write], actions: [.otpFailed(challengeID: challenge.id, attempt: challenge.attempts)],
                    actor: Self.actor(current, role), document: document, answer: .failure(.codeNotAccepted(CodeRefusal(failure))))
            }
        }
    }

    /// Where the sealed record of a confirmed challenge and its seal are stored (the evidence package reads them).
    public func attachSealedRecord(challengeID: String, recordPath: String, sealPath: String) async throws {
        try await store.write([SESChallengesTable.attach(challengeID: challengeID, recordPath: recordPath, sealPath: sealPath)])
    }

    // MARK: Shared with the signer links

    /// The command whose permission a code for `action` needs: signing (or signing for the partner), or rejecting.
    static func signerCommand(_ action: SESAction, documentID: String, signerID: String) -> WorkflowCommand {
        action == .reject
            ? .reject(documentID: documentID, signerID: signerID, reason: "")
            : .sign(
                documentID: documentID, signerID: signerID,
                .ses(.init(challengeID: "", recordSHA256: "", signerIIN: "", documentSHA256: "")))
    }

    /// Makes the pending ones among `challenges` void (a new code replaces them), each written with `update`.
    static func supersede(_ challenges: [SESChallenge], with update: (SESChallenge) throws -> SQLStatement) throws -> [SQLStatement] {
        try challenges.filter { $0.status == .pending }.map { old in
            var void = old
            void.supersede()
            return try update(void)
        }
    }

    static func actor(_ principal: WorkflowPrincipal, _ role: AuditActor.Role) -> AuditActor {
        AuditActor(userID: principal.user.id, role: role, phoneMasked: principal.user.phone.masked, iin: principal.user.iin?.digits)
    }
}
