import SwiftASN1

/// `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }`.
public struct BasicConstraints: Sendable, Hashable {
    public let isCertificateAuthority: Bool
    public let pathLengthConstraint: Int?

    init(derEncoded node: ASN1Node) throws {
        (isCertificateAuthority, pathLengthConstraint) = try DER.sequence(node, identifier: .sequence) { nodes in
            let ca = try DER.decodeDefault(&nodes, defaultValue: false)
            let length = try nodes.next().map { try Int(derEncoded: $0) }
            if let length, length < 0 { throw ASN1Error.invalidASN1Object(reason: "negative pathLenConstraint") }
            return (ca, length)
        }
    }
}
