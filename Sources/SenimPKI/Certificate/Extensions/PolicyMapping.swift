import SwiftASN1

/// `PolicyMappings ::= SEQUENCE OF SEQUENCE { issuerDomainPolicy, subjectDomainPolicy }` (RFC 5280 §4.2.1.5).
public struct PolicyMapping: Sendable, Hashable {
    public let issuerDomainPolicy: ASN1ObjectIdentifier
    public let subjectDomainPolicy: ASN1ObjectIdentifier

    static func sequence(_ node: ASN1Node) throws -> [PolicyMapping] {
        try DERSequenceElements.of(node).map { item in
            try DER.sequence(item, identifier: .sequence) { nodes in
                PolicyMapping(
                    issuerDomainPolicy: try ASN1ObjectIdentifier(derEncoded: &nodes),
                    subjectDomainPolicy: try ASN1ObjectIdentifier(derEncoded: &nodes))
            }
        }
    }
}

/// `PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL, inhibitPolicyMapping [1] SkipCerts OPTIONAL }`.
public struct PolicyConstraints: Sendable, Hashable {
    public let requireExplicitPolicy: Int?
    public let inhibitPolicyMapping: Int?

    init(derEncoded node: ASN1Node) throws {
        (requireExplicitPolicy, inhibitPolicyMapping) = try DER.sequence(node, identifier: .sequence) { nodes in
            let require =
                try DER.optionalImplicitlyTagged(&nodes, tag: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) as Int?
            let inhibit =
                try DER.optionalImplicitlyTagged(&nodes, tag: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)) as Int?
            // RFC 5280: "Conforming CAs MUST NOT issue certificates where policyConstraints is an empty sequence."
            if require == nil && inhibit == nil { throw ASN1Error.invalidASN1Object(reason: "empty PolicyConstraints") }
            return (require, inhibit)
        }
    }
}
