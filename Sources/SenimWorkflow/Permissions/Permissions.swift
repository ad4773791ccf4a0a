/// What someone asks to do. Document actions name the document; the rest are about partners and the platform.
public enum WorkflowAction: String, Sendable, Hashable, CaseIterable {
    /// Metadata and progress: name, status, signers.
    case viewDocument
    /// The document's bytes, its signatures and its evidence package.
    case readContent
    case sign
    case reject
    case upload
    /// Add signers to a draft.
    case editDraft
    case send
    case cancel
    /// The partner's own signature slot.
    case signForPartner
    case manageEmployees
    case administerPartners
    case administerUsers
    case administerTariffs
}

/// Who asks: a logged-in user and the partners they work for, or (from a signer's SMS link) one signer of one
/// document and nothing else.
public struct WorkflowPrincipal: Sendable, Hashable {
    public var user: User
    public var employments: [Employee]
    /// Set for a session opened from a signer's SMS link: the one document and signer it may act for.
    public private(set) var linkScope: Session.Scope?
    /// Set for a partner's API key: then ``user`` is the key (its id, and the phone of the manager who made
    /// it), and ``employments`` the one partner it is scoped to with the key's rights.
    public private(set) var apiKeyID: String?

    public init(user: User, employments: [Employee] = []) {
        self.user = user
        self.employments = employments
    }

    /// The principal of a session opened from a signer's link: the link proves possession of the link, not
    /// of the account, so none of the account's roles come with it (no administration, no employments).
    public static func linkHolder(_ user: User, scope: Session.Scope) -> WorkflowPrincipal {
        var holder = user
        holder.isAdministrator = false
        var principal = WorkflowPrincipal(user: holder, employments: [])
        principal.linkScope = scope
        return principal
    }

    /// The principal of a partner's API key: it acts for its partner within the key's rights, under the key's
    /// own id (audit events name the key), and is no person: it is never a signer and never an administrator.
    public static func apiKey(_ key: APIKey, creatorPhone: PhoneNumber) -> WorkflowPrincipal {
        let user = User(id: key.id, phone: creatorPhone, createdAt: key.createdAt)
        var principal = WorkflowPrincipal(
            user: user, employments: [Employee(partnerID: key.partnerID, userID: key.id, rights: key.rights, active: !key.isRevoked)])
        principal.apiKeyID = key.id
        return principal
    }

    /// Whether this principal acts for `partnerID` as its employee.
    public func acts(for partnerID: String) -> Bool { employment(at: partnerID) != nil }

    /// The active employment at `partnerID`. Administrators never act for a partner, so they have none.
    func employment(at partnerID: String) -> Employee? {
        guard !user.isAdministrator, linkScope == nil else { return nil }
        return employments.first { $0.partnerID == partnerID && $0.active }
    }
}

/// The answer, with the reason when it is no.
public enum PermissionDecision: Sendable, Hashable {
    case allowed
    case denied(Denial)

    public var isAllowed: Bool { self == .allowed }
}

