import SwiftASN1

/// `AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0], authorityCertIssuer [1], authorityCertSerialNumber [2] }`.
public struct AuthorityKeyIdentifier: Sendable, Hashable {
    public let keyIdentifier: [UInt8]?
    public let authorityCertIssuer: [GeneralName]?
    public let authorityCertSerialNumber: [UInt8]?

    init(derEncoded node: ASN1Node) throws {
        (keyIdentifier, authorityCertIssuer, authorityCertSerialNumber) = try DER.sequence(node, identifier: .sequence) { nodes in
            var key: [UInt8]?
            var issuer: [GeneralName]?
            var serial: [UInt8]?
            while let child = nodes.next() {
                guard child.identifier.tagClass == .contextSpecific else { throw ASN1Error.unexpectedFieldType(child.identifier) }
                switch (child.identifier.tagNumber, child.content) {
                case (0, .primitive(let bytes)): key = Array(bytes)
                case (1, .constructed(let names)): issuer = try names.map(GeneralName.init)
                case (2, .primitive(let bytes)): serial = Array(bytes)
                default: throw ASN1Error.invalidASN1Object(reason: "unexpected AuthorityKeyIdentifier field")
                }
            }
            return (key, issuer, serial)
        }
    }
}
