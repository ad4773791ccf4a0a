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

/// Who asks: a logged-in user and the partners they work for.
public struct WorkflowPrincipal: Sendable, Hashable {
    public var user: User
    public var employments: [Employee]

    public init(user: User, employments: [Employee] = []) {
        self.user = user
        self.employments = employments
    }

    func employment(at partnerID: String) -> Employee? {
        employments.first { $0.partnerID == partnerID && $0.active }
    }
}

/// The answer, with the reason when it is no.
public enum PermissionDecision: Sendable, Hashable {
    case allowed
    case denied(String)

    public var isAllowed: Bool { self == .allowed }
}

/// The one function that decides who may do what (agreement §3, §10). Every route of the server and every
/// store command asks it; nothing else grants access.
///
/// - A client may view, read, sign and reject only documents that name them as a signer (by phone, and by IIN
///   when both are known), and only once it is their turn for signing and rejecting.
/// - An employee acts only for partners that employ them, within the rights granted: documents they uploaded,
///   or every document of the partner with `viewAllPartnerDocuments`.
/// - An administrator administers partners, users and tariffs, and never reads document content.
/// - A blocked user may do nothing; an inactive partner's employees may only view and read.
public enum Permissions {
    public static func decide(_ principal: WorkflowPrincipal, _ action: WorkflowAction, document: Document? = nil, signers: [Signer] = [],
                              partnerID: String? = nil, partner: Partner? = nil) -> PermissionDecision {
        let user = principal.user
        guard user.status == .active else { return .denied("the account is blocked") }
        switch action {
        case .administerPartners, .administerUsers, .administerTariffs:
            return user.isAdministrator ? .allowed : .denied("only a platform administrator may do this")
        case .upload, .manageEmployees:
            guard let partnerID = partnerID ?? document?.partnerID, let employment = principal.employment(at: partnerID) else {
                return .denied("not an employee of this partner")
            }
            if let partner, partner.status != .active { return .denied("the partner is inactive") }
            let right: EmployeeRights = action == .upload ? .upload : .manageEmployees
            return employment.rights.contains(right) ? .allowed : .denied("the partner did not grant the \(action.rawValue) right")
        default:
            break
        }
        guard let document else { return .denied("no such document") }

        // As an employee of the document's partner.
        var employeeDecision = PermissionDecision.denied("not an employee of this document's partner")
        if let employment = principal.employment(at: document.partnerID) {
            let seesDocument = document.createdBy == user.id || employment.rights.contains(.viewAllPartnerDocuments)
            let partnerActive = partner.map { $0.status == .active } ?? true
            switch action {
            case .viewDocument, .readContent:
                employeeDecision = seesDocument ? .allowed : .denied("the document was uploaded by another employee")
            case .editDraft, .send, .cancel:
                employeeDecision = !partnerActive ? .denied("the partner is inactive")
                    : seesDocument && employment.rights.contains(.send) ? .allowed : .denied("the partner did not grant the send right for this document")
            case .signForPartner:
                employeeDecision = !partnerActive ? .denied("the partner is inactive")
                    : employment.rights.contains(.signForPartner) ? .allowed : .denied("the partner did not grant the right to sign for it")
            default:
                employeeDecision = .denied("an employee does not \(action.rawValue) as a client")
            }
            if employeeDecision.isAllowed { return .allowed }
        }

        // As a signer named on the document.
        let named = signers.filter { $0.documentID == document.id && $0.party == .person && $0.phone == user.phone && (user.iin == nil || $0.iin == user.iin) }
        if !named.isEmpty {
            switch action {
            case .viewDocument, .readContent:
                // A signer sees the document once it was sent to them, not while it is a draft.
                if document.status != .draft && named.contains(where: { $0.state != .waiting || document.status.isFinal }) { return .allowed }
                return .denied("the document has not been sent to you yet")
            case .sign, .reject:
                return named.contains { $0.state.isAwaitingSignature } && document.status == .pending ? .allowed : .denied("it is not your turn to sign")
            default:
                return .denied("a signer may only view, sign or reject their document")
            }
        }
        if user.isAdministrator && (action == .viewDocument || action == .readContent) {
            return .denied("administrators do not read documents")
        }
        return employeeDecision
    }
}
