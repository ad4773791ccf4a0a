import SwiftASN1

/// The child nodes of a SEQUENCE OF, for structures whose elements are decoded by hand (extension lists, policy
/// qualifiers, general names, OCSP single responses). It checks what `DER.sequence(of:identifier:rootNode:)` checks —
/// the tag and that the node is constructed — without making `ASN1Node` itself `DERParseable`, a conformance that
/// belongs to swift-asn1 and could collide with one it adds later.
enum DERSequenceElements {
    static func of(_ node: ASN1Node, identifier: ASN1Identifier = .sequence) throws(ASN1Error) -> [ASN1Node] {
        guard node.identifier == identifier, case .constructed(let children) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        return Array(children)
    }
}
