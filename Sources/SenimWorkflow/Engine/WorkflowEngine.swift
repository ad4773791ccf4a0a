import Foundation
import SenimCrypto
import SenimEvidence

/// Runs workflow commands against a ``Store``: each one a single transaction that locks the document, checks
/// the permission on what it locked, applies ``DocumentStateMachine``, and writes the new state, the tariff
/// change, the audit events, the platform-log leaf and the idempotent answer together.
public struct WorkflowEngine: Sendable {
    public let store: any Store
    public let rules: WorkflowRules
    let caches: EngineCaches

    /// - Parameter cacheLifetime: how long a session or a document status read may be served from memory when
    ///   another process could have changed it (this process's own changes drop the entry at once); zero
    ///   turns the caches off.
    public init(store: any Store, rules: WorkflowRules = WorkflowRules(), cacheLifetime: Duration = .seconds(1)) {
        self.store = store
        self.rules = rules
        caches = EngineCaches(lifetime: cacheLifetime, feed: store as? any CacheChangeFeed)
    }

    /// Creates the schema or brings it up to date.
    public func migrate() async throws { try await store.migrate(WorkflowSchema.migrations) }

    /// Executes `command` for `principal` (nil: the platform itself, which may only expire overdue documents).
    ///
    /// - Parameters:
    ///   - blobPath: where the blob store put the document's bytes (upload) or the received signature (sign).
    ///   - companionPath: with a signature, where its companion is: an EDS's validation report, an SES record's seal.
    ///   - idempotencyKey: a client's retry key; the same key and request return the first answer, a different
    ///     request under the same key is refused.
    /// - Throws: ``WorkflowError`` when the command is refused (nothing is written), also after committing a
    ///   recorded signature refusal; ``StoreError`` when the database fails (nothing is written).
    @discardableResult
    public func execute(
        _ command: WorkflowCommand, by principal: WorkflowPrincipal?, client: ClientContext, blobPath: String? = nil,
        companionPath: String? = nil, idempotencyKey: String? = nil, at time: Date = Date()
    ) async throws -> CommandResult {
        let rules = self.rules
        let documentID = command.documentID
        // Only a retried request needs its digest (JSON encoding is a good part of a command's cost).
        let requestDigest = try idempotencyKey.map { _ in try Self.requestDigest(command, principal: principal) } ?? ""
        let storedKey = idempotencyKey.map { Self.namespaced($0, for: principal) }
        @Sendable func plan(_ rows: ReadRows) throws -> (writes: [SQLStatement], result: CommandResult) {
            if idempotencyKey != nil, let stored = try CommandSnapshot.storedAnswer(rows) {
                guard stored.requestSHA256 == requestDigest else { throw WorkflowError.idempotencyKeyReused(idempotencyKey ?? "") }
                var answer = try JSONDecoder().decode(CommandResult.self, from: Data(stored.resultJSON.utf8))
                answer.replayed = true
                return ([], answer)
            }
            let read = try CommandSnapshot(rows)
            let state = read.state
            // Rights as they are in this transaction, not as the session read them: a right revoked a moment
            // ago (on any node) no longer counts.
            let current = try principal.map { try Self.current($0, user: read.user, employments: read.employments, apiKey: read.apiKey) }
            let role = try Self.authorise(command, current, state, rules: rules)
            if read.signatureValueUsedElsewhere { throw WorkflowError.signatureAlreadyUsed }
            let transition = try DocumentStateMachine.apply(command, to: state, at: time, rules: rules)
            guard let document = transition.document else { throw WorkflowError.documentNotFound(documentID) }

            var writes: [SQLStatement] = []
            guard let documentBlob = read.documentBlobPath ?? (command.isUpload ? blobPath : nil) else {
                throw WorkflowError.invalidInput(.documentBytesMissing)
            }
            writes.append(DocumentsTable.upsert(document, blobPath: documentBlob))
            for signer in transition.state.signers where !state.signers.contains(signer) { writes.append(SignersTable.upsert(signer)) }
            if transition.tariffChanged, let tariff = transition.state.tariff { writes.append(TariffPackagesTable.upsert(tariff)) }
            let audit = AuditAppend(head: read.chainHead, logSize: read.logSize)
            if case .sign(_, let signerID, let evidence) = command, let blobPath {
                // Refused signatures are kept too (the attempt is evidence), marked so; the sequence of the
                // command's first audit event orders the signatures as they came.
                writes.append(
                    SignatureFilesTable.upsert(
                        documentID: documentID, signerID: signerID, kind: evidence.kind, sha256: evidence.blobSHA256,
                        blobPath: blobPath, receivedAt: time, companionPath: companionPath, accepted: transition.refusal == nil,
                        eventSequence: audit.nextSequence, signatureValueSHA256: evidence.signatureValueSHA256))
            }
            // An accepted EDS of a person's slot proves the signer's IIN: only now does the account carry it (what a
            // partner typed is that partner's claim, and must not bind the person's other documents).
            if case .sign(_, let signerID, .eds(let eds)) = command, transition.refusal == nil, let current, current.user.iin == nil,
                let iin = eds.signerIIN, state.signers.first(where: { $0.id == signerID })?.party == .person
            {
                writes.append(UsersTable.setIIN(iin.digits, ofUser: current.user.id))
            }
            let actor = AuditActor(
                userID: principal?.user.id, role: role, phoneMasked: principal?.user.phone.masked, iin: principal?.user.iin?.digits)
            let appended = try audit.statements(
                for: transition.actions, documentID: documentID, document: document, actor: actor, client: client, at: time)
            writes += appended.writes
            // The partner's webhooks, queued with the change they report: never lost, never sent for a rollback.
            writes += try WebhookQueue.enqueue(
                WebhookPayload.events(
                    of: transition.actions, before: state.signers, after: transition.state.signers, document: document, at: time),
                to: read.webhookEndpoints, at: time)
            let answer = CommandResult(
                document: document, signers: transition.state.signers, events: appended.events, leafIndex: appended.leafIndex,
                notify: transition.notify, refusal: transition.refusal, replayed: false)
            if let storedKey {
                writes.append(
                    IdempotencyKeysTable.insert(
                        key: storedKey, requestSHA256: requestDigest,
                        resultJSON: String(decoding: try JSONEncoder().encode(answer), as: UTF8.self), at: time))
            }
            return (writes, answer)
        }

        // The plan (permission, state machine, audit encoding and hashing) is half of what the single writer
        // would do. So it is made first from an unlocked snapshot, beside other commands' plans, and the
        // transaction re-reads the same rows under its lock: unchanged, the plan stands; changed (a concurrent
        // command on the same document got there first), it is made again from the locked rows.
        let userID = principal?.user.id
        let snapshot = try await store.snapshot(
            CommandReads.reads(for: command, idempotencyKey: storedKey, userID: userID, at: time, forUpdate: ""))
        let tentative = try? plan(snapshot)
        let result: CommandResult = try await store.transaction(
            CommandReads.reads(for: command, idempotencyKey: storedKey, userID: userID, at: time, forUpdate: store.dialect.forUpdate)
        ) { rows in
            // All but the log size are this document's and the principal's; the log size is the platform log's,
            // which other documents' commands move. A stored idempotent answer names its leaf, so with a key the
            // log size must be unchanged too.
            let unchanged = rows.without(.logSize) == snapshot.without(.logSize)
            if var tentative, unchanged, idempotencyKey == nil || rows == snapshot {
                if let size = CommandSnapshot.logSize(rows), !tentative.writes.isEmpty { tentative.result.leafIndex = size }
                return tentative
            }
            return try plan(rows)
        }
        caches.documents.remove(documentID)
        // An EDS may have proven the signer's IIN: sessions re-read their user.
        if case .sign(_, _, .eds) = command, principal?.user.iin == nil { caches.sessions.removeAll() }
        if let refusal = result.refusal { throw refusal }
        return result
    }

