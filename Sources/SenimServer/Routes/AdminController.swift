import Foundation
import Hummingbird
import SenimPKI
import SenimWorkflow

/// The Company's administration (docs/user-agreement.md §3.8): partners, users, tariff packages, and a partner's employees
/// (by its managers). Every change is audited in the administration chain by the engine.
struct AdminController: APIController {
    struct PartnerBody: Codable {
        let bin: String
        let organisation: String
    }
    struct StatusBody: Codable { let status: String }
    struct TariffBody: Codable {
        let partnerID: String
        let usesTotal: Int
        let validFrom: Date
        let validUntil: Date
    }
    struct TariffChange: Codable {
        let usesTotal: Int?
        let validUntil: Date?
        let active: Bool?
    }
    struct EmployeeBody: Codable {
        let phone: String
        let surname: String?
        let name: String?
        let rights: [String]
    }

    /// The rights by their API names (the cabinet's form uses the same names).
    static let rightNames = Dictionary(uniqueKeysWithValues: EmployeeRightName.allCases.map { ($0.rawValue, $0.right) })

    let platform: SenimPlatform

    func addRoutes(to api: APIRouter) {
        api.add(
            .post, "/api/v1/admin/partners", id: "createPartner", "Register a partner by BIN (checked)", tag: "admin",
            body: .json(PartnerBody.self),
            success: (201, "Created", "application/json"), handler: createPartner)
        api.add(
            .post, "/api/v1/admin/partners/:partnerID/status", id: "setPartnerStatus", "Activate or deactivate a partner", tag: "admin",
            body: .json(StatusBody.self), handler: setPartnerStatus)
        api.add(
            .post, "/api/v1/admin/users/:userID/status", id: "setUserStatus",
            "Block or restore a user (a block ends their sessions at once)", tag: "admin", body: .json(StatusBody.self),
            handler: setUserStatus)
        api.add(
            .post, "/api/v1/admin/tariffs", id: "issueTariff", "Issue a tariff package to a partner", tag: "admin",
            body: .json(TariffBody.self),
            success: (201, "Issued", "application/json"), handler: issueTariff)
        api.add(
            .post, "/api/v1/admin/tariffs/:tariffID", id: "changeTariff", "Change or deactivate a tariff package", tag: "admin",
            body: .json(TariffChange.self), handler: changeTariff)
        api.add(
            .post, "/api/v1/partners/:partnerID/employees", id: "grantEmployee",
            "Grant an employee rights by phone (the partner's managers; an administrator appoints a partner's first manager)",
            tag: "partners", keys: true, body: .json(EmployeeBody.self), success: (201, "Granted", "application/json"),
            handler: grantEmployee)
        api.add(
            .get, "/api/v1/partners/:partnerID/tariffs", id: "listTariffs", "A partner's tariff packages and their balance",
            tag: "partners", keys: true,
            handler: listTariffs)
    }

    /// The administrator, refused before the body is read: who may not administer learns nothing of what a
    /// valid request would be.
    func administrator(_ context: PlatformRequestContext, _ action: WorkflowAction) throws(APIError) -> WorkflowPrincipal {
        let principal = try context.principal()
        if case .denied(let why) = Permissions.decide(principal, action) { throw APIError(.permissionDenied(why)) }
        return principal
    }

    @Sendable func createPartner(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<JSONBody<Partner>> {
        let principal = try administrator(context, .administerPartners)
        let body = try await request.decode(as: PartnerBody.self, context: context)
        let partner = try await platform.registerPartner(
            bin: body.bin, organisation: body.organisation, by: principal, client: context.client)
        return EditedResponse(status: .created, response: JSONBody(partner))
    }

    @Sendable func setPartnerStatus(_ request: Request, context: PlatformRequestContext) async throws -> JSONBody<Partner> {
        _ = try administrator(context, .administerPartners)
        let body = try await request.decode(as: StatusBody.self, context: context)
        let partnerID = try request.parameter("partnerID", context)
        guard let status = Partner.Status(rawValue: body.status) else {
            throw APIError(.badRequest(.unknownValue(field: "status", value: body.status, allowed: ["active", "inactive"])))
        }
        guard
            let partner = try await platform.setStatus(
                ofPartner: partnerID, to: status, by: try context.principal(), client: context.client)
        else { throw APIError(.notFound) }
        return JSONBody(partner)
    }

    @Sendable func setUserStatus(_ request: Request, context: PlatformRequestContext) async throws -> JSONBody<User> {
        _ = try administrator(context, .administerUsers)
        let body = try await request.decode(as: StatusBody.self, context: context)
        let userID = try request.parameter("userID", context)
        guard let status = User.Status(rawValue: body.status) else {
            throw APIError(.badRequest(.unknownValue(field: "status", value: body.status, allowed: ["active", "blocked"])))
        }
        guard let user = try await platform.setStatus(ofUser: userID, to: status, by: try context.principal(), client: context.client)
        else {
            throw APIError(.notFound)
        }
        return JSONBody(user)
    }

    @Sendable func issueTariff(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<JSONBody<TariffPackage>>
    {
        _ = try administrator(context, .administerTariffs)
        let body = try await request.decode(as: TariffBody.self, context: context)
        let tariff = try await platform.issueTariff(
            partnerID: body.partnerID, usesTotal: body.usesTotal, validFrom: body.validFrom, validUntil: body.validUntil,
            by: try context.principal(), client: context.client)
        return EditedResponse(status: .created, response: JSONBody(tariff))
    }

    @Sendable func changeTariff(_ request: Request, context: PlatformRequestContext) async throws -> JSONBody<TariffPackage> {
        _ = try administrator(context, .administerTariffs)
        let body = try await request.decode(as: TariffChange.self, context: context)
        guard
            let tariff = try await platform.changeTariff(
                id: try request.parameter("tariffID", context), usesTotal: body.usesTotal, validUntil: body.validUntil,
                active: body.active, by: try context.principal(), client: context.client)
        else { throw APIError(.notFound) }
        return JSONBody(tariff)
    }

    @Sendable func grantEmployee(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<JSONBody<Employee>> {
        let partnerID = try request.parameter("partnerID", context)
        let body = try await request.decode(as: EmployeeBody.self, context: context)
        let rights = try EmployeeRightName.rights(body.rights)
        let employee = try await platform.grant(
            rights, to: try phoneNumber(body.phone), surname: body.surname, name: body.name, at: partnerID, by: try context.principal(),
            client: context.client)
        return EditedResponse(status: .created, response: JSONBody(employee))
    }

    @Sendable func listTariffs(_ request: Request, context: PlatformRequestContext) async throws -> JSONBody<[TariffPackage]> {
        let principal = try context.principal()
        let partnerID = try request.parameter("partnerID", context)
        guard principal.user.isAdministrator || principal.employments.contains(where: { $0.partnerID == partnerID && $0.active }) else {
            throw APIError(.permissionDenied(.notPartnerEmployee))
        }
        return JSONBody(try await platform.engine.tariffPackages(ofPartner: partnerID))
    }
}
