import SwiftASN1

/// `AccessDescription ::= SEQUENCE { accessMethod, accessLocation GeneralName }` (AIA, RFC 5280 §4.2.2.1).
public struct AccessDescription: Sendable, Hashable {
    public let method: ASN1ObjectIdentifier
    public let location: GeneralName

    public static let ocsp: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1]
    public static let caIssuers: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 2]

    static func sequence(_ node: ASN1Node) throws -> [AccessDescription] {
        try DER.sequence(of: ASN1Node.self, identifier: .sequence, rootNode: node).map { item in
            try DER.sequence(item, identifier: .sequence) { nodes in
                let method = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard let location = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "AccessDescription without location") }
                return AccessDescription(method: method, location: try GeneralName(derEncoded: location))
            }
        }
    }
}

/// `DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName, reasons [1], cRLIssuer [2] }`.
/// The full-name URIs are what a fetcher needs; a relative name is kept as absent.
public struct DistributionPoint: Sendable, Hashable {
    public let fullName: [GeneralName]
    public let crlIssuer: [GeneralName]?
    public let hasReasons: Bool

    static func sequence(_ node: ASN1Node) throws -> [DistributionPoint] {
        try DER.sequence(of: ASN1Node.self, identifier: .sequence, rootNode: node).map { item in
            try DER.sequence(item, identifier: .sequence) { nodes in
                var full: [GeneralName] = [], issuer: [GeneralName]?, reasons = false
                while let child = nodes.next() {
                    switch child.identifier.tagNumber {
                    case 0:
                        // DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] }
                        if case .constructed(let choices) = child.content {
                            for choice in choices where choice.identifier.tagNumber == 0 {
                                if case .constructed(let names) = choice.content { full = try names.map(GeneralName.init) }
                            }
                        }
                    case 1: reasons = true
                    case 2:
                        if case .constructed(let names) = child.content { issuer = try names.map(GeneralName.init) }
                    default: throw ASN1Error.invalidASN1Object(reason: "unexpected DistributionPoint field")
                    }
                }
                return DistributionPoint(fullName: full, crlIssuer: issuer, hasReasons: reasons)
            }
        }
    }

    /// The http(s)/ldap URIs of the full name.
    public var uris: [String] {
        fullName.compactMap { if case .uniformResourceIdentifier(let uri) = $0 { return uri } else { return nil } }
    }
}
