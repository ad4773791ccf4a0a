import Foundation

/// Host → base-URL rewrites for fetching: a deployment behind a proxy or with a local mirror of pki.gov.kz, and
/// tests that serve the NCA files from a loopback server.
public struct MirrorTable: Sendable, Hashable {
    public var mirrors: [String: String]

    public init(_ mirrors: [String: String] = [:]) { self.mirrors = mirrors }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let argument: String
        public var description: String { "a mirror is HOST=BASEURL, not '\(argument)'" }
    }

    /// From `HOST=BASEURL` arguments (the CLI's repeatable `--mirror`).
    public init(parsing arguments: [String]) throws(ParseError) {
        var table: [String: String] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("http") else { throw ParseError(argument: argument) }
            table[parts[0]] = parts[1]
        }
        mirrors = table
    }

    /// The URL to fetch: the mirror's base with the original path and query, or the URL itself.
    public func rewrite(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, let base = mirrors[host] else { return url }
        return base + components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}
