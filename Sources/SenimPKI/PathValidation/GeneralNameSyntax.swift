/// Syntax rules for names in subjectAltName (RFC 5280 §4.2.1.6): dNSName in preferred name syntax (RFC 1034
/// as relaxed by RFC 1123, with an optional leftmost "*" label), rfc822Name as a single local@domain, and
/// iPAddress of 4 or 16 octets.
enum GeneralNameSyntax {
    static func isWellFormed(_ name: GeneralName) -> Bool {
        switch name {
        case .dnsName(let host): return isHostName(host, allowWildcard: true)
        case .rfc822Name(let address):
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && isHostName(String(parts[1]), allowWildcard: false)
        case .ipAddress(let bytes): return bytes.count == 4 || bytes.count == 16
        default: return true
        }
    }

    static func isHostName(_ host: String, allowWildcard: Bool) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for (index, label) in labels.enumerated() {
            if index == 0 && allowWildcard && label == "*" && labels.count > 2 { continue }
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.utf8.allSatisfy({
                    (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) || $0 == 0x2d
                })
            else { return false }
        }
        return true
    }
}
