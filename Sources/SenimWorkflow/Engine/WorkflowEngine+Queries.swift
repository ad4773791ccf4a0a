import Foundation
import SenimCrypto
import SenimEvidence
import SenimPKI

extension WorkflowEngine {
    /// One document with its signers, partner and reserved tariff package.
    public func state(ofDocument id: String) async throws -> DocumentState {
        let documents = try await store.query(
            SQLStatement("SELECT \(WorkflowRows.documentColumns) FROM documents WHERE id = ?", [SQLValue(id)]))
        guard let row = documents.first else { throw WorkflowError.documentNotFound(id) }
        let document = try WorkflowRows.document(row).document
        let signers = try await store.query(
            SQLStatement("SELECT \(WorkflowRows.signerColumns) FROM signers WHERE document_id = ? ORDER BY ord, id", [SQLValue(id)]))
        let partners = try await store.query(
            SQLStatement("SELECT \(WorkflowRows.partnerColumns) FROM partners WHERE id = ?", [SQLValue(document.partnerID)]))
        let tariffs = try await store.query(
            SQLStatement("SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages WHERE id = ?", [SQLValue(document.tariffPackageID)]))
        return DocumentState(
            document: document, signers: try signers.map(WorkflowRows.signer), partner: try partners.first.map(WorkflowRows.partner),
            tariff: try tariffs.first.map(WorkflowRows.tariff))
    }

    /// Where the document's bytes are in the blob store.
    public func blobPath(ofDocument id: String) async throws -> String {
        let rows = try await store.query(SQLStatement("SELECT blob_path FROM documents WHERE id = ?", [SQLValue(id)]))
        guard let path = rows.first?.first?.text else { throw WorkflowError.documentNotFound(id) }
        return path
    }

    /// A page of a partner's documents, newest first, optionally of one status; pass the last document of a
    /// page as `after` for the next (keyset pagination on the `documents_by_partner…` indexes).
    public func documents(ofPartner partnerID: String, status: Document.Status? = nil, limit: Int = 50, after: Document? = nil) async throws
        -> [Document]
    {
        var sql = "SELECT \(WorkflowRows.documentColumns) FROM documents WHERE partner_id = ?"
        var arguments = [SQLValue(partnerID)]
        if let status {
            sql += " AND status = ?"
            arguments.append(SQLValue(status.rawValue))
        }
        if let after {
            sql += " AND (created_at < ? OR (created_at = ? AND id < ?))"
            arguments += [SQLValue(after.createdAt), SQLValue(after.createdAt), SQLValue(after.id)]
        }
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
        arguments.append(SQLValue(max(1, min(limit, 500))))
        return try await store.query(SQLStatement(sql, arguments)).map { try WorkflowRows.document($0).document }
    }

