import Foundation
import Hummingbird
import SenimWorkflow

/// The platform's cookies, named in one place and read and written with Hummingbird's `request.cookies` and
/// `Cookie`: the session (`HttpOnly; SameSite=Lax`), the CSRF binding and the chosen language. When the
/// platform is reached over https (its public URL says so, also behind a TLS proxy on loopback) every cookie
/// is `Secure` and carries the `__Host-` prefix, which browsers accept only from a secure origin, for the
/// whole host, on path `/` (RFC 6265bis §4.1.3.2): no sibling subdomain can plant or overwrite one.
struct PlatformCookies: Sendable {
    let secure: Bool

    init(secure: Bool) { self.secure = secure }

    var sessionName: String { name("senimkey_session") }
    var csrfName: String { name("senimkey_csrf") }
    var languageName: String { name("senimkey_lang") }

    private func name(_ base: String) -> String { secure ? "__Host-" + base : base }

    func session(in request: Request) -> String? { request.cookies[sessionName]?.value }

    /// A cookie for the whole host; `maxAge` nil: for the browser session.
    func cookie(_ name: String, _ value: String, maxAge: Int?, httpOnly: Bool = true) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: httpOnly, sameSite: .lax)
    }

    /// The cookie that hands a session to the browser for as long as the session lives.
    func sessionCookie(_ grant: SessionGrant) -> Cookie {
        cookie(sessionName, grant.token, maxAge: max(0, Int(grant.session.expiresAt.timeIntervalSince(grant.session.createdAt))))
    }

    /// The cookie that removes the session cookie (logout).
    var endedSession: Cookie { cookie(sessionName, "", maxAge: 0) }
}