    // MARK: Rules around the state machine

    /// The one permission function, on the rows the command locked; the audit role is how the principal acts.
    static func authorise(
        _ command: WorkflowCommand, _ principal: WorkflowPrincipal?, _ state: DocumentState,
        rules: WorkflowRules
    ) throws(WorkflowError) -> AuditActor.Role {
        guard let principal else {
            if case .expire = command { return .platform }
            throw .permissionDenied(.platformOnly)
        }
        let action: WorkflowAction
        var signers = state.signers
        switch command {
        case .upload: action = .upload
        case .create(_, _, let request, _, let sendNow):
            action = .upload
            if sendNow, principal.employment(at: request.partnerID)?.rights.contains(.send) != true {
                throw .permissionDenied(.sendRightNotGranted)
            }
        case .addSigner: action = .editDraft
        case .send: action = .send
        case .cancel: action = .cancel
        case .expire: action = .cancel
        case .view(_, let signerID), .sign(_, let signerID, _), .reject(_, let signerID, _):
            guard let signer = state.signers.first(where: { $0.id == signerID }) else { throw .signerNotFound(signerID) }
            // A person acts only for their own slot; the partner's slot is the partner's employees' to sign.
            signers = [signer]
            if signer.party == .partner {
                if case .reject = command { throw .permissionDenied(.partnerCancelsInsteadOfRejecting) }
                if case .view = command { throw .permissionDenied(.onlyTheSignerMarksViewed) }
                if case .sign(_, _, .ses) = command, rules.partnerSignatureRequiresEDS { throw .partnerSignatureNeedsEDS }
                action = .signForPartner
            } else if case .view = command {
                // Only the person named records that they viewed it; their partner's staff see it without that.
                guard Permissions.names(principal, signer) else { throw .permissionDenied(.onlyTheSignerMarksViewed) }
                action = .viewDocument
            } else if case .reject = command {
                action = .reject
            } else {
                action = .sign
            }
        }
        let decision = Permissions.decide(
            principal, action, document: state.document, signers: signers,
            partnerID: Self.partnerID(of: command), partner: state.partner)
        if case .denied(let why) = decision { throw .permissionDenied(why) }
        if let document = state.document, principal.employment(at: document.partnerID) != nil,
            action != .viewDocument || !signers.contains(where: { $0.party == .person && $0.phone == principal.user.phone })
        {
            return .partnerEmployee
        }
        if command.isUpload { return .partnerEmployee }
        return principal.user.isAdministrator ? .administrator : .client
    }

