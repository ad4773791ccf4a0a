import Foundation
import Hummingbird
import SenimWorkflow

/// The platform's cookies, named, read and written in one place: the session (`HttpOnly; SameSite=Lax`), the
/// CSRF binding and the chosen language. When the platform is reached over https (its public URL says so,
/// also behind a TLS proxy on loopback) every cookie is `Secure` and carries the `__Host-` prefix, which
/// browsers accept only from a secure origin, for the whole host, on path `/` (RFC 6265bis §4.1.3.2): no
/// sibling subdomain can plant or overwrite one.
struct Cookies: Sendable {
    let secure: Bool

    init(secure: Bool) { self.secure = secure }

    var sessionName: String { name("senimkey_session") }
    var csrfName: String { name("senimkey_csrf") }
    var languageName: String { name("senimkey_lang") }

    private func name(_ base: String) -> String { secure ? "__Host-" + base : base }

    /// A cookie's value from the request's `Cookie` headers.
    static func value(_ name: String, in request: Request) -> String? {
        for cookie in request.headers[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let pair = cookie.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == name { return pair[1] }
        }
        return nil
    }

    func session(in request: Request) -> String? { Self.value(sessionName, in: request) }

    /// A `Set-Cookie` value; `maxAge` nil: for the browser session.
    func setCookie(_ name: String, _ value: String, maxAge: Int?, httpOnly: Bool = true) -> String {
        var parts = ["\(name)=\(value)", "Path=/"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if httpOnly { parts.append("HttpOnly") }
        parts.append("SameSite=Lax")
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// The `Set-Cookie` value that hands a session to the browser for as long as the session lives.
    func sessionCookie(_ grant: SessionGrant) -> String {
        setCookie(sessionName, grant.token, maxAge: max(0, Int(grant.session.expiresAt.timeIntervalSince(grant.session.createdAt))))
    }

    /// The `Set-Cookie` value that removes the session cookie (logout).
    var endedSession: String { setCookie(sessionName, "", maxAge: 0) }
}
