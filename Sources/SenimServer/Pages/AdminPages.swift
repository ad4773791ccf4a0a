import Foundation
import Hummingbird
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// The Company's administration: partners (activate, deactivate, add), users (block, restore), tariff
/// packages (issue, deactivate), and the administration audit chain, newest first.
enum AdminPages {
    static func register(_ pages: PageRouter) {
        let platform = pages.platform, renderer = pages.renderer, engine = platform.engine
        @Sendable func administrator(_ context: PlatformRequestContext) throws(APIError) -> WorkflowPrincipal {
            let principal = try context.principal()
            guard principal.user.isAdministrator, context.authenticated?.session.scope == nil else { throw APIError(.permissionDenied("only a platform administrator may do this")) }
            return principal
        }

        pages.get("/admin") { request, context in
            _ = try administrator(context)
            let t = PageStrings.table(PageRenderer.language(of: request))
            let partners = try await engine.partners()
            let names = Dictionary(partners.map { ($0.id, $0.organisation) }, uniquingKeysWith: { first, _ in first })
            let audit = try await engine.auditLog(ofDocument: WorkflowEngine.administrationLog).suffix(100).reversed().map { chained -> [String: Any] in
                var action = "", target = ""
                if case .administrative(let what, let whom) = chained.event.action { (action, target) = (what, whom) }
                return ["time": PageValues.date(chained.event.time), "actor": chained.event.actor.phoneMasked ?? chained.event.actor.role.rawValue,
                        "action": action, "target": target]
            }
            return renderer.render("admin", title: .adminTitle, request: request, context: context, values: [
                "partners": partners.map { partner -> [String: Any] in
                    let active = partner.status == .active
                    return ["id": partner.id, "organisation": partner.organisation, "bin": partner.bin.digits, "status": partner.status.rawValue,
                            "toggleStatus": active ? "inactive" : "active", "toggleLabel": t[active ? "deactivate" : "activate"] ?? ""]
                },
                "users": try await engine.users().map { user -> [String: Any] in
                    let active = user.status == .active
                    return ["id": user.id, "phone": user.phone.masked, "status": user.status.rawValue, "toggleStatus": active ? "blocked" : "active",
                            "toggleLabel": t[active ? "block" : "restore"] ?? ""]
                },
                "tariffs": try await engine.allTariffPackages().map { tariff -> [String: Any] in
                    ["id": tariff.id, "partner": names[tariff.partnerID] ?? tariff.partnerID, "usesTotal": tariff.usesTotal, "usesLeft": tariff.usesLeft,
                     "validUntil": PageValues.date(tariff.validUntil), "active": tariff.active, "deactivateLabel": t["deactivate"] ?? ""]
                },
                "audit": audit,
            ])
        }
        pages.post("/admin/partners") { request, context, form in
            let principal = try administrator(context)
            let digits = (form.value("bin") ?? "").trimmingCharacters(in: .whitespaces)
            guard let bin = KazakhIdentifier(digits, kind: .bin), platform.configuration.rules.accepts(bin) else { throw APIError(.badRequest("\(digits) is not a valid BIN")) }
            let organisation = (form.value("organisation") ?? "").trimmingCharacters(in: .whitespaces)
            guard !organisation.isEmpty else { throw APIError(.badRequest("the organisation needs a name")) }
            try await engine.save(.partner(Partner(id: newIdentifier("p"), bin: bin, organisation: organisation, createdAt: platform.now)), by: principal,
                                  client: context.client, at: platform.now)
            return PageRenderer.redirect("/admin")
        }
        pages.post("/admin/partners/:partnerID/status") { request, context, form in
            let principal = try administrator(context)
            guard var partner = try await engine.partner(id: try request.parameter("partnerID", context)),
                  let status = form.value("status").flatMap(Partner.Status.init(rawValue:)) else { throw APIError(.notFound) }
            partner.status = status
            try await engine.save(.partner(partner), by: principal, client: context.client, at: platform.now)
            return PageRenderer.redirect("/admin")
        }
        pages.post("/admin/users/:userID/status") { request, context, form in
            let principal = try administrator(context)
            guard var user = try await engine.principal(userID: try request.parameter("userID", context))?.user,
                  let status = form.value("status").flatMap(User.Status.init(rawValue:)) else { throw APIError(.notFound) }
            user.status = status
            try await engine.save(.user(user), by: principal, client: context.client, at: platform.now)
            return PageRenderer.redirect("/admin")
        }
        pages.post("/admin/tariffs") { request, context, form in
            let principal = try administrator(context)
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX")
            day.timeZone = TimeZone(identifier: "Asia/Almaty")
            day.dateFormat = "yyyy-MM-dd"
            guard let partnerID = form.value("partnerID"), try await engine.partner(id: partnerID) != nil,
                  let uses = form.value("usesTotal").flatMap(Int.init), uses > 0,
                  let from = form.value("validFrom").flatMap(day.date(from:)), let until = form.value("validUntil").flatMap(day.date(from:)), until > from else {
                throw APIError(.badRequest("a package needs a partner, uses and a validity period"))
            }
            try await engine.save(.tariff(TariffPackage(id: newIdentifier("t"), partnerID: partnerID, usesTotal: uses, validFrom: from, validUntil: until)),
                                  by: principal, client: context.client, at: platform.now)
            return PageRenderer.redirect("/admin")
        }
        pages.post("/admin/tariffs/:tariffID") { request, context, form in
            let principal = try administrator(context)
            guard var tariff = try await engine.tariffPackage(id: try request.parameter("tariffID", context)) else { throw APIError(.notFound) }
            if let active = form.value("active") { tariff.active = active == "1" }
            try await engine.save(.tariff(tariff), by: principal, client: context.client, at: platform.now)
            return PageRenderer.redirect("/admin")
        }
    }
}
