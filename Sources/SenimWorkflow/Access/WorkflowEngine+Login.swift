import Foundation
import SenimCrypto
import SenimEvidence

/// Login by phone and SMS code (docs/user-agreement.md §5.2, §5.3: no passwords; the code proves possession of the number). The
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
        let reads = NamedReads([
            .dayChallenges: LoginChallengesTable.select(phone: phone.e164, since: time.addingTimeInterval(-86400)),
            .codesFromAddress: LoginChallengesTable.count(ip: client.ipAddress ?? "", since: time.addingTimeInterval(-policy.rateWindow)),
        ])
        return try await record(on: Self.accountChain(phone), reads: reads, client: client, at: time) { rows in
            let day = try rows[.dayChallenges].map(LoginChallengesTable.decode)
            let budget = CodeBudget(challenges: day, policy: policy, windowLimit: policy.codesPerPhone, windowScope: .phone, at: time)
            if let refusal = budget.issueRefusal(policy: policy, at: time) { throw refusal }
            guard client.ipAddress == nil || LoginChallengesTable.decodeCount(rows[.codesFromAddress]) < policy.codesPerAddress else {
                throw WorkflowError.rateLimited(.address, retryAfter: Int(policy.rateWindow))
            }
            let binding = SESBinding(
                documentID: "login", documentSHA256: "", documentGOST34311: "", signerID: phone.e164, signerIIN: "",
                phoneE164: phone.e164, action: .login, consentTextSHA256: policy.agreement.textSHA256)
            let (challenge, code) = try authority.issue(binding, at: time)
            let write = try LoginChallengesTable.insert(challenge, phone: phone.e164, ip: client.ipAddress ?? "", at: time)
            return RecordingPlan(
                writes: try Self.supersede(day, with: LoginChallengesTable.update) + [write],
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
        let reads = NamedReads([
            .challenge: LoginChallengesTable.select(id: challengeID, phone: phone.e164, forUpdate: forUpdate),
            .user: UsersTable.select(phone: phone.e164),
            .acceptance: AgreementAcceptancesTable.select(phone: phone.e164, edition: policy.agreement.edition),
            .employments: EmployeesTable.select(userPhone: phone.e164),
            .dayChallenges: LoginChallengesTable.select(phone: phone.e164, since: time.addingTimeInterval(-86400)),
        ])
        return try await record(on: Self.accountChain(phone), reads: reads, client: client, at: time) { rows in
            guard let stored = rows[.challenge].first else { throw WorkflowError.codeNotAccepted(.noSuchChallenge) }
            let budget = CodeBudget(
                challenges: try rows[.dayChallenges].map(LoginChallengesTable.decode), policy: policy, windowLimit: policy.codesPerPhone,
                windowScope: .phone, at: time)
            if let refusal = budget.entryRefusal(policy: policy, at: time) { throw refusal }
            var challenge = try LoginChallengesTable.decode(stored)
            let existing = try rows[.user].first.map(UsersTable.decode)
            let accepted = !rows[.acceptance].isEmpty
            let actor = AuditActor(userID: existing?.id, role: .client, phoneMasked: phone.masked, iin: existing?.iin?.digits)

            let outcome = authority.confirm(
                &challenge, code: code, signerID: phone.e164, currentDocumentSHA256: "", at: time, client: client)
            guard case .success = outcome else {
                return RecordingPlan(
                    writes: [try LoginChallengesTable.update(challenge)],
                    actions: [.otpFailed(challengeID: challenge.id, attempt: challenge.attempts)], actor: actor,
                    document: nil, answer: .failure(.codeNotAccepted(Self.refusal(of: outcome))))
            }
            // The code is proven: now the account may be spoken of. Neither refusal spends the code.
            if let existing, existing.status == .blocked { throw WorkflowError.userBlocked(existing.id) }
            guard accepted || acceptingAgreement else { throw WorkflowError.agreementNotAccepted(edition: policy.agreement.edition) }
            var writes = [try LoginChallengesTable.update(challenge)]
            let user = existing ?? User(id: newUserID, phone: phone, createdAt: time)
            if existing == nil { writes.append(UsersTable.upsert(user)) }
            var actions: [AuditAction] = [.otpConfirmed(challengeID: challenge.id, attempt: challenge.attempts)]
            if !accepted {
                writes.append(AgreementAcceptancesTable.insert(policy.agreement, by: user.id, client: client, at: time))
                actions.append(.agreementAccepted(edition: policy.agreement.edition, consentTextSHA256: policy.agreement.textSHA256))
            }
            let session = Session(userID: user.id, createdAt: time, expiresAt: time.addingTimeInterval(policy.sessionLifetime), scope: nil)
            writes.append(SessionsTable.insert(session, digest: digest, client: client))
            let principal = WorkflowPrincipal(user: user, employments: try rows[.employments].map(EmployeesTable.decode))
            return RecordingPlan(
                writes: writes, actions: actions,
                actor: AuditActor(userID: user.id, role: .client, phoneMasked: phone.masked, iin: user.iin?.digits),
                document: nil, answer: .success(SessionGrant(token: token, session: session, principal: principal)))
        }
    }

    /// The session a token stands for, with its principal as stored now: a blocked user, an expired or revoked
    /// session resolve to nil at once.
    public func authenticate(sessionToken token: String, at time: Date = Date()) async throws -> AuthenticatedSession? {
        let digest = Session.digest(of: token)
        guard let row = try await store.query(SessionsTable.select(digest: digest)).first,
            let session = try SessionsTable.decodeLive(row, at: time)
        else {
            caches.sessions.remove(digest)
            return nil
        }
        let scope = session.scope
        guard let account = try await principal(userID: session.userID), account.user.status == .active else {
            caches.sessions.remove(digest)
            return nil
        }
        // A link session stands for the link's signer only, whatever else the account may do.
        let principal = scope.map { WorkflowPrincipal.linkHolder(account.user, scope: $0) } ?? account
        let authenticated = AuthenticatedSession(session: session, principal: principal)
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
        try await store.write([SessionsTable.revoke(digest: Session.digest(of: token), at: time)])
        caches.sessions.remove(Session.digest(of: token))
    }

    /// A user by id, with the partners they work for.
    public func principal(userID: String) async throws -> WorkflowPrincipal? {
        guard let row = try await store.query(UsersTable.select(id: userID)).first else { return nil }
        let employments = try await store.query(EmployeesTable.select(userID: userID))
        return WorkflowPrincipal(user: try UsersTable.decode(row), employments: try employments.map(EmployeesTable.decode))
    }

    static func refusal<Success>(of outcome: Result<Success, SESFailure>) -> CodeRefusal {
        if case .failure(let failure) = outcome { return CodeRefusal(failure) }
        return .noSuchChallenge
    }
}
