import Foundation
import SenimEvidence

extension WorkflowEngine {
    /// The audit chain of platform administration (partners, users, tariffs, employees): not about a document,
    /// so its events carry no document digests.
    public static let administrationLog = "platform-administration"

    /// Registers or updates a user, a partner, an employee or a tariff package, with its audit event in the same
    /// transaction. `by` nil is the platform's own set-up (first administrator, tests).
    public func save(_ change: AdministrativeChange, by principal: WorkflowPrincipal?, client: ClientContext, at time: Date = Date()) async throws {
        if let principal {
            let decision: PermissionDecision
            switch change {
            case .user: decision = Permissions.decide(principal, .administerUsers)
            case .partner: decision = Permissions.decide(principal, .administerPartners)
            case .tariff: decision = Permissions.decide(principal, .administerTariffs)
            case .employee(let employee): decision = Permissions.decide(principal, .manageEmployees, partnerID: employee.partnerID)
            }
            if case .denied(let why) = decision { throw WorkflowError.permissionDenied(why) }
        }
        let (write, description) = change.statement
        let actor = AuditActor(userID: principal?.user.id, role: principal?.user.isAdministrator == true ? .administrator : .platform,
                               phoneMasked: principal?.user.phone.masked)
        let _: Void = try await store.transaction(reads: AuditAppend.reads(documentID: Self.administrationLog, forUpdate: store.dialect.forUpdate)) { rows in
            let audit = try AuditAppend(headRows: rows[0], logRows: rows[1])
            let appended = try audit.statements(for: [.administrative(action: description.action, target: description.target)],
                                                documentID: Self.administrationLog, document: nil, actor: actor, client: client, at: time)
            return ([write] + appended.writes, ())
        }
        // A block, a new right or an inactive partner changes what cached sessions and documents may do.
        caches.sessions.removeAll()
        caches.documents.removeAll()
    }
}

/// One administrative change, as a value.
public enum AdministrativeChange: Sendable {
    case user(User)
    case partner(Partner)
    case employee(Employee)
    case tariff(TariffPackage)

    var statement: (SQLStatement, (action: String, target: String)) {
        switch self {
        case .user(let user): return (WorkflowRows.upsert(user), ("user \(user.status.rawValue)", user.id))
        case .partner(let partner): return (WorkflowRows.upsert(partner), ("partner \(partner.status.rawValue)", "\(partner.id) BIN \(partner.bin.digits)"))
        case .employee(let employee): return (WorkflowRows.upsert(employee), ("employee rights \(employee.rights.rawValue)", "\(employee.partnerID)/\(employee.userID)"))
        case .tariff(let tariff):
            return (WorkflowRows.upsert(tariff), ("tariff \(tariff.active ? "active" : "inactive") \(tariff.usesTotal) uses", "\(tariff.id) of \(tariff.partnerID)"))
        }
    }
}
