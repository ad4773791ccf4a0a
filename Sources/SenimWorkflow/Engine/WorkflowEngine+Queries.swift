import Foundation
import SenimCrypto
import SenimEvidence
import SenimPKI

extension WorkflowEngine {
    /// One document with its signers, partner and reserved tariff package.
    public func state(ofDocument id: String) async throws -> DocumentState {
        let documents = try await store.query(DocumentsTable.select(id: id))
        guard let row = documents.first else { throw WorkflowError.documentNotFound(id) }
        let document = try DocumentsTable.decode(row).document
        let signers = try await store.query(SignersTable.select(documentID: id))
        let partners = try await store.query(PartnersTable.select(id: document.partnerID))
        let tariffs = try await store.query(TariffPackagesTable.select(id: document.tariffPackageID))
        return DocumentState(
            document: document, signers: try signers.map(SignersTable.decode), partner: try partners.first.map(PartnersTable.decode),
            tariff: try tariffs.first.map(TariffPackagesTable.decode))
    }

    /// Where the document's bytes are in the blob store.
    public func blobPath(ofDocument id: String) async throws -> String {
        guard let row = try await store.query(DocumentsTable.selectBlobPath(id: id)).first else {
            throw WorkflowError.documentNotFound(id)
        }
        return try DocumentsTable.decodeBlobPath(row)
    }

    /// A page of a partner's documents, newest first, optionally of one status; pass the last document of a
    /// page as `after` for the next (keyset pagination on the `documents_by_partner…` indexes).
    public func documents(ofPartner partnerID: String, status: Document.Status? = nil, limit: Int = 50, after: Document? = nil) async throws
        -> [Document]
    {
        try await store.query(DocumentsTable.select(ofPartner: partnerID, status: status, after: after, limit: max(1, min(limit, 500))))
            .map { try DocumentsTable.decode($0).document }
    }

    /// The documents that name this person as a signer, newest first, drafts left out (they were not sent): by the
    /// phone, and by the IIN once an EDS proved it (the rule of ``Permissions/names(_:_:)``). Three reads, whatever
    /// the number of documents.
    public func inbox(of principal: WorkflowPrincipal, limit: Int = 100) async throws -> [SignerInboxEntry] {
        let phone = principal.user.phone.e164
        let documents = try await store.query(DocumentsTable.select(namingPhone: phone, limit: max(1, min(limit, 500))))
            .map { try DocumentsTable.decode($0).document }
        let slots = try await store.query(SignersTable.select(phone: phone)).map(SignersTable.decode)
            .filter { Permissions.names(principal, $0) }
        let partners = try await store.query(PartnersTable.select(ofDocumentsNamingPhone: phone)).map(PartnersTable.decode)
        let partnersByID = Dictionary(partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let slotsByDocument = Dictionary(grouping: slots, by: \.documentID)
        return documents.flatMap { document in
            (slotsByDocument[document.id] ?? []).sorted { $0.order < $1.order }
                .map { SignerInboxEntry(document: document, signer: $0, partner: partnersByID[document.partnerID]) }
        }
    }

    /// The sent documents whose bytes have this SHA-256 (lower-case hex), newest first, each with its signers and
    /// partner: what the public verification page says about a document someone holds. Reads no right: knowing the
    /// exact bytes is the only key, and the page shows no more than a holder of them may learn.
    public func states(ofDocumentsWithSHA256 sha256: String, limit: Int = 5) async throws -> [DocumentState] {
        var states: [DocumentState] = []
        for row in try await store.query(DocumentsTable.select(sha256: sha256, limit: max(1, min(limit, 20)))) {
            states.append(try await state(ofDocument: try DocumentsTable.decode(row).document.id))
        }
        return states
    }

    /// The document's audit log in order, as stored (each event with its chain hashes).
    public func auditLog(ofDocument id: String) async throws -> [ChainedEvent] {
        let decoder = CanonicalJSON.decoder()
        return try await store.query(AuditEventsTable.selectEvents(chainID: id)).map {
            try AuditEventsTable.decodeEvent($0, decoder: decoder)
        }
    }

    /// Pending documents whose deadline has passed at `time` (at most `limit`, the most overdue first).
    public func overdueDocuments(at time: Date, limit: Int = 500) async throws -> [String] {
        try await store.query(DocumentsTable.selectOverdueIDs(at: time, limit: limit)).map(DocumentsTable.decodeID)
    }

    /// When the document was sent for signing (its `sentForSigning` event), if it was.
    public func sentAt(ofDocument id: String) async throws -> Date? {
        try await auditLog(ofDocument: id).first { if case .sentForSigning = $0.event.action { return true } else { return false } }?.event
            .time
    }

    /// The platform log's leaf hashes in order from `first` (to rebuild or extend the Merkle tree for proofs
    /// and checkpoints).
    public func logLeafHashes(from first: UInt64 = 0) async throws -> [[UInt8]] {
        try await store.query(LogLeavesTable.selectHashes(from: first)).map(LogLeavesTable.decodeHash)
    }

    public func tariffPackages(ofPartner partnerID: String) async throws -> [TariffPackage] {
        try await store.query(TariffPackagesTable.select(partnerID: partnerID)).map(TariffPackagesTable.decode)
    }

    /// A user by phone, with the partners they work for: the principal a login resolves to.
    public func principal(phone: PhoneNumber) async throws -> WorkflowPrincipal? {
        guard let row = try await store.query(UsersTable.select(phone: phone.e164)).first else { return nil }
        let user = try UsersTable.decode(row)
        let employments = try await store.query(EmployeesTable.select(userID: user.id))
        return WorkflowPrincipal(user: user, employments: try employments.map(EmployeesTable.decode))
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
        try await store.query(SignatureFilesTable.select(documentID: id)).map(SignatureFilesTable.decode)
    }

    /// The platform-log leaf that anchors the document's chain as it is now (its last event), if there is one.
    public func latestLeaf(ofDocument id: String) async throws -> (leafIndex: UInt64, lastSequence: UInt64)? {
        guard let row = try await store.query(LogLeavesTable.selectLatest(chainID: id)).first else { return nil }
        return try LogLeavesTable.decodeLatest(row)
    }

    public func partner(bin: KazakhIdentifier) async throws -> Partner? {
        try await store.query(PartnersTable.select(bin: bin.digits)).first.map(PartnersTable.decode)
    }

    public func partner(id: String) async throws -> Partner? {
        try await store.query(PartnersTable.select(id: id)).first.map(PartnersTable.decode)
    }

    public func tariffPackage(id: String) async throws -> TariffPackage? {
        try await store.query(TariffPackagesTable.select(id: id)).first.map(TariffPackagesTable.decode)
    }

    /// Whether the store answers (readiness).
    public func ping() async throws { _ = try await store.query(StoreHealth.ping) }
}

/// What the administration pages list (at most 500 of each, newest first where time applies).
extension WorkflowEngine {
    public func partners() async throws -> [Partner] {
        try await store.query(PartnersTable.selectNewest).map(PartnersTable.decode)
    }

    public func users() async throws -> [User] {
        try await store.query(UsersTable.selectNewest).map(UsersTable.decode)
    }

    public func allTariffPackages() async throws -> [TariffPackage] {
        try await store.query(TariffPackagesTable.selectLatest).map(TariffPackagesTable.decode)
    }

    /// A partner's employees with their phones.
    public func employees(ofPartner partnerID: String) async throws -> [(employee: Employee, phone: PhoneNumber)] {
        try await store.query(EmployeesTable.selectWithPhones(partnerID: partnerID)).map(EmployeesTable.decodeWithPhone)
    }
}
