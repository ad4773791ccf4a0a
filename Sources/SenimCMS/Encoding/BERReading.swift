import SwiftASN1

/// Reading helpers for the BER that NCALayer, Kalkan and OpenSSL emit (indefinite lengths, constructed
/// OCTET STRINGs), on top of swift-asn1's node tree.
enum BERReading {
    static func tag(_ number: UInt, constructed: Bool = true) -> ASN1Identifier {
        ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific)
    }

    /// The contents of an OCTET STRING, primitive or constructed (BER §8.7: chunks concatenated).
    static func octets(_ node: ASN1Node, depth: Int = 0) throws -> [UInt8] {
        guard node.identifier == .octetString || node.identifier.tagClass == .contextSpecific else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        switch node.content {
        case .primitive(let bytes):
            return Array(bytes)
        case .constructed(let children):
            guard depth < 8 else { throw ASN1Error.invalidASN1Object(reason: "OCTET STRING chunks nested too deeply") }
            var result: [UInt8] = []
            for child in children {
                guard child.identifier == .octetString else { throw ASN1Error.unexpectedFieldType(child.identifier) }
                result += try octets(child, depth: depth + 1)
            }
            return result
        }
    }

    /// The children of a constructed node with the given identifier.
    static func children(_ node: ASN1Node, _ identifier: ASN1Identifier, _ what: String) throws -> ASN1NodeCollection {
        guard node.identifier == identifier, case .constructed(let children) = node.content else {
            throw ASN1Error.invalidASN1Object(reason: "\(what): expected \(identifier), found \(node.identifier)")
        }
        return children
    }

    /// An INTEGER's content bytes, any sign (TSTInfo serials from NCA are negative).
    static func integerBytes(_ node: ASN1Node) throws -> [UInt8] {
        guard node.identifier == .integer, case .primitive(let bytes) = node.content, !bytes.isEmpty else {
            throw ASN1Error.invalidASN1Object(reason: "expected INTEGER")
        }
        return Array(bytes)
    }
}
