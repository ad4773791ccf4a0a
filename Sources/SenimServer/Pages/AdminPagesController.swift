import Foundation
import Hummingbird
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// The Company's administration: partners (activate, deactivate, add), users (block, restore), tariff
/// packages (issue, deactivate), and the administration audit chain, newest first.
struct AdminPagesController: PageController {
    let platform: SenimPlatform
    let renderer: PageRenderer

    var engine: WorkflowEngine { platform.engine }

    func addRoutes(to pages: PageRouter) {
        pages.get("/admin", overview)
        pages.post("/admin/partners", registerPartner)
        pages.post("/admin/partners/:partnerID/manager", appointManager)
        pages.post("/admin/partners/:partnerID/status", setPartnerStatus)
        pages.post("/admin/users/:userID/status", setUserStatus)
        pages.post("/admin/tariffs", issueTariff)
        pages.post("/admin/tariffs/:tariffID", changeTariff)
    }

    func administrator(_ context: PlatformRequestContext) throws(APIError) -> WorkflowPrincipal {
        let principal = try context.principal()
        guard principal.user.isAdministrator else { throw APIError(.permissionDenied(.administratorsOnly)) }
        return principal
    }

    @Sendable func overview(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        _ = try administrator(context)
        let t = PageStrings.table(renderer.language(of: request))
        let language = renderer.language(of: request)
        let partners = try await engine.partners()
        let users = try await engine.users()
        let names = Dictionary(partners.map { ($0.id, $0.organisation) }, uniquingKeysWith: { first, _ in first })
        // Each identifier in an event's target said as a person reads it: an organisation, a masked phone.
        let readable = names.merging(users.map { ($0.id, $0.phone.masked) }, uniquingKeysWith: { first, _ in first })
        let audit = try await engine.auditLog(ofDocument: WorkflowEngine.administrationLog).suffix(100).reversed().map {
            chained -> [String: Any] in
            var action = ""
            var target = ""
            if case .administrative(let what, let whom) = chained.event.action {
                action = AdministrativeAction(recorded: what).map { UserMessages.administrative($0)[language] } ?? what
                target = AdministrativeAction.identifiers(inTarget: whom).map { readable[$0] ?? $0 }.joined(separator: ", ")
            }
            return [
                "time": PageValues.date(chained.event.time),
                "actor": chained.event.actor.phoneMasked ?? UserMessages.role(chained.event.actor.role)[language],
                "action": action, "target": target,
            ]
        }
        return renderer.render(
            "admin", title: .adminTitle, request: request, context: context,
            values: [
                "partners": partners.map { partner -> [String: Any] in
                    let active = partner.status == .active
                    return [
                        "id": partner.id, "organisation": partner.organisation, "bin": partner.bin.digits,
                        "status": t[prefix: "partnerStatus", value: partner.status.rawValue] ?? "",
                        "toggleStatus": active ? "inactive" : "active", "toggleLabel": t[active ? .deactivate : .activate],
                    ]
                },
                "users": users.map { user -> [String: Any] in
                    let active = user.status == .active
                    return [
                        "id": user.id, "phone": user.phone.masked, "status": t[prefix: "userStatus", value: user.status.rawValue] ?? "",
                        "toggleStatus": active ? "blocked" : "active",
                        "toggleLabel": t[active ? .block : .restore],
                    ]
                },
                "tariffs": try await engine.allTariffPackages().map { tariff -> [String: Any] in
                    [
                        "id": tariff.id, "partner": names[tariff.partnerID] ?? tariff.partnerID, "usesTotal": tariff.usesTotal,
                        "usesLeft": tariff.usesLeft,
                        "validUntil": PageValues.date(tariff.validUntil), "active": tariff.active,
                        "deactivateLabel": t[.deactivate],
                    ]
                },
                "audit": audit, "script": "app.js",
            ])
    }

    @Sendable func registerPartner(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        _ = try await platform.registerPartner(
            bin: (form.value("bin") ?? "").trimmingCharacters(in: .whitespaces), organisation: form.value("organisation") ?? "",
            by: try administrator(context), client: context.client)
        return PageRenderer.redirect("/admin")
    }

    /// A new partner cannot start without its first manager: the administrator appoints one (never themselves;
    /// the rule is `SenimPlatform.grant`'s, the same as the API's).
    @Sendable func appointManager(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let principal = try administrator(context)
        let surname = form.value("surname").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let name = form.value("name").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        _ = try await platform.grant(
            .all, to: try phoneNumber(form.value("phone") ?? ""), surname: surname, name: name,
            at: try request.parameter("partnerID", context), by: principal, client: context.client)
        return PageRenderer.redirect("/admin")
    }

    @Sendable func setPartnerStatus(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let principal = try administrator(context)
        guard let status = form.value("status").flatMap(Partner.Status.init(rawValue:)),
            try await platform.setStatus(
                ofPartner: try request.parameter("partnerID", context), to: status, by: principal, client: context.client) != nil
        else { throw APIError(.notFound) }
        return PageRenderer.redirect("/admin")
    }

    @Sendable func setUserStatus(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let principal = try administrator(context)
        guard let status = form.value("status").flatMap(User.Status.init(rawValue:)),
            try await platform.setStatus(
                ofUser: try request.parameter("userID", context), to: status, by: principal, client: context.client) != nil
        else { throw APIError(.notFound) }
        return PageRenderer.redirect("/admin")
    }

    @Sendable func issueTariff(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let principal = try administrator(context)
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "Asia/Almaty")
        day.dateFormat = "yyyy-MM-dd"
        guard let partnerID = form.value("partnerID"), let uses = form.value("usesTotal").flatMap(Int.init),
            let from = form.value("validFrom").flatMap(day.date(from:)), let until = form.value("validUntil").flatMap(day.date(from:))
        else {
            throw APIError(.badRequest(.tariffFormIncomplete))
        }
        _ = try await platform.issueTariff(
            partnerID: partnerID, usesTotal: uses, validFrom: from, validUntil: until, by: principal, client: context.client)
        return PageRenderer.redirect("/admin")
    }

    @Sendable func changeTariff(_ request: Request, context: PlatformRequestContext, form: FormBody) async throws -> Response {
        let principal = try administrator(context)
        guard
            try await platform.changeTariff(
                id: try request.parameter("tariffID", context), active: form.value("active").map { $0 == "1" },
                by: principal, client: context.client) != nil
        else { throw APIError(.notFound) }
        return PageRenderer.redirect("/admin")
    }
}
