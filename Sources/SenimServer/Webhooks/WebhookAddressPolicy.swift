import Foundation
import NIOCore
import SenimWorkflow

/// Where a webhook may be sent. A partner names the URL, so without this rule the platform would post, from
/// inside the deployment, to whatever it can reach there (server-side request forgery, OWASP API7:2023): its
/// database, a cloud metadata address, a loopback admin port. So a webhook URL is HTTPS, and every address its
/// host resolves to is a public one: checked when it is registered and again before each attempt (a name may
/// resolve elsewhere later). `allowPrivateAddresses` (a deployment flag; the tests' loopback receivers) lifts
/// both rules.
public struct WebhookAddressPolicy: Sendable {
    public var allowPrivateAddresses: Bool

    public init(allowPrivateAddresses: Bool = false) { self.allowPrivateAddresses = allowPrivateAddresses }

    /// The URL, if it may be used; otherwise the refusal.
    public func check(_ text: String) async throws(APIError) -> URL {
        let refusal = APIError(workflow: .invalidInput(.webhookURLNotAllowed(text)))
        guard text.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty, url.user == nil, url.password == nil
        else { throw refusal }
        if allowPrivateAddresses {
            guard scheme == "https" || scheme == "http" else { throw refusal }
            return url
        }
        guard scheme == "https" else { throw refusal }
        let addresses = Self.resolve(host, port: url.port ?? 443)
        guard !addresses.isEmpty, addresses.allSatisfy(Self.isPublic) else { throw refusal }
        return url
    }

    /// The host's addresses (an address literal is its own).
    static func resolve(_ host: String, port: Int) -> [String] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let literal = try? SocketAddress(ipAddress: bare, port: port), let address = literal.ipAddress { return [address] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(bare, String(port), &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let entry = next {
            if let raw = entry.pointee.ai_addr {
                var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                if getnameinfo(raw, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                    addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                }
            }
            next = entry.pointee.ai_next
        }
        return addresses
    }

    /// Whether `address` is on the public internet: not loopback, private (RFC 1918, RFC 4193), link-local,
    /// shared (RFC 6598), unspecified, multicast or reserved; an IPv4-mapped IPv6 address is judged as IPv4.
    static func isPublic(_ address: String) -> Bool {
        var text = address.lowercased()
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        if text.hasPrefix("::ffff:"), text.contains(".") { text = String(text.dropFirst(7)) }
        if text.contains(".") {
            let parts = text.split(separator: ".").compactMap { Int($0) }
            guard parts.count == 4, parts.allSatisfy({ (0...255).contains($0) }) else { return false }
            switch (parts[0], parts[1]) {
            case (0, _), (10, _), (127, _), (169, 254), (192, 168), (255, _): return false
            case (172, 16...31), (100, 64...127), (192, 0), (198, 18...19): return false
            case (224...239, _), (240...254, _): return false
            default: return true
            }
        }
        guard text.contains(":") else { return false }
        if text == "::" || text == "::1" { return false }
        let first = text.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let head = Int(first, radix: 16) ?? 0
        if first.isEmpty { return false } // ::-prefixed forms other than mapped IPv4 (compatible, unspecified)
        if head & 0xfe00 == 0xfc00 { return false } // fc00::/7 unique local
        if head & 0xffc0 == 0xfe80 { return false } // fe80::/10 link-local
        if head & 0xff00 == 0xff00 { return false } // multicast
        if head == 0x2001, text.hasPrefix("2001:db8:") || text.hasPrefix("2001:0db8:") { return false } // documentation
        return true
    }
}