    /// The documents that name this person as a signer, newest first, drafts left out (they were not sent): by the
    /// phone, and by the IIN once an EDS proved it (the rule of ``Permissions/names(_:_:)``). Three reads, whatever
    /// the number of documents.
    public func inbox(of principal: WorkflowPrincipal, limit: Int = 100) async throws -> [SignerInboxEntry] {
        let phone = SQLValue(principal.user.phone.e164)
        let bound = SQLValue(max(1, min(limit, 500)))
        let mine = "SELECT document_id FROM signers WHERE phone = ? AND party = 'person'"
        let documents = try await store.query(
            SQLStatement(
                "SELECT \(WorkflowRows.documentColumns) FROM documents WHERE id IN (\(mine)) AND status <> 'draft' ORDER BY created_at DESC, id DESC LIMIT ?",
                [phone, bound])
        ).map { try WorkflowRows.document($0).document }
        let slots = try await store.query(
            SQLStatement("SELECT \(WorkflowRows.signerColumns) FROM signers WHERE phone = ? AND party = 'person'", [phone])
        )
        .map(WorkflowRows.signer).filter { Permissions.names(principal, $0) }
        let partners = try await store.query(
            SQLStatement(
                "SELECT \(WorkflowRows.partnerColumns) FROM partners WHERE id IN (SELECT partner_id FROM documents WHERE id IN (\(mine)))",
                [phone])
        )
        .map(WorkflowRows.partner)
        let partnersByID = Dictionary(partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let slotsByDocument = Dictionary(grouping: slots, by: \.documentID)
        return documents.flatMap { document in
            (slotsByDocument[document.id] ?? []).sorted { $0.order < $1.order }
                .map { SignerInboxEntry(document: document, signer: $0, partner: partnersByID[document.partnerID]) }
        }
    }

    /// The document's audit log in order, as stored (each event with its chain hashes).
    public func auditLog(ofDocument id: String) async throws -> [ChainedEvent] {
        let rows = try await store.query(
            SQLStatement("SELECT event_json FROM audit_events WHERE document_id = ? ORDER BY sequence", [SQLValue(id)]))
        let decoder = CanonicalJSON.decoder()
        return try rows.map { row in
            guard let json = row.first?.text else { throw StoreError.corruptRow("audit_events") }
            return try decoder.decode(ChainedEvent.self, from: Data(json.utf8))
        }
    }

    /// Pending documents whose deadline has passed at `time` (at most `limit`, the most overdue first).
    public func overdueDocuments(at time: Date, limit: Int = 500) async throws -> [String] {
        try await store.query(
            SQLStatement(
                """
                SELECT id FROM documents WHERE status = ? AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline, id LIMIT ?
                """, [SQLValue(Document.Status.pending.rawValue), SQLValue(time), SQLValue(limit)])
        ).compactMap { $0.first?.text }
    }

    /// When the document was sent for signing (its `sentForSigning` event), if it was.
    public func sentAt(ofDocument id: String) async throws -> Date? {
        try await auditLog(ofDocument: id).first { if case .sentForSigning = $0.event.action { return true } else { return false } }?.event
            .time
    }

    /// The platform log's leaf hashes in order from `first` (to rebuild or extend the Merkle tree for proofs
    /// and checkpoints).
    public func logLeafHashes(from first: UInt64 = 0) async throws -> [[UInt8]] {
        try await store.query(
            SQLStatement(
                "SELECT leaf_hash FROM log_leaves WHERE leaf_index >= ? ORDER BY leaf_index",
                [.integer(Int64(first))])
        ).map { row in
            guard let hex = row.first?.text, let hash = try? Hex.decode(hex) else { throw StoreError.corruptRow("log_leaves") }
            return hash
        }
    }

    public func tariffPackages(ofPartner partnerID: String) async throws -> [TariffPackage] {
        try await store.query(
            SQLStatement(
                "SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages WHERE partner_id = ? ORDER BY valid_until, id",
                [SQLValue(partnerID)])
        ).map(WorkflowRows.tariff)
    }

    /// A user by phone, with the partners they work for: the principal a login resolves to.
    public func principal(phone: PhoneNumber) async throws -> WorkflowPrincipal? {
        guard
            let row = try await store.query(
                SQLStatement("SELECT \(WorkflowRows.userColumns) FROM users WHERE phone = ?", [SQLValue(phone.e164)])
            ).first
        else {
            return nil
        }
        let user = try WorkflowRows.user(row)
        let employments = try await store.query(
            SQLStatement("SELECT \(WorkflowRows.employeeColumns) FROM employees WHERE user_id = ?", [SQLValue(user.id)]))
        return WorkflowPrincipal(user: user, employments: try employments.map(WorkflowRows.employee))
    }
}

/// A received signature as stored: the signature (or SES record) and its companion (validation report or seal).
public struct StoredSignature: Sendable, Hashable {
    public let signerID: String
    public let kind: SignatureKind
    public let sha256: String
    public let blobPath: String
    public let companionPath: String?
    public let receivedAt: Date
    /// False for a signature the workflow refused (another signer's key, not valid under the policy): kept as
    /// evidence of the attempt, not a signature of the document.
    public let accepted: Bool
}

extension WorkflowEngine {
    /// A document's state, if `principal` may `action` it (view or read content): the check every read route makes.
    public func state(ofDocument id: String, for principal: WorkflowPrincipal, _ action: WorkflowAction) async throws -> DocumentState {
        let state = try await state(ofDocument: id)
        let decision = Permissions.decide(principal, action, document: state.document, signers: state.signers, partner: state.partner)
        if case .denied(let why) = decision { throw WorkflowError.permissionDenied(why) }
        return state
    }

    /// A document's status and signers (with its partner, without its package), if `principal` may view it:
    /// what a signer's page and a partner's list poll, served from memory between changes (``ReadCache``).
    public func status(ofDocument id: String, for principal: WorkflowPrincipal) async throws -> DocumentState {
        if let cached = try cachedStatus(ofDocument: id, for: principal) { return cached }
        var state = try await self.state(ofDocument: id)
        state.tariff = nil
        caches.documents.store(state, for: id)
        return try Self.visible(state, to: principal)
    }

