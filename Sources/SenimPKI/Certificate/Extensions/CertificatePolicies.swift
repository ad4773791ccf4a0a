import SwiftASN1

/// `PolicyInformation ::= SEQUENCE { policyIdentifier, policyQualifiers SEQUENCE OF PolicyQualifierInfo OPTIONAL }`.
/// Qualifiers are kept as CPS URIs and user-notice texts, which is what a report shows.
public struct PolicyInformation: Sendable, Hashable {
    public let identifier: ASN1ObjectIdentifier
    public let cpsURIs: [String]
    public let userNotices: [String]

    public static let anyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 32, 0]
    private static let cps: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 2, 1]
    private static let userNotice: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 2, 2]

    static func sequence(_ node: ASN1Node) throws -> [PolicyInformation] {
        let policies = try DERSequenceElements.of(node).map(PolicyInformation.init)
        // RFC 5280 §4.2.1.4: "A certificate policy OID MUST NOT appear more than once."
        guard Set(policies.map(\.identifier)).count == policies.count else {
            throw ASN1Error.invalidASN1Object(reason: "duplicate certificate policy")
        }
        return policies
    }

    init(derEncoded node: ASN1Node) throws {
        var cps: [String] = []
        var notices: [String] = []
        identifier = try DER.sequence(node, identifier: .sequence) { nodes in
            let identifier = try ASN1ObjectIdentifier(derEncoded: &nodes)
            if let qualifiers = nodes.next() {
                for qualifier in try DERSequenceElements.of(qualifiers) {
                    try DER.sequence(qualifier, identifier: .sequence) { fields in
                        let kind = try ASN1ObjectIdentifier(derEncoded: &fields)
                        guard let value = fields.next() else { return }
                        if kind == PolicyInformation.cps, let uri = DistinguishedName.decodeString(value) {
                            cps.append(uri)
                        } else if kind == PolicyInformation.userNotice, case .constructed(let parts) = value.content {
                            // UserNotice ::= SEQUENCE { noticeRef OPTIONAL, explicitText DisplayText OPTIONAL }
                            for part in parts where part.identifier.tagClass == .universal && part.identifier != .sequence {
                                if let text = DistinguishedName.decodeString(part) { notices.append(text) }
                            }
                        }
                        while fields.next() != nil {}
                    }
                }
            }
            return identifier
        }
        cpsURIs = cps
        userNotices = notices
    }
}
