import SwiftASN1

/// `NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL, excludedSubtrees [1] … OPTIONAL }`.
/// Only the base names are kept: RFC 5280 says minimum MUST be zero and maximum MUST be absent.
public struct NameConstraints: Sendable, Hashable {
    public let permitted: [GeneralName]?
    public let excluded: [GeneralName]?

    init(derEncoded node: ASN1Node) throws {
        (permitted, excluded) = try DER.sequence(node, identifier: .sequence) { nodes in
            var permitted: [GeneralName]?
            var excluded: [GeneralName]?
            while let child = nodes.next() {
                guard child.identifier.tagClass == .contextSpecific, case .constructed(let subtrees) = child.content else {
                    throw ASN1Error.unexpectedFieldType(child.identifier)
                }
                let bases = try subtrees.map { subtree in
                    try DER.sequence(subtree, identifier: .sequence) { fields -> GeneralName in
                        guard let base = fields.next() else { throw ASN1Error.invalidASN1Object(reason: "empty GeneralSubtree") }
                        while let extra = fields.next() {
                            // minimum [0] DEFAULT 0 and maximum [1]: only minimum 0 is meaningful.
                            if extra.identifier.tagNumber == 1 {
                                throw ASN1Error.invalidASN1Object(reason: "GeneralSubtree maximum present")
                            }
                        }
                        return try GeneralName(derEncoded: base)
                    }
                }
                switch child.identifier.tagNumber {
                case 0 where permitted == nil: permitted = bases
                case 1 where excluded == nil: excluded = bases
                default: throw ASN1Error.invalidASN1Object(reason: "unexpected NameConstraints field")
                }
            }
            // RFC 5280 §4.2.1.10: an empty NameConstraints sequence is not allowed.
            if permitted == nil && excluded == nil { throw ASN1Error.invalidASN1Object(reason: "empty NameConstraints") }
            return (permitted, excluded)
        }
    }
}
