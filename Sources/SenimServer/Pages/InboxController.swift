import Foundation
import Hummingbird
import SenimWorkflow

/// "My documents": every phone login's list of the documents that name the person as a signer, with who sent each,
/// its status and what it awaits from them; each line opens the signer's page (the document, signing, the
/// downloads once it is final). Employees and administrators have it too: a manager is also someone's signer.
struct InboxController: PageController {
    let platform: SenimPlatform
    let renderer: PageRenderer

    func addRoutes(to pages: PageRouter) {
        pages.get("/documents", inbox)
    }

    @Sendable func inbox(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        guard context.authenticated != nil else { return PageRenderer.redirect("/login?next=/documents") }
        let principal = try context.principal()
        let t = PageStrings.table(renderer.language(of: request))
        let entries: [[String: Any]] = try await platform.engine.inbox(of: principal).map { entry in
            [
                "documentID": entry.document.id, "signerID": entry.signer.id, "fileName": entry.document.fileName,
                "sender": entry.partner?.organisation ?? "", "bin": entry.partner?.bin.digits ?? "",
                "status": entry.document.status.rawValue,
                "statusLabel": t[prefix: "status", value: entry.document.status.rawValue] ?? "",
                "awaited": entry.awaited.rawValue, "awaitedLabel": t[prefix: "awaited", value: entry.awaited.rawValue] ?? "",
                "created": PageValues.date(entry.document.createdAt),
            ]
        }
        return renderer.render("inbox", title: .inboxTitle, request: request, context: context, values: ["entries": entries])
    }

    /// Where a person lands after logging in: the page they were sent from when it is one of ours (a signer's
    /// page or this list; never another site), else their home.
    static func landing(after next: String?, for principal: WorkflowPrincipal) -> String {
        if let next = ownPage(next) { return next }
        if !principal.employments.isEmpty { return "/cabinet" }
        return principal.user.isAdministrator ? "/admin" : "/documents"
    }

    /// `path` when it is one of our own pages to return to after a login (``isOwnPage(_:)``), else nil.
    static func ownPage(_ path: String?) -> String? {
        path.flatMap { isOwnPage($0) ? $0 : nil }
    }

    /// `/documents` or `/sign/{documentID}/{signerID}` with identifier characters only: an absolute URL, `//host`,
    /// a backslash or an encoded character can never make the login an open redirect.
    static func isOwnPage(_ path: String) -> Bool {
        if path == "/documents" { return true }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let identifier = { (part: Substring) in
            !part.isEmpty && part.count <= 64 && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
        return parts.count == 4 && parts[0].isEmpty && parts[1] == "sign" && identifier(parts[2]) && identifier(parts[3])
    }
}
