import Foundation
import Hummingbird
import SenimWorkflow

/// The platform's cookies, read and written in one place: the session (`HttpOnly; SameSite=Lax`, and `Secure`
/// except on loopback), the CSRF token and the chosen language.
enum Cookies {
    static let sessionName = "senimkey_session"

    /// A cookie's value from the request's `Cookie` headers.
    static func value(_ name: String, in request: Request) -> String? {
        for cookie in request.headers[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let pair = cookie.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == name { return pair[1] }
        }
        return nil
    }

    /// The `Set-Cookie` value that hands a session to the browser for as long as the session lives.
    static func sessionCookie(_ grant: SessionGrant, secure: Bool) -> String {
        let maxAge = max(0, Int(grant.session.expiresAt.timeIntervalSince(grant.session.createdAt)))
        return "\(sessionName)=\(grant.token); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax\(secure ? "; Secure" : "")"
    }

    /// The `Set-Cookie` value that removes the session cookie (logout).
    static let endedSession = "\(sessionName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
}
