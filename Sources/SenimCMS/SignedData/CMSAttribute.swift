import SenimCrypto
import SwiftASN1

/// `Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }` (RFC 5652 §5.3),
/// with the exact received encoding of the attribute and of each value.
public struct CMSAttribute: Sendable, Hashable {
    public let type: ASN1ObjectIdentifier
    /// Each value's exact encoding (tag, length, contents).
    public let values: [[UInt8]]
    public let encoded: [UInt8]

    init(berEncoded node: ASN1Node) throws {
        let children = try BERReading.children(node, .sequence, "Attribute")
        var iterator = children.makeIterator()
        guard let typeNode = iterator.next() else { throw ASN1Error.invalidASN1Object(reason: "attribute without a type") }
        type = try ASN1ObjectIdentifier(berEncoded: typeNode)
        guard let set = iterator.next(), iterator.next() == nil else {
            throw ASN1Error.invalidASN1Object(reason: "attribute \(type) is not {type, SET}")
        }
        values = try BERReading.children(set, .set, "attribute values").map { Array($0.encodedBytes) }
        encoded = Array(node.encodedBytes)
    }

    public init(type: ASN1ObjectIdentifier, values: [[UInt8]]) throws {
        self.type = type
        self.values = values
        encoded = DERWriter.sequence([try DERWriter.encode(type), DERWriter.setOf(values)])
    }

    /// The single value of an attribute that RFC 5652 §11 requires to be single-valued.
    func singleValue() throws(CMSError) -> [UInt8] {
        guard values.count == 1 else { throw .invalidAttribute("\(type) must have exactly one value, has \(values.count)") }
        return values[0]
    }
}

/// A SET OF Attribute, with RFC 5652 §5.3's rule that an attribute type occurs once.
public struct CMSAttributes: Sendable, Hashable {
    public let attributes: [CMSAttribute]

    init(_ attributes: [CMSAttribute]) { self.attributes = attributes }

    public subscript(type: ASN1ObjectIdentifier) -> CMSAttribute? { attributes.first { $0.type == type } }

    /// Every attribute type that occurs more than once.
    public var duplicatedTypes: [ASN1ObjectIdentifier] {
        var seen = Set<ASN1ObjectIdentifier>()
        var duplicated: [ASN1ObjectIdentifier] = []
        for attribute in attributes where !seen.insert(attribute.type).inserted && !duplicated.contains(attribute.type) {
            duplicated.append(attribute.type)
        }
        return duplicated
    }

    public func all(_ type: ASN1ObjectIdentifier) -> [CMSAttribute] { attributes.filter { $0.type == type } }
}
