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
        let reads = NamedReads([.user: UsersTable.select(id: employee.userID)])
        try await administer(by: administrator, client: client, at: time, reads: reads, description: description) { rows in
            guard let row = rows[.user].first else { throw WorkflowError.notAuthenticated }
            if try UsersTable.decode(row).isAdministrator { throw WorkflowError.permissionDenied(.administratorCannotBeEmployee) }
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
        let reads = NamedReads([.tariff: TariffPackagesTable.select(id: id, forUpdate: store.dialect.forUpdate)])
        let changed: TariffPackage? = try await administer(by: principal, client: client, at: time, reads: reads, description: nil) {
            rows in
            guard let row = rows[.tariff].first else { return ([], nil, nil) }
            var tariff = try TariffPackagesTable.decode(row)
            var columns: [(TariffPackagesTable.Columns, SQLValue)] = []
            if let usesTotal {
                guard usesTotal >= tariff.usesUsed + tariff.usesReserved else {
                    throw WorkflowError.invalidInput(.fewerUsesThanUsedOrReserved)
                }
                tariff.usesTotal = usesTotal
                columns.append((.usesTotal, SQLValue(usesTotal)))
            }
            if let validUntil {
                tariff.validUntil = validUntil
                columns.append((.validUntil, SQLValue(validUntil)))
            }
            if let active {
                tariff.active = active
                columns.append((.active, SQLValue(active)))
            }
            guard !columns.isEmpty else { return ([], tariff, nil) }
            return ([TariffPackagesTable.update(id: id, columns)], tariff, AdministrativeChange.tariff(tariff).statement.1)
        }
        return changed
    }

    /// One administrative transaction: `plan` decides its writes from `reads`, and its event joins the
    /// administration chain with the actor who made it.
    private func administer(
        by principal: WorkflowPrincipal?, client: ClientContext, at time: Date, reads: NamedReads = NamedReads(),
        description: (action: AdministrativeAction, target: String)?,
        plan: @escaping @Sendable (ReadRows) throws -> [SQLStatement]
    ) async throws {
        let _: Void? = try await administer(by: principal, client: client, at: time, reads: reads, description: description) { rows in
            (try plan(rows), (), nil)
        }
    }

    func administer<Answer: Sendable>(
        by principal: WorkflowPrincipal?, client: ClientContext, at time: Date, reads: NamedReads,
        description: (action: AdministrativeAction, target: String)?,
        plan:
            @escaping @Sendable (ReadRows) throws -> (
                writes: [SQLStatement], answer: Answer?, description: (action: AdministrativeAction, target: String)?
            )
    ) async throws -> Answer? {
        let role: AuditActor.Role = principal.map { $0.user.isAdministrator ? .administrator : .partnerEmployee } ?? .platform
        let actor = AuditActor(userID: principal?.user.id, role: role, phoneMasked: principal?.user.phone.masked)
        let chainReads = ChainReads.reads(chainID: Self.administrationLog, forUpdate: store.dialect.forUpdate)
        let answer: Answer? = try await store.transaction(reads + chainReads) { rows in
            let planned = try plan(rows)
            guard let event = planned.description ?? (planned.writes.isEmpty ? nil : description) else {
                return (planned.writes, planned.answer)
            }
            let audit = try AuditAppend(rows)
            let appended = try audit.statements(
                for: [.administrative(action: event.action.recorded, target: event.target)],
                documentID: Self.administrationLog, document: nil, actor: actor, client: client, at: time)
            return (planned.writes + appended.writes, planned.answer)
        }
        // A block, a new right or an inactive partner changes what cached sessions and documents may do, here and
        // (announced on the user's or the partner's channel) on every other node.
        caches.principalsChanged(description?.action.cacheKind ?? .user)
        return answer
    }
}

/// One administrative change, as a value.
public enum AdministrativeChange: Sendable {
    case user(User)
    case partner(Partner)
    case employee(Employee)
    case tariff(TariffPackage)

    /// The write, and the event on record: the action as a value (the chain holds its ``AdministrativeAction/recorded``
    /// text) and the target it names.
    var statement: (SQLStatement, (action: AdministrativeAction, target: String)) {
        switch self {
        case .user(let user): return (UsersTable.upsert(user), (.userStatus(user.status), user.id))
        case .partner(let partner):
            return (PartnersTable.upsert(partner), (.partnerStatus(partner.status), "\(partner.id) BIN \(partner.bin.digits)"))
        case .employee(let employee):
            return (EmployeesTable.upsert(employee), (.employeeRights(employee.rights), "\(employee.partnerID)/\(employee.userID)"))
        case .tariff(let tariff):
            return (
                TariffPackagesTable.upsert(tariff),
                (.tariff(active: tariff.active, uses: tariff.usesTotal), "\(tariff.id) of \(tariff.partnerID)")
            )
        }
    }
}
