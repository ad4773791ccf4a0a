import SwiftASN1

/// The permitted and excluded subtrees accumulated along a path (RFC 5280 §6.1.2 (b)–(c), §6.1.4 (g)).
///
/// Permitted subtrees are kept as layers, one per NameConstraints extension: a name must fall inside every
/// layer that constrains its type (the intersection), and outside every excluded subtree (the union).
struct NameConstraintsState {
    private var permittedLayers: [[GeneralName]] = []
    private var excluded: [GeneralName] = []
    /// Comparisons left before the path is rejected as a denial-of-service attempt (x509-limbo "nc-dos").
    private var budget = 1 << 16 // ~65k comparisons: far above any real certificate, far below nc-dos inputs

    mutating func add(_ constraints: NameConstraints) {
        if let permitted = constraints.permitted { permittedLayers.append(permitted) }
        if let excluded = constraints.excluded { self.excluded += excluded }
    }

    var isEmpty: Bool { permittedLayers.isEmpty && excluded.isEmpty }

    /// Checks one name of a certificate; returns false when it is outside the permitted or inside the excluded space.
    mutating func allows(_ name: GeneralName) throws(PathValidationFailure) -> Bool {
        for layer in permittedLayers {
            try spend(layer.count)
            let sameType = layer.filter { Self.sameType($0, name) }
            if sameType.isEmpty { continue }
            var inside = false
            for constraint in sameType where try Self.matches(name, constraint) {
                inside = true
                break
            }
            if !inside { return false }
        }
        try spend(excluded.count)
        for constraint in excluded where Self.sameType(constraint, name) {
            if try Self.mayOverlap(name, constraint) { return false }
        }
        return true
    }

    /// For excluded subtrees a wildcard name is rejected when any of its expansions could fall inside
    /// (CVE-2025-61727: an EE `*.example.com` under an ICA excluding `bar.example.com`).
    static func mayOverlap(_ name: GeneralName, _ constraint: GeneralName) throws(PathValidationFailure) -> Bool {
        if case .dnsName(let host) = name, host.hasPrefix("*."), case .dnsName(let base) = constraint {
            let domain = String(host.dropFirst(2)).lowercased()
            let excluded = try validDNSConstraint(base)
            return dnsWithin(domain, excluded) || dnsWithin(excluded, domain)
        }
        return try matches(name, constraint)
    }

    /// RFC 5280 §4.2.1.10: a DNS constraint is a name to which labels are added on the left; a leading period
    /// (allowed for URIs and e-mail, not here) makes the constraint malformed.
    static func validDNSConstraint(_ base: String) throws(PathValidationFailure) -> String {
        if base.hasPrefix(".") {
            throw .malformed(certificate: "name constraints", reason: "DNS constraint with a leading period: \(base)")
        }
        return base.lowercased()
    }

    private mutating func spend(_ amount: Int) throws(PathValidationFailure) {
        budget -= max(amount, 1)
        if budget < 0 { throw .policyFailure("name constraint checking exceeded its work budget") }
    }

    static func sameType(_ a: GeneralName, _ b: GeneralName) -> Bool {
        switch (a, b) {
        case (.dnsName, .dnsName), (.rfc822Name, .rfc822Name), (.directoryName, .directoryName),
            (.uniformResourceIdentifier, .uniformResourceIdentifier), (.ipAddress, .ipAddress):
            return true
        case (.otherName(let x), .otherName(let y)): return x == y
        default: return false
        }
    }

    /// Whether `name` lies inside the subtree `constraint` (same type assumed).
    static func matches(_ name: GeneralName, _ constraint: GeneralName) throws(PathValidationFailure) -> Bool {
        switch (name, constraint) {
        case (.dnsName(let host), .dnsName(let base)):
            // A wildcard is inside a permitted subtree only if every expansion is (the domain below "*." is).
            let name = host.hasPrefix("*.") ? "x" + host.dropFirst(1) : host
            return dnsWithin(name.lowercased(), try validDNSConstraint(base))
        case (.rfc822Name(let address), .rfc822Name(let base)):
            return emailWithin(address, base)
        case (.uniformResourceIdentifier(let uri), .uniformResourceIdentifier(let base)):
            guard let host = uriHost(uri) else { return false }
            let lowered = base.lowercased()
            if lowered.hasPrefix(".") { return host.hasSuffix(lowered) }
            return host == lowered
        case (.ipAddress(let address), .ipAddress(let range)):
            guard range.count == 2 * address.count else { return false }
            let mask = range[address.count...]
            return zip(zip(address, range.prefix(address.count)), mask).allSatisfy { pair, m in pair.0 & m == pair.1 & m }
        case (.directoryName(let subject), .directoryName(let base)):
            return directoryWithin(subject, base)
        case (.otherName, .otherName):
            return true // same type-id: its syntax is unknown, so any constraint of that type covers it
        default:
            return false
        }
    }

    /// "Any DNS name that can be constructed by simply adding zero or more labels to the left-hand side."
    static func dnsWithin(_ host: String, _ base: String) -> Bool {
        if base.isEmpty { return true }
        return host == base || host.hasSuffix("." + base)
    }

    /// rfc822Name constraints: a full mailbox, a host ("example.com": mailboxes on that host only), or a domain
    /// (".example.com": mailboxes on any host below it). The local part compares exactly, including a literal "*".
    static func emailWithin(_ address: String, _ base: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        let host = address[address.index(after: at)...].lowercased()
        if base.contains("@") {
            guard let baseAt = base.lastIndex(of: "@") else { return false }
            return address[..<at] == base[..<baseAt] && host == base[base.index(after: baseAt)...].lowercased()
        }
        let lowered = base.lowercased()
        if lowered.hasPrefix(".") { return host.hasSuffix(lowered) }
        return host == lowered
    }

    static func uriHost(_ uri: String) -> String? {
        guard let schemeEnd = uri.range(of: "://") else { return nil }
        var rest = uri[schemeEnd.upperBound...]
        if let at = rest.firstIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// The subject's RDN sequence begins with the constraint's RDNs.
    static func directoryWithin(_ subject: DistinguishedName, _ base: DistinguishedName) -> Bool {
        guard base.relativeNames.count <= subject.relativeNames.count else { return false }
        for (left, right) in zip(subject.relativeNames.prefix(base.relativeNames.count), base.relativeNames) {
            guard left.count == right.count,
                Set(left.map { "\($0.type)=\(($0.value ?? "").lowercased())" })
                    == Set(right.map { "\($0.type)=\(($0.value ?? "").lowercased())" })
            else { return false }
        }
        return true
    }
}
