import SwiftASN1

/// Lets `DER.sequence(of: ASN1Node.self, …)` hand back raw child nodes, for SEQUENCE OF structures whose
/// elements are decoded by hand (extension lists, policy qualifiers, general names).
extension ASN1Node: @retroactive DERParseable {
    public init(derEncoded node: ASN1Node) throws { self = node }
}
