import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import SenimCrypto
import SenimEvidence

/// The page templates (`Resources/pages/*.mustache`, swift-mustache) and what every page answer carries:
/// the language table, the language switch, the CSRF token, and the headers that keep a page to itself
/// (Content-Security-Policy without inline scripts or other origins, no framing, no referrer, so a signer's
/// link never leaks to another site).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let names: [String]
    let cookies: PlatformCookies
    /// Binds each CSRF token to the browser's CSRF cookie and its session (HMAC), so a token is worth nothing
    /// in another browser or session, and a cookie planted by someone else makes no valid token.
    let csrfKey: [UInt8]
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self' wss://127.0.0.1:13579; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; "
        + "base-uri 'none'; object-src 'none'"

    init(cookies: PlatformCookies, csrfKey: [UInt8]) throws {
        self.cookies = cookies
        self.csrfKey = csrfKey
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("pages") else {
            throw APIError(.unavailable("page templates missing"))
        }
        var templates: [String: MustacheTemplate] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        library = MustacheLibrary(templates: templates)
        names = templates.keys.sorted()
    }

    /// The template names and the `t.key` each uses (for the test that every key has a text).
    static func templateKeys() throws -> [String: Set<String>] {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("pages") else { return [:] }
        var keys: [String: Set<String>] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let regex = try NSRegularExpression(pattern: #"\{\{\s*t\.([A-Za-z_]+)\s*\}\}"#)
            let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
            keys[name] = Set(matches.compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
        }
        return keys
    }

    /// The page for a request: its language (`?lang=`, then the cookie, then `Accept-Language`), its CSRF
    /// token (the double-submit cookie, made on first sight), and the page's own values.
    func render(
        _ template: String, title: PageKey, request: Request, context: PlatformRequestContext, values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = language(of: request)
        let strings = PageStrings.table(language)
        let (csrf, newCookie) = csrfToken(of: request)
        var all: [String: Any] = [
            "t": strings.templateValues, "lang": language.rawValue, "title": strings[title], "csrf": csrf,
            "languages": Language.allCases.map {
                ["code": $0.rawValue, "name": PageStrings.table($0)[.languageName], "current": $0 == language]
            },
        ]
        if let principal = context.authenticated?.principal, context.authenticated?.session.scope == nil {
            all["user"] = ["isEmployee": !principal.employments.isEmpty, "isAdministrator": principal.user.isAdministrator]
        }
        for (key, value) in values { all[key] = value }
        let html = library.render(all, withTemplate: template) ?? "template \(template) missing"
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        var response = Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        if let newCookie { response.setCookie(newCookie) }
        if let chosen = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) {
            response.setCookie(cookies.cookie(cookies.languageName, chosen.rawValue, maxAge: 31_536_000, httpOnly: false))
        }
        return response
    }

    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[.cacheControl] = "no-store"
        return headers
    }

    func language(of request: Request) -> Language {
        if let chosen = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return chosen }
        if let cookie = request.cookies[cookies.languageName].flatMap({ Language(rawValue: $0.value) }) { return cookie }
        return Language(acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The CSRF token of this browser and session: HMAC(key, binding cookie ‖ session token). The binding
    /// cookie is random and made on first sight (with its `Set-Cookie`).
    func csrfToken(of request: Request) -> (String, Cookie?) {
        if let binding = request.cookies[cookies.csrfName]?.value, binding.count >= 32 {
            return (token(binding: binding, request: request), nil)
        }
        let binding = (try? RandomToken.secret.make()) ?? UUID().uuidString + UUID().uuidString
        return (token(binding: binding, request: request), cookies.cookie(cookies.csrfName, binding, maxAge: nil))
    }

    private func token(binding: String, request: Request) -> String {
        let session = cookies.session(in: request) ?? ""
        let mac = (try? MessageAuthentication.hmac(.sha256, key: csrfKey, message: Array("\(binding)|\(session)".utf8))) ?? []
        return Base64URL.encode(mac)
    }

    /// A form's token (its `csrf` field, or for an upload the `csrf` query of the form's action, which is
    /// checked before the body is read) must be this browser's and session's.
    func checkCSRF(_ presented: String?, request: Request) throws(APIError) {
        guard let binding = request.cookies[cookies.csrfName]?.value, binding.count >= 32, let presented,
            MessageAuthentication.constantTimeEquals(Array(token(binding: binding, request: request).utf8), Array(presented.utf8))
        else {
            throw APIError(.permissionDenied(.formExpired))
        }
    }

    /// A 303 to another page (post/redirect/get), with cookies to set.
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        var response = Response(status: .seeOther, headers: headers)
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }
}
