import SwiftASN1

/// `GeneralName` (RFC 5280 §4.2.1.6), the forms path validation and reports use.
public enum GeneralName: Sendable, Hashable, CustomStringConvertible {
    case otherName(ASN1ObjectIdentifier)
    case rfc822Name(String)
    case dnsName(String)
    case directoryName(DistinguishedName)
    case uniformResourceIdentifier(String)
    case ipAddress([UInt8])
    case registeredID(ASN1ObjectIdentifier)
    case other(tag: UInt)

    static func sequence(_ node: ASN1Node) throws -> [GeneralName] {
        let names = try DERSequenceElements.of(node).map(GeneralName.init)
        guard !names.isEmpty else { throw ASN1Error.invalidASN1Object(reason: "empty GeneralNames") }
        return names
    }

    public init(derEncoded node: ASN1Node) throws {
        guard node.identifier.tagClass == .contextSpecific else { throw ASN1Error.unexpectedFieldType(node.identifier) }
        func text() throws -> String {
            guard case .primitive(let bytes) = node.content else { throw ASN1Error.invalidASN1Object(reason: "constructed IA5String") }
            guard bytes.allSatisfy({ $0 < 0x80 }) else { throw ASN1Error.invalidASN1Object(reason: "non-ASCII IA5String") }
            return String(decoding: bytes, as: UTF8.self)
        }
        switch node.identifier.tagNumber {
        case 0:
            self = .otherName(
                try DER.sequence(node, identifier: node.identifier) { nodes in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    while nodes.next() != nil {}
                    return oid
                })
        case 1: self = .rfc822Name(try text())
        case 2: self = .dnsName(try text())
        case 4:
            self = .directoryName(
                try DER.explicitlyTagged(node, tagNumber: 4, tagClass: .contextSpecific) { try DistinguishedName(derEncoded: $0) })
        case 6: self = .uniformResourceIdentifier(try text())
        case 7:
            guard case .primitive(let bytes) = node.content else { throw ASN1Error.invalidASN1Object(reason: "constructed iPAddress") }
            self = .ipAddress(Array(bytes))
        case 8:
            self = .registeredID(try ASN1ObjectIdentifier(derEncoded: node, withIdentifier: node.identifier))
        default:
            self = .other(tag: node.identifier.tagNumber)
        }
    }

    public var description: String {
        switch self {
        case .otherName(let oid): return "othername:\(oid)"
        case .rfc822Name(let value): return "email:\(value)"
        case .dnsName(let value): return "DNS:\(value)"
        case .directoryName(let name): return "DirName:\(name)"
        case .uniformResourceIdentifier(let value): return "URI:\(value)"
        case .ipAddress(let bytes): return "IP:" + bytes.map(String.init).joined(separator: bytes.count == 4 ? "." : ",")
        case .registeredID(let oid): return "RID:\(oid)"
        case .other(let tag): return "[\(tag)]"
        }
    }
}
