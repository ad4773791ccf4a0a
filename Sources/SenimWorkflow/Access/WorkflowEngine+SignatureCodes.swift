import Foundation
import SenimCrypto
import SenimEvidence

/// SMS codes that sign or reject a document (a simple electronic signature, agreement §7): each bound to the
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
            Self.documentReads(documentID, forUpdate: store.dialect.forUpdate) + [Self.daysChallenges(ofSigner: signerID, at: time)]
            + Self.principalReads(principal)
        let rules = self.rules
        return try await record(on: documentID, reads: reads, client: client, at: time) { rows in
            let state = try Self.documentState(rows)
            guard let document = state.document else { throw WorkflowError.documentNotFound(documentID) }
            let current = try Self.current(principal, userRows: rows[5], employeeRows: rows[6])
            let role = try Self.authorise(
                Self.signerCommand(action, documentID: documentID, signerID: signerID), current, state, rules: rules)
            guard let signer = state.signers.first(where: { $0.id == signerID }) else { throw WorkflowError.signerNotFound(signerID) }
            let day = try Self.challenges(rows[4])
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
            let write = SQLStatement(
                """
                INSERT INTO ses_challenges (id, document_id, signer_id, challenge_json, status, record_path, seal_path, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)
                """,
                [
                    SQLValue(challenge.id), SQLValue(documentID), SQLValue(signerID), SQLValue(try Self.json(challenge)),
                    SQLValue(challenge.status.rawValue), SQLValue(time),
                ])
            return RecordingPlan(
                writes: try Self.supersede(day, table: "ses_challenges") + [write],
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
        let owner = SQLStatement("SELECT document_id FROM ses_challenges WHERE id = ?", [SQLValue(challengeID)])
        guard let owningDocument = try await store.query(owner).first?.first?.text else {
            throw WorkflowError.codeNotAccepted(.noSuchChallenge)
        }
        guard owningDocument == documentID else { throw WorkflowError.codeNotAccepted(.issuedForAnotherDocument) }
        let reads =
            Self.documentReads(documentID, forUpdate: forUpdate) + [
                SQLStatement("SELECT challenge_json FROM ses_challenges WHERE id = ?" + forUpdate, [SQLValue(challengeID)]),
                Self.daysChallenges(ofSigner: signerID, at: time),
            ] + Self.principalReads(principal)
        let rules = self.rules
        return try await record(on: documentID, reads: reads, client: client, at: time) { rows in
            let state = try Self.documentState(rows)
            guard let document = state.document, let json = rows[4].first?.first?.text else {
                throw WorkflowError.codeNotAccepted(.noSuchChallenge)
            }
            var challenge = try Self.decode(SESChallenge.self, json)
            // Who may act on this slot first, then whether the code is for it: neither refusal spends the code.
            let current = try Self.current(principal, userRows: rows[6], employeeRows: rows[7])
            let role = try Self.authorise(
                Self.signerCommand(action, documentID: documentID, signerID: signerID), current, state, rules: rules)
            guard challenge.binding.action == action, challenge.binding.signerID == signerID else {
                throw WorkflowError.codeNotAccepted(.issuedForAnotherActionOrSigner)
            }
            let budget = CodeBudget(
                challenges: try Self.challenges(rows[5]), policy: policy, windowLimit: policy.codesPerSigner, windowScope: .signer,
                at: time)
            if let refusal = budget.entryRefusal(policy: policy, at: time) { throw refusal }
            let outcome = authority.confirm(
                &challenge, code: code, signerID: signerID, currentDocumentSHA256: currentDocumentSHA256,
                at: time, client: client)
            let write = SQLStatement(
                "UPDATE ses_challenges SET challenge_json = ?, status = ? WHERE id = ?",
                [SQLValue(try Self.json(challenge)), SQLValue(challenge.status.rawValue), SQLValue(challenge.id)])
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
        let _: Void = try await store.transaction(reads: []) { _ in
            (
                [
                    SQLStatement(
                        "UPDATE ses_challenges SET record_path = ?, seal_path = ? WHERE id = ?",
                        [SQLValue(recordPath), SQLValue(sealPath), SQLValue(challengeID)])
                ], ()
            )
        }
    }

    // MARK: Shared with the signer links

    /// The document (locked), its signers, its partner and its package: `rows[0…3]`, as the commands read them.
    static func documentReads(_ documentID: String, forUpdate: String) -> [SQLStatement] {
        [
            SQLStatement("SELECT \(WorkflowRows.documentColumns) FROM documents WHERE id = ?" + forUpdate, [SQLValue(documentID)]),
            SQLStatement(
                "SELECT \(WorkflowRows.signerColumns) FROM signers WHERE document_id = ? ORDER BY ord, id", [SQLValue(documentID)]),
            SQLStatement(
                "SELECT \(WorkflowRows.partnerColumns) FROM partners WHERE id = (SELECT partner_id FROM documents WHERE id = ?)",
                [SQLValue(documentID)]),
            SQLStatement(
                "SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages WHERE id = (SELECT tariff_package_id FROM documents WHERE id = ?)",
                [SQLValue(documentID)]),
        ]
    }

    static func documentState(_ rows: [[SQLRow]]) throws -> DocumentState {
        DocumentState(
            document: try rows[0].first.map(WorkflowRows.document)?.document, signers: try rows[1].map(WorkflowRows.signer),
            partner: try rows[2].first.map(WorkflowRows.partner), tariff: try rows[3].first.map(WorkflowRows.tariff))
    }

    /// The command whose permission a code for `action` needs: signing (or signing for the partner), or rejecting.
    static func signerCommand(_ action: SESAction, documentID: String, signerID: String) -> WorkflowCommand {
        action == .reject
            ? .reject(documentID: documentID, signerID: signerID, reason: "")
            : .sign(
                documentID: documentID, signerID: signerID,
                .ses(.init(challengeID: "", recordSHA256: "", signerIIN: "", documentSHA256: "")))
    }

    /// A signer's challenges of the last 24 hours (the code budget of ``CodeBudget``).
    static func daysChallenges(ofSigner signerID: String, at time: Date) -> SQLStatement {
        SQLStatement(
            "SELECT challenge_json FROM ses_challenges WHERE signer_id = ? AND created_at > ?",
            [SQLValue(signerID), SQLValue(time.addingTimeInterval(-86400))])
    }

    static func challenges(_ rows: [SQLRow]) throws -> [SESChallenge] {
        try rows.map { row in
            guard let json = row.first?.text else { throw StoreError.corruptRow("challenge") }
            return try decode(SESChallenge.self, json)
        }
    }

    /// Makes the pending ones among `challenges` void: a new code replaces them.
    static func supersede(_ challenges: [SESChallenge], table: String) throws -> [SQLStatement] {
        try challenges.filter { $0.status == .pending }.map { old in
            var void = old
            void.supersede()
            return SQLStatement(
                "UPDATE \(table) SET challenge_json = ?, status = ? WHERE id = ?",
                [SQLValue(try json(void)), SQLValue(void.status.rawValue), SQLValue(void.id)])
        }
    }

    /// The principal's user row and employments, read in the transaction (see ``current(_:userRows:employeeRows:)``).
    static func principalReads(_ principal: WorkflowPrincipal) -> [SQLStatement] {
        [
            SQLStatement("SELECT \(WorkflowRows.userColumns) FROM users WHERE id = ?", [SQLValue(principal.user.id)]),
            SQLStatement("SELECT \(WorkflowRows.employeeColumns) FROM employees WHERE user_id = ?", [SQLValue(principal.user.id)]),
        ]
    }

    static func actor(_ principal: WorkflowPrincipal, _ role: AuditActor.Role) -> AuditActor {
        AuditActor(userID: principal.user.id, role: role, phoneMasked: principal.user.phone.masked, iin: principal.user.iin?.digits)
    }
}
