import Foundation
import SenimCrypto
import SenimEvidence

/// Login by phone and SMS code (agreement §4: no passwords; the code proves possession of the number). The
/// codes follow the SMS-OTP rules of ``SESAuthority`` (six digits, five minutes, five attempts, single use,
/// keyed digest only), bound to the phone and the action `login`. Every step is on the record in the phone's
/// own audit chain (`account:+77…`) with the address and device it came from.
extension WorkflowEngine {
    /// The audit chain of one phone number's logins and agreement acceptances.
    public static func accountChain(_ phone: PhoneNumber) -> String { "account:\(phone.e164)" }

    /// Issues a login code for `phone`, unless the phone or the address used up its codes (``CodeBudget``);
    /// the phone's older codes become void.
    public func requestLoginCode(
        phone: PhoneNumber, authority: SESAuthority, policy: AccessPolicy, client: ClientContext,
        at time: Date = Date()
    ) async throws -> IssuedCode {
        let reads = [
            Self.daysLoginChallenges(phone, at: time),
            SQLStatement(
                "SELECT COUNT(*) FROM login_challenges WHERE ip = ? AND created_at > ?",
                [SQLValue(client.ipAddress ?? ""), SQLValue(time.addingTimeInterval(-policy.rateWindow))]),
        ]
        return try await record(on: Self.accountChain(phone), reads: reads, client: client, at: time) { rows in
            let day = try Self.challenges(rows[0])
            let budget = CodeBudget(challenges: day, policy: policy, windowLimit: policy.codesPerPhone, windowScope: .phone, at: time)
            if let refusal = budget.issueRefusal(policy: policy, at: time) { throw refusal }
            guard client.ipAddress == nil || (rows[1].first?.first?.integer ?? 0) < policy.codesPerAddress else {
                throw WorkflowError.rateLimited(.address, retryAfter: Int(policy.rateWindow))
            }
            let binding = SESBinding(
                documentID: "login", documentSHA256: "", documentGOST34311: "", signerID: phone.e164, signerIIN: "",
                phoneE164: phone.e164, action: .login, consentTextSHA256: policy.agreement.textSHA256)
            let (challenge, code) = try authority.issue(binding, at: time)
            let write = SQLStatement(
                "INSERT INTO login_challenges (id, phone, ip, challenge_json, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    SQLValue(challenge.id), SQLValue(phone.e164), SQLValue(client.ipAddress ?? ""),
                    SQLValue(try Self.json(challenge)), SQLValue(challenge.status.rawValue), SQLValue(time),
                ])
            return RecordingPlan(
                writes: try Self.supersede(day, table: "login_challenges") + [write],
                actions: [.otpRequested(challengeID: challenge.id, purpose: "login")],
                actor: AuditActor(userID: nil, role: .client, phoneMasked: phone.masked), document: nil,
                answer: .success(IssuedCode(challengeID: challenge.id, code: code, phone: phone, expiresAt: challenge.expiresAt)))
        }
    }

    /// Checks the code and opens a session; a new phone becomes a user here. Nothing is said about the account
    /// before the code is proven: a wrong code reads the same for a new, a known and a blocked phone. A first
    /// login (or a new agreement edition) must accept the agreement; a right code without it is not spent.
    public func confirmLogin(
        phone: PhoneNumber, challengeID: String, code: String, acceptingAgreement: Bool, authority: SESAuthority,
        policy: AccessPolicy, client: ClientContext, at time: Date = Date()
    ) async throws -> SessionGrant {
        let (token, digest) = try Session.newToken()
        let newUserID = try newIdentifier("u")
        let forUpdate = store.dialect.forUpdate
        let reads = [
            SQLStatement(
                "SELECT challenge_json FROM login_challenges WHERE id = ? AND phone = ?" + forUpdate,
                [SQLValue(challengeID), SQLValue(phone.e164)]),
            SQLStatement("SELECT \(WorkflowRows.userColumns) FROM users WHERE phone = ?", [SQLValue(phone.e164)]),
            SQLStatement(
                "SELECT a.edition FROM agreement_acceptances a JOIN users u ON u.id = a.user_id WHERE u.phone = ? AND a.edition = ?",
                [SQLValue(phone.e164), SQLValue(policy.agreement.edition)]),
            SQLStatement(
                "SELECT \(WorkflowRows.employeeColumns) FROM employees WHERE user_id = (SELECT id FROM users WHERE phone = ?)",
                [SQLValue(phone.e164)]),
            Self.daysLoginChallenges(phone, at: time),
        ]
        return try await record(on: Self.accountChain(phone), reads: reads, client: client, at: time) { rows in
            guard let json = rows[0].first?.first?.text else { throw WorkflowError.codeNotAccepted(.noSuchChallenge) }
            let budget = CodeBudget(
                challenges: try Self.challenges(rows[4]), policy: policy, windowLimit: policy.codesPerPhone, windowScope: .phone,
                at: time)
            if let refusal = budget.entryRefusal(policy: policy, at: time) { throw refusal }
            let stored = try Self.decode(SESChallenge.self, json)
            var challenge = stored
            let existing = try rows[1].first.map(WorkflowRows.user)
            let accepted = !rows[2].isEmpty
            let actor = AuditActor(userID: existing?.id, role: .client, phoneMasked: phone.masked, iin: existing?.iin?.digits)

            let outcome = authority.confirm(
                &challenge, code: code, signerID: phone.e164, currentDocumentSHA256: "", at: time, client: client)
            guard case .success = outcome else {
                let failed = SQLStatement(
                    "UPDATE login_challenges SET challenge_json = ?, status = ? WHERE id = ?",
                    [SQLValue(try Self.json(challenge)), SQLValue(challenge.status.rawValue), SQLValue(challenge.id)])
                return RecordingPlan(
                    writes: [failed], actions: [.otpFailed(challengeID: challenge.id, attempt: challenge.attempts)], actor: actor,
                    document: nil, answer: .failure(.codeNotAccepted(Self.refusal(of: outcome))))
            }
            // The code is proven: now the account may be spoken of. Neither refusal spends the code.
            if let existing, existing.status == .blocked { throw WorkflowError.userBlocked(existing.id) }
            guard accepted || acceptingAgreement else { throw WorkflowError.agreementNotAccepted(edition: policy.agreement.edition) }
            var writes = [
                SQLStatement(
                    "UPDATE login_challenges SET challenge_json = ?, status = ? WHERE id = ?",
                    [SQLValue(try Self.json(challenge)), SQLValue(challenge.status.rawValue), SQLValue(challenge.id)])
            ]
            let user = existing ?? User(id: newUserID, phone: phone, createdAt: time)
            if existing == nil { writes.append(WorkflowRows.upsert(user)) }
            var actions: [AuditAction] = [.otpConfirmed(challengeID: challenge.id, attempt: challenge.attempts)]
            if !accepted {
                writes.append(Self.acceptance(of: policy.agreement, by: user.id, client: client, at: time))
                actions.append(.agreementAccepted(edition: policy.agreement.edition, consentTextSHA256: policy.agreement.textSHA256))
            }
            let session = Session(userID: user.id, createdAt: time, expiresAt: time.addingTimeInterval(policy.sessionLifetime), scope: nil)
            writes.append(Self.insert(session, digest: digest, client: client))
            let principal = WorkflowPrincipal(user: user, employments: try rows[3].map(WorkflowRows.employee))
            return RecordingPlan(
                writes: writes, actions: actions,
                actor: AuditActor(userID: user.id, role: .client, phoneMasked: phone.masked, iin: user.iin?.digits),
                document: nil, answer: .success(SessionGrant(token: token, session: session, principal: principal)))
        }
    }

    /// A phone's login challenges of the last 24 hours (its ``CodeBudget``).
    static func daysLoginChallenges(_ phone: PhoneNumber, at time: Date) -> SQLStatement {
        SQLStatement(
            "SELECT challenge_json FROM login_challenges WHERE phone = ? AND created_at > ?",
            [SQLValue(phone.e164), SQLValue(time.addingTimeInterval(-86400))])
    }

    /// The row that records a user's acceptance of the agreement edition in force, with address and device.
    static func acceptance(of agreement: AgreementEdition, by userID: String, client: ClientContext, at time: Date) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO agreement_acceptances (user_id, edition, text_sha256, accepted_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                SQLValue(userID), SQLValue(agreement.edition), SQLValue(agreement.textSHA256), SQLValue(time),
                SQLValue(client.ipAddress), SQLValue(client.userAgent),
            ])
    }

    /// The session a token stands for, with its principal as stored now: a blocked user, an expired or revoked
    /// session resolve to nil at once.
    public func authenticate(sessionToken token: String, at time: Date = Date()) async throws -> AuthenticatedSession? {
        let digest = Session.digest(of: token)
        let rows = try await store.query(
            SQLStatement(
                """
                SELECT user_id, created_at, expires_at, revoked_at, scope_document_id, scope_signer_id FROM sessions WHERE token_sha256 = ?
                """, [SQLValue(digest)]))
        guard let row = rows.first, let userID = row[0].text, let created = row[1].date, let expires = row[2].date,
            row[3] == .null, expires > time
        else {
            caches.sessions.remove(digest)
            return nil
        }
        let scope = row[4].text.flatMap { document in row[5].text.map { Session.Scope(documentID: document, signerID: $0) } }
        guard let account = try await principal(userID: userID), account.user.status == .active else {
            caches.sessions.remove(digest)
            return nil
        }
        // A link session stands for the link's signer only, whatever else the account may do.
        let principal = scope.map { WorkflowPrincipal.linkHolder(account.user, scope: $0) } ?? account
        let authenticated = AuthenticatedSession(
            session: Session(userID: userID, createdAt: created, expiresAt: expires, scope: scope), principal: principal)
        caches.sessions.store(authenticated, for: digest)
        return authenticated
    }

    /// A live session from memory, without suspending (most requests); nil: ask ``authenticate(sessionToken:at:)``.
    public func cachedAuthentication(sessionToken token: String, at time: Date = Date()) -> AuthenticatedSession? {
        cachedAuthentication(digest: Session.digest(of: token), at: time)
    }

    private func cachedAuthentication(digest: String, at time: Date) -> AuthenticatedSession? {
        guard let cached = caches.sessions.value(for: digest), cached.session.expiresAt > time else { return nil }
        return cached
    }

    /// Ends a session (logout).
    public func revoke(sessionToken token: String, at time: Date = Date()) async throws {
        let _: Void = try await store.transaction(reads: []) { _ in
            (
                [
                    SQLStatement(
                        "UPDATE sessions SET revoked_at = ? WHERE token_sha256 = ? AND revoked_at IS NULL",
                        [SQLValue(time), SQLValue(Session.digest(of: token))])
                ], ()
            )
        }
        caches.sessions.remove(Session.digest(of: token))
    }

    /// A user by id, with the partners they work for.
    public func principal(userID: String) async throws -> WorkflowPrincipal? {
        guard
            let row = try await store.query(SQLStatement("SELECT \(WorkflowRows.userColumns) FROM users WHERE id = ?", [SQLValue(userID)]))
                .first
        else {
            return nil
        }
        let employments = try await store.query(
            SQLStatement("SELECT \(WorkflowRows.employeeColumns) FROM employees WHERE user_id = ?", [SQLValue(userID)]))
        return WorkflowPrincipal(user: try WorkflowRows.user(row), employments: try employments.map(WorkflowRows.employee))
    }

    // MARK: Rows

    static func insert(_ session: Session, digest: String, client: ClientContext) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO sessions (token_sha256, user_id, scope_document_id, scope_signer_id, created_at, expires_at, revoked_at, ip, user_agent)
            VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)
            """,
            [
                SQLValue(digest), SQLValue(session.userID), SQLValue(session.scope?.documentID), SQLValue(session.scope?.signerID),
                SQLValue(session.createdAt), SQLValue(session.expiresAt), SQLValue(client.ipAddress), SQLValue(client.userAgent),
            ])
    }

    static func json<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        do { return try CanonicalJSON.decoder().decode(type, from: Data(json.utf8)) } catch {
            throw StoreError.corruptRow("\(type): \(error)")
        }
    }

    static func refusal<Success>(of outcome: Result<Success, SESFailure>) -> CodeRefusal {
        if case .failure(let failure) = outcome { return CodeRefusal(failure) }
        return .noSuchChallenge
    }
}