/// The one function that decides who may do what (docs/user-agreement.md §3.6–§3.8, §10). Every route of the server and every
/// store command asks it; nothing else grants access.
///
/// - A client may view, read, sign and reject only documents that name them as a signer (by phone, and by IIN
///   when both are known), and only once it is their turn for signing and rejecting.
/// - An employee acts only for partners that employ them, within the rights granted: documents they uploaded,
///   or every document of the partner with `viewAllPartnerDocuments`.
/// - An administrator administers partners, users and tariffs, and never reads document content.
/// - A blocked user may do nothing; an inactive partner's employees may only view and read.
/// - A session from a signer's SMS link may view, read, sign and reject its one document as its one signer.
/// - A partner's API key acts as an employee of its one partner with the key's rights, and never signs,
///   rejects or manages employees and keys.
public enum Permissions {
    public static func decide(
        _ principal: WorkflowPrincipal, _ action: WorkflowAction, document: Document? = nil, signers: [Signer] = [],
        partnerID: String? = nil, partner: Partner? = nil
    ) -> PermissionDecision {
        let user = principal.user
        guard user.status == .active else { return .denied(.accountBlocked) }
        if let scope = principal.linkScope {
            guard [.viewDocument, .readContent, .sign, .reject].contains(action) else { return .denied(.linkSessionCoversOneDocument) }
            guard document?.id == scope.documentID else { return .denied(.linkSessionCoversOneDocument) }
        }
        if principal.apiKeyID != nil {
            // A key is a program, not a person: it signs nothing, and a leaked key must not mint keys or staff.
            if [.sign, .reject, .signForPartner].contains(action) { return .denied(.apiKeysDoNotSign) }
            if action == .manageEmployees { return .denied(.apiKeysDoNotManageAccess) }
        }
        switch action {
        case .administerPartners, .administerUsers, .administerTariffs:
            return user.isAdministrator ? .allowed : .denied(.administratorsOnly)
        case .upload, .manageEmployees:
            guard let partnerID = partnerID ?? document?.partnerID, let employment = principal.employment(at: partnerID) else {
                return .denied(.notPartnerEmployee)
            }
            if let partner, partner.status != .active { return .denied(.partnerInactive) }
            if action == .upload { return employment.rights.contains(.upload) ? .allowed : .denied(.uploadRightNotGranted) }
            return employment.rights.contains(.manageEmployees) ? .allowed : .denied(.manageEmployeesRightNotGranted)
        default:
            break
        }
        guard let document else { return .denied(.noSuchDocument) }

        // As an employee of the document's partner.
        var employeeDecision = PermissionDecision.denied(.notPartnerEmployee)
        if let employment = principal.employment(at: document.partnerID) {
            // Whoever may sign for the partner must be able to read what they sign.
            let seesDocument =
                document.createdBy == user.id || employment.rights.contains(.viewAllPartnerDocuments)
                || employment.rights.contains(.signForPartner)
            let partnerActive = partner.map { $0.status == .active } ?? true
            switch action {
            case .viewDocument, .readContent:
                employeeDecision = seesDocument ? .allowed : .denied(.uploadedByAnotherEmployee)
            case .editDraft, .send, .cancel:
                employeeDecision =
                    !partnerActive
                    ? .denied(.partnerInactive)
                    : !seesDocument
                        ? .denied(.uploadedByAnotherEmployee)
                        : employment.rights.contains(.send) ? .allowed : .denied(.sendRightNotGranted)
            case .signForPartner:
                employeeDecision =
                    !partnerActive
                    ? .denied(.partnerInactive)
                    : employment.rights.contains(.signForPartner) ? .allowed : .denied(.signForPartnerRightNotGranted)
            default:
                employeeDecision = .denied(.employeeIsNotThisSigner)
            }
            if employeeDecision.isAllowed { return .allowed }
        }

        // As a signer named on the document.
        let named = signers.filter { $0.documentID == document.id && names(principal, $0) }
        if !named.isEmpty {
            switch action {
            case .viewDocument, .readContent:
                // A signer sees the document once it was sent to them, not while it is a draft.
                if document.status != .draft && named.contains(where: { $0.state != .waiting || document.status.isFinal }) {
                    return .allowed
                }
                return .denied(.notSentToYouYet)
            case .sign, .reject:
                return named.contains { $0.state.isAwaitingSignature } && document.status == .pending ? .allowed : .denied(.notYourTurn)
            default:
                return .denied(.signerMayOnlyViewSignOrReject)
            }
        }
        if principal.linkScope != nil { return .denied(.linkSessionCoversOneSigner) }
        if user.isAdministrator && (action == .viewDocument || action == .readContent) {
            return .denied(.administratorsDoNotReadDocuments)
        }
        return employeeDecision
    }

    /// Whether `signer` is this principal: a person's slot named with the principal's phone (and IIN, once an
    /// EDS proved the principal's), and, for a link session, the link's own signer.
    public static func names(_ principal: WorkflowPrincipal, _ signer: Signer) -> Bool {
        let user = principal.user
        // A key carries its maker's phone for the record; it is not that person.
        guard principal.apiKeyID == nil else { return false }
        guard signer.party == .person, signer.phone == user.phone, user.iin == nil || signer.iin == user.iin else { return false }
        return principal.linkScope.map { $0.signerID == signer.id } ?? true
    }
}