    /// The status from memory without suspending, if it is there (nil: ask ``status(ofDocument:for:)``).
    public func cachedStatus(ofDocument id: String, for principal: WorkflowPrincipal) throws -> DocumentState? {
        try caches.documents.value(for: id).map { try Self.visible($0, to: principal) }
    }

    private static func visible(_ state: DocumentState, to principal: WorkflowPrincipal) throws -> DocumentState {
        let decision = Permissions.decide(
            principal, .viewDocument, document: state.document, signers: state.signers, partner: state.partner)
        if case .denied(let why) = decision { throw WorkflowError.permissionDenied(why) }
        return state
    }

    /// The signatures a document received, in the order they came.
    public func signatures(ofDocument id: String) async throws -> [StoredSignature] {
        try await store.query(
            SQLStatement(
                """
                SELECT signer_id, kind, sha256, blob_path, companion_path, received_at, accepted FROM signature_files WHERE document_id = ?
                ORDER BY event_sequence, sha256
                """, [SQLValue(id)])
        ).map { row in
            guard let signerID = row[0].text, let kind = row[1].text.flatMap(SignatureKind.init), let sha256 = row[2].text,
                let path = row[3].text,
                let received = row[5].date
            else { throw StoreError.corruptRow("signature_files") }
            return StoredSignature(
                signerID: signerID, kind: kind, sha256: sha256, blobPath: path, companionPath: row[4].text, receivedAt: received,
                accepted: row[6].bool)
        }
    }

    /// The platform-log leaf that anchors the document's chain as it is now (its last event), if there is one.
    public func latestLeaf(ofDocument id: String) async throws -> (leafIndex: UInt64, lastSequence: UInt64)? {
        let rows = try await store.query(
            SQLStatement(
                "SELECT leaf_index, last_sequence FROM log_leaves WHERE document_id = ? ORDER BY leaf_index DESC LIMIT 1",
                [SQLValue(id)]))
        guard let row = rows.first, let index = row[0].integer, let sequence = row[1].integer else { return nil }
        return (UInt64(index), UInt64(sequence))
    }

    public func partner(bin: KazakhIdentifier) async throws -> Partner? {
        try await store.query(SQLStatement("SELECT \(WorkflowRows.partnerColumns) FROM partners WHERE bin = ?", [SQLValue(bin.digits)]))
            .first
            .map(WorkflowRows.partner)
    }

    public func partner(id: String) async throws -> Partner? {
        try await store.query(SQLStatement("SELECT \(WorkflowRows.partnerColumns) FROM partners WHERE id = ?", [SQLValue(id)])).first.map(
            WorkflowRows.partner)
    }

    public func tariffPackage(id: String) async throws -> TariffPackage? {
        try await store.query(SQLStatement("SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages WHERE id = ?", [SQLValue(id)])).first
            .map(WorkflowRows.tariff)
    }

    /// Whether the store answers (readiness).
    public func ping() async throws { _ = try await store.query(SQLStatement("SELECT 1")) }
}

/// What the administration pages list (at most 500 of each, newest first where time applies).
extension WorkflowEngine {
    public func partners() async throws -> [Partner] {
        try await store.query(SQLStatement("SELECT \(WorkflowRows.partnerColumns) FROM partners ORDER BY created_at DESC, id LIMIT 500"))
            .map(WorkflowRows.partner)
    }

    public func users() async throws -> [User] {
        try await store.query(SQLStatement("SELECT \(WorkflowRows.userColumns) FROM users ORDER BY created_at DESC, id LIMIT 500")).map(
            WorkflowRows.user)
    }

    public func allTariffPackages() async throws -> [TariffPackage] {
        try await store.query(
            SQLStatement("SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages ORDER BY valid_until DESC, id LIMIT 500")
        ).map(WorkflowRows.tariff)
    }

    /// A partner's employees with their phones.
    public func employees(ofPartner partnerID: String) async throws -> [(employee: Employee, phone: PhoneNumber)] {
        try await store.query(
            SQLStatement(
                """
                SELECT e.partner_id, e.user_id, e.rights, e.active, u.phone FROM employees e JOIN users u ON u.id = e.user_id WHERE e.partner_id = ? ORDER BY u.phone
                """, [SQLValue(partnerID)])
        ).map { row in
            guard let phone = row[4].text.flatMap(PhoneNumber.init) else { throw StoreError.corruptRow("employees") }
            return (try WorkflowRows.employee(Array(row.prefix(4))), phone)
        }
    }
}