    /// The principal with its user and employments as this transaction read them; a user who is gone or
    /// blocked now is refused, whatever their session said a moment ago. A key is re-read the same way: revoked
    /// or its rights changed a moment ago, on any node, that is what counts.
    static func current(_ principal: WorkflowPrincipal, user: User?, employments: [Employee], apiKey: APIKey?) throws
        -> WorkflowPrincipal
    {
        if let keyID = principal.apiKeyID {
            guard let apiKey, apiKey.id == keyID else { throw WorkflowError.notAuthenticated }
            guard !apiKey.isRevoked else { throw WorkflowError.permissionDenied(.apiKeyRevoked) }
            return .apiKey(apiKey, creatorPhone: principal.user.phone)
        }
        guard let user else { throw WorkflowError.notAuthenticated }
        guard user.status == .active else { throw WorkflowError.permissionDenied(.accountBlocked) }
        if let scope = principal.linkScope { return .linkHolder(user, scope: scope) }
        return WorkflowPrincipal(user: user, employments: employments)
    }

    /// ``current(_:user:employments:apiKey:)`` on the ``PrincipalReads`` of a transaction.
    static func current(_ principal: WorkflowPrincipal, _ rows: ReadRows) throws -> WorkflowPrincipal {
        let read = try PrincipalReads.decode(rows)
        return try current(principal, user: read.user, employments: read.employments, apiKey: read.apiKey)
    }

    /// Idempotency keys are the client's own: one user's key never answers another user's request.
    static func namespaced(_ key: String, for principal: WorkflowPrincipal?) -> String {
        "\(principal?.user.id ?? "platform"):\(key)"
    }

    static func partnerID(of command: WorkflowCommand) -> String? {
        if case .upload(_, _, let request) = command { return request.partnerID }
        if case .create(_, _, let request, _, _) = command { return request.partnerID }
        return nil
    }

    /// SHA-256 of the canonical request, so a reused idempotency key with another request is caught. The
    /// identifiers the server makes for each attempt (a new document's, a new signer's) are not the client's
    /// request: a retried upload is the same request, and its answer is the first document.
    static func requestDigest(_ command: WorkflowCommand, principal: WorkflowPrincipal?) throws -> String {
        struct Request: Encodable {
            let command: WorkflowCommand
            let userID: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return Hex.encode(
            DigestAlgorithm.sha256.hash(
                Array(try encoder.encode(Request(command: command.withoutGeneratedIdentifiers, userID: principal?.user.id)))))
    }
}

extension WorkflowCommand {
    /// The command without the identifiers the server generated for this attempt.
    var withoutGeneratedIdentifiers: WorkflowCommand {
        switch self {
        case .upload(_, let by, let request): return .upload(documentID: "", uploadedBy: by, request)
        case .create(_, let by, let request, let signers, let send):
            return .create(
                documentID: "", uploadedBy: by, request, signers: signers.map { NamedSigner(signerID: "", $0.request) }, send: send)
        case .addSigner(let documentID, _, let request): return .addSigner(documentID: documentID, signerID: "", request)
        default: return self
        }
    }

    /// Upload or create: the command brings the document's bytes.
    var isUpload: Bool {
        switch self {
        case .upload, .create: return true
        default: return false
        }
    }

    /// Send, or create-and-send: the command reserves a tariff use.
    var sends: Bool {
        switch self {
        case .send: return true
        case .create(_, _, _, _, let sendNow): return sendNow
        default: return false
        }
    }
}

extension SignatureEvidence {
    /// The SHA-256 of an EDS's signature value (nil for an SES record, whose challenge is single-use anyway).
    var signatureValueSHA256: String? {
        if case .eds(let eds) = self { return eds.signatureValueSHA256 }
        return nil
    }

    /// The SHA-256 the received bytes are stored under.
    var blobSHA256: String {
        switch self {
        case .eds(let eds): return eds.signatureSHA256
        case .ses(let ses): return ses.recordSHA256
        }
    }
}
