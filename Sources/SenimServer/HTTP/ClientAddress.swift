/// The client's address for the audit record: the TCP peer, unless the peer is a configured proxy, in which
/// case the right-most `X-Forwarded-For` entry not itself a trusted proxy (RFC 7239 §5.2 reasoning: entries
/// left of the last untrusted hop can be forged by the client).
enum ClientAddress {
    static func resolve(peer: String?, forwardedFor: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trustedProxies.contains($0) } ?? peer
    }
}
