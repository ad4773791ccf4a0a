import HTTPTypes
import Foundation
import Hummingbird
import Mustache
import NIOCore
import SenimCrypto

/// The page templates (`Resources/pages/*.mustache`, swift-mustache) and what every page answer carries:
/// the language table, the language switch, the CSRF token, and the headers that keep a page to itself
/// (Content-Security-Policy without inline scripts or other origins, no framing, no referrer, so a signer's
/// link never leaks to another site).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let names: [String]
    /// Cookies carry `Secure` except on loopback (a developer's machine, tests).
    let secureCookies: Bool

    static let csrfCookie = "senimkey_csrf"
    static let languageCookie = "senimkey_lang"
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self' wss://127.0.0.1:13579; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

    init(secureCookies: Bool) throws {
        self.secureCookies = secureCookies
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("pages") else { throw APIError(.unavailable("page templates missing")) }
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
    func render(_ template: String, title: PageKey, request: Request, context: PlatformRequestContext, values: [String: Any],
                status: HTTPResponse.Status = .ok) -> Response {
        let language = Self.language(of: request)
        let strings = PageStrings.table(language)
        let (csrf, newCookie) = Self.csrfToken(of: request, secure: secureCookies)
        var all: [String: Any] = [
            "t": strings, "lang": language.rawValue, "title": strings[title.rawValue] ?? "", "csrf": csrf,
            "languages": UserLanguage.allCases.map { ["code": $0.rawValue, "name": PageStrings.table($0)["languageName"] ?? $0.rawValue, "current": $0 == language] },
        ]
        if let principal = context.authenticated?.principal, context.authenticated?.session.scope == nil {
            all["user"] = ["isEmployee": !principal.employments.isEmpty, "isAdministrator": principal.user.isAdministrator]
        }
        for (key, value) in values { all[key] = value }
        let html = library.render(all, withTemplate: template) ?? "template \(template) missing"
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        if let newCookie { headers.append(HTTPField(name: .setCookie, value: newCookie)) }
        if let chosen = request.uri.queryParameters["lang"].flatMap({ UserLanguage(rawValue: String($0)) }) {
            headers.append(HTTPField(name: .setCookie, value: "\(Self.languageCookie)=\(chosen.rawValue); Path=/; Max-Age=31536000; SameSite=Lax\(secureCookies ? "; Secure" : "")"))
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
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

    static func language(of request: Request) -> UserLanguage {
        if let chosen = request.uri.queryParameters["lang"].flatMap({ UserLanguage(rawValue: String($0)) }) { return chosen }
        if let cookie = Cookies.value(languageCookie, in: request).flatMap(UserLanguage.init(rawValue:)) { return cookie }
        return UserLanguage(acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The CSRF token: the cookie's value, or a new one with its `Set-Cookie` (HttpOnly, SameSite=Lax).
    static func csrfToken(of request: Request, secure: Bool) -> (String, String?) {
        if let existing = Cookies.value(csrfCookie, in: request), existing.count >= 32 { return (existing, nil) }
        let token = (try? Base64URL.randomToken()) ?? UUID().uuidString
        return (token, "\(csrfCookie)=\(token); Path=/; HttpOnly; SameSite=Lax\(secure ? "; Secure" : "")")
    }

    /// A form post carries the cookie's token in its `csrf` field (double submit; SameSite=Lax keeps the cookie
    /// off cross-site posts as well).
    static func checkCSRF(_ form: FormBody, request: Request) throws(APIError) {
        guard let cookie = Cookies.value(csrfCookie, in: request), let field = form.value("csrf"),
              MessageAuthentication.constantTimeEquals(Array(cookie.utf8), Array(field.utf8)) else {
            throw APIError(.permissionDenied("the form expired; reload the page"))
        }
    }

    /// A 303 to another page (post/redirect/get), with cookies to set.
    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}
