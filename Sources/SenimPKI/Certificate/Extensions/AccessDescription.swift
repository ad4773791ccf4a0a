import SwiftASN1

/// `AccessDescription ::= SEQUENCE { accessMethod, accessLocation GeneralName }` (AIA, RFC 5280 §4.2.2.1).
public struct AccessDescription: Sendable, Hashable {
    public let method: ASN1ObjectIdentifier
    public let location: GeneralName

    public static let ocsp: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1]
    public static let caIssuers: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 2]

    static func sequence(_ node: ASN1Node) throws -> [AccessDescription] {
        try DERSequenceElements.of(node).map { item in
            try DER.sequence(item, identifier: .sequence) { nodes in
                let method = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard let location = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "AccessDescription without location") }
                return AccessDescription(method: method, location: try GeneralName(derEncoded: location))
            }
        }
    }
}

/// `DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName, reasons [1], cRLIssuer [2] }`
/// (RFC 5280 §4.2.1.13): where a fetcher finds the CRL, and the scope RFC 5280 §6.3.3 matches a CRL against.
public struct DistributionPoint: Sendable, Hashable {
    public let name: DistributionPointName?
    /// nil: all reasons.
    public let reasons: ReasonFlags?
    public let crlIssuer: [GeneralName]?

    public var fullName: [GeneralName] { if case .fullName(let names)? = name { return names } else { return [] } }
    public var hasReasons: Bool { reasons != nil }

    init(name: DistributionPointName?, reasons: ReasonFlags?, crlIssuer: [GeneralName]?) {
        self.name = name
        self.reasons = reasons
        self.crlIssuer = crlIssuer
    }

    static func sequence(_ node: ASN1Node) throws -> [DistributionPoint] {
        try DERSequenceElements.of(node).map { item in
            try DER.sequence(item, identifier: .sequence) { nodes in
                var name: DistributionPointName?
                var issuer: [GeneralName]?
                var reasons: ReasonFlags?
                while let child = nodes.next() {
                    switch child.identifier.tagNumber {
                    case 0: name = try DistributionPointName(wrapper: child)
                    case 1: reasons = try ReasonFlags(derEncoded: try IssuingDistributionPoint.retagged(child, as: .bitString))
                    case 2:
                        if case .constructed(let names) = child.content { issuer = try names.map(GeneralName.init) }
                    default: throw ASN1Error.invalidASN1Object(reason: "unexpected DistributionPoint field")
                    }
                }
                // §4.2.1.13: a DistributionPoint MUST NOT consist of only the reasons field.
                if name == nil && issuer == nil {
                    throw ASN1Error.invalidASN1Object(reason: "DistributionPoint with neither name nor cRLIssuer")
                }
                return DistributionPoint(name: name, reasons: reasons, crlIssuer: issuer)
            }
        }
    }

    /// The http(s)/ldap URIs of the full name.
    public var uris: [String] {
        fullName.compactMap { if case .uniformResourceIdentifier(let uri) = $0 { return uri } else { return nil } }
    }
}
