import Foundation
import SenimEvidence

extension WorkflowEngine {
    /// The audit chain of platform administration (partners, users, tariffs, employees): not about a document,
    /// so its events carry no document digests.
    public static let administrationLog = "platform-administration"

    /// Registers or updates a user, a partner, an employee or a tariff package, with its audit event in the same
    /// transaction; the actor on record is whoever made the change. `by` nil is the platform's own set-up (the
    /// first administrator from `--admin-phone`, tests).
    public func save(_ change: AdministrativeChange, by principal: WorkflowPrincipal?, client: ClientContext, at time: Date = Date())
        async throws
    {
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
        try await administer(by: principal, client: client, at: time, description: description) { _ in [write] }
    }

    /// An administrator appoints a manager of a partner: the one administrative act that creates an employee.
    /// Administrators administer and never act for a partner, so no administrator account can be appointed,
    /// the appointing administrator least of all.
    public func appoint(_ employee: Employee, by administrator: WorkflowPrincipal, client: ClientContext, at time: Date = Date())
        async throws
    {
        if case .denied(let why) = Permissions.decide(administrator, .administerPartners) { throw WorkflowError.permissionDenied(why) }
        guard employee.userID != administrator.user.id else { throw WorkflowError.permissionDenied(.administratorCannotBeEmployee) }
        let (write, description) = AdministrativeChange.employee(employee).statement
        let reads = [SQLStatement("SELECT \(WorkflowRows.userColumns) FROM users WHERE id = ?", [SQLValue(employee.userID)])]
        try await administer(by: administrator, client: client, at: time, reads: reads, description: description) { rows in
            guard let row = rows[0].first else { throw WorkflowError.notAuthenticated }
            if try WorkflowRows.user(row).isAdministrator { throw WorkflowError.permissionDenied(.administratorCannotBeEmployee) }
            return [write]
        }
    }

    /// Changes a package's uses (never below what is used or reserved), its end or whether it is active, in the
    /// transaction that locks its row and writing only those columns: a use debited or reserved meanwhile is
    /// never lost. Nil when there is no such package.
    public func changeTariff(
        id: String, usesTotal: Int? = nil, validUntil: Date? = nil, active: Bool? = nil, by principal: WorkflowPrincipal,
        client: ClientContext, at time: Date = Date()
    ) async throws -> TariffPackage? {
        if case .denied(let why) = Permissions.decide(principal, .administerTariffs) { throw WorkflowError.permissionDenied(why) }
        let reads = [
            SQLStatement("SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages WHERE id = ?" + store.dialect.forUpdate, [SQLValue(id)])
        ]
        let changed: TariffPackage? = try await administer(by: principal, client: client, at: time, reads: reads, description: nil) {
            rows in
            guard let row = rows[0].first else { return ([], nil, nil) }
            var tariff = try WorkflowRows.tariff(row)
            var columns: [(String, SQLValue)] = []
            if let usesTotal {
                guard usesTotal >= tariff.usesUsed + tariff.usesReserved else {
                    throw WorkflowError.invalidInput(.fewerUsesThanUsedOrReserved)
                }
                tariff.usesTotal = usesTotal
                columns.append(("uses_total", SQLValue(usesTotal)))
            }
            if let validUntil {
                tariff.validUntil = validUntil
                columns.append(("valid_until", SQLValue(validUntil)))
            }
            if let active {
                tariff.active = active
                columns.append(("active", SQLValue(active)))
            }
            guard !columns.isEmpty else { return ([], tariff, nil) }
            let update = SQLStatement(
                "UPDATE tariff_packages SET \(columns.map { "\($0.0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                columns.map(\.1) + [SQLValue(id)])
            return ([update], tariff, AdministrativeChange.tariff(tariff).statement.1)
        }
        return changed
    }

    /// One administrative transaction: `plan` decides its writes from `reads`, and its event joins the
    /// administration chain with the actor who made it.
    private func administer(
        by principal: WorkflowPrincipal?, client: ClientContext, at time: Date, reads: [SQLStatement] = [],
        description: (action: String, target: String)?,
        plan: @escaping @Sendable ([[SQLRow]]) throws -> [SQLStatement]
    ) async throws {
        let _: Void? = try await administer(by: principal, client: client, at: time, reads: reads, description: description) { rows in
            (try plan(rows), (), nil)
        }
    }

    private func administer<Answer: Sendable>(
        by principal: WorkflowPrincipal?, client: ClientContext, at time: Date, reads: [SQLStatement],
        description: (action: String, target: String)?,
        plan:
            @escaping @Sendable ([[SQLRow]]) throws -> (
                writes: [SQLStatement], answer: Answer?, description: (action: String, target: String)?
            )
    ) async throws -> Answer? {
        let role: AuditActor.Role = principal.map { $0.user.isAdministrator ? .administrator : .partnerEmployee } ?? .platform
        let actor = AuditActor(userID: principal?.user.id, role: role, phoneMasked: principal?.user.phone.masked)
        let chainReads = AuditAppend.reads(documentID: Self.administrationLog, forUpdate: store.dialect.forUpdate)
        let answer: Answer? = try await store.transaction(reads: reads + chainReads) { rows in
            let planned = try plan(Array(rows.dropLast(2)))
            guard let event = planned.description ?? (planned.writes.isEmpty ? nil : description) else {
                return (planned.writes, planned.answer)
            }
            let audit = try AuditAppend(headRows: rows[rows.count - 2], logRows: rows[rows.count - 1])
            let appended = try audit.statements(
                for: [.administrative(action: event.action, target: event.target)],
                documentID: Self.administrationLog, document: nil, actor: actor, client: client, at: time)
            return (planned.writes + appended.writes, planned.answer)
        }
        // A block, a new right or an inactive partner changes what cached sessions and documents may do.
        caches.sessions.removeAll()
        caches.documents.removeAll()
        return answer
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
        case .user(let user): return (WorkflowRows.upsert(user), (AdministrativeAction.userStatus(user.status).recorded, user.id))
        case .partner(let partner):
            return (
                WorkflowRows.upsert(partner),
                (AdministrativeAction.partnerStatus(partner.status).recorded, "\(partner.id) BIN \(partner.bin.digits)")
            )
        case .employee(let employee):
            return (
                WorkflowRows.upsert(employee),
                (AdministrativeAction.employeeRights(employee.rights).recorded, "\(employee.partnerID)/\(employee.userID)")
            )
        case .tariff(let tariff):
            return (
                WorkflowRows.upsert(tariff),
                (AdministrativeAction.tariff(active: tariff.active, uses: tariff.usesTotal).recorded, "\(tariff.id) of \(tariff.partnerID)")
            )
        }
    }
}
