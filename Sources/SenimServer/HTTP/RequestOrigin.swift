import HTTPTypes
import Hummingbird

/// Whether a request comes from the platform's own pages: the browser's `Sec-Fetch-Site` (Fetch Metadata)
/// when it sends one, else `Origin` equal to this site. A request with neither is not a browser's cross-site
/// request (browsers send `Origin` on every cross-site POST), so it passes on to the CSRF check.
enum RequestOrigin {
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!

    static func isSameSite(_ request: Request, publicBaseURL: String) -> Bool {
        if let site = request.headers[fetchSite]?.lowercased() { return site == "same-origin" || site == "none" }
        guard let origin = request.headers[.origin]?.lowercased() else { return true }
        if origin == Self.origin(of: publicBaseURL) { return true }
        guard let authority = request.head.authority?.lowercased() else { return false }
        return origin == "http://\(authority)" || origin == "https://\(authority)"
    }

    /// `scheme://host[:port]` of a URL.
    static func origin(of url: String) -> String {
        let lower = url.lowercased()
        guard let schemeEnd = lower.range(of: "://") else { return lower }
        let rest = lower[schemeEnd.upperBound...]
        return String(lower[..<schemeEnd.upperBound]) + String(rest.prefix { $0 != "/" })
    }
}
