import SwiftASN1

/// The issuingDistributionPoint CRL extension (RFC 5280 §5.2.5): which certificates a partitioned or
/// indirect CRL speaks for. RFC 5280 §6.3.3 (b)(2) checks a certificate against it before the CRL is used.
public struct IssuingDistributionPoint: Sendable, Hashable {
    public let distributionPoint: DistributionPointName?
    public let onlyContainsUserCerts: Bool
    public let onlyContainsCACerts: Bool
    /// nil: all reasons.
    public let onlySomeReasons: ReasonFlags?
    public let indirectCRL: Bool
    public let onlyContainsAttributeCerts: Bool
    /// The extension value's DER, compared when a delta CRL is matched with its base (same scope, §5.2.4).
    public let derEncoded: [UInt8]

    init(derEncoded bytes: [UInt8]) throws {
        derEncoded = bytes
        var point: DistributionPointName?
        var user = false
        var ca = false
        var reasons: ReasonFlags?
        var indirect = false
        var attribute = false
        let node = try DER.parse(bytes)
        guard node.identifier == .sequence, case .constructed(let fields) = node.content else {
            throw ASN1Error.invalidASN1Object(reason: "issuingDistributionPoint is not a SEQUENCE")
        }
        func flag(_ field: ASN1Node) throws -> Bool {
            guard case .primitive(let value) = field.content, value.count == 1 else {
                throw ASN1Error.invalidASN1Object(reason: "IDP flag")
            }
            return value.first != 0
        }
        var last = -1
        for field in fields {
            let tag = Int(field.identifier.tagNumber)
            guard field.identifier.tagClass == .contextSpecific, tag > last, tag <= 5 else {
                throw ASN1Error.invalidASN1Object(reason: "issuingDistributionPoint field out of order")
            }
            last = tag
            switch tag {
            case 0: point = try DistributionPointName(wrapper: field)
            case 1: user = try flag(field)
            case 2: ca = try flag(field)
            case 3: reasons = try ReasonFlags(derEncoded: try Self.retagged(field, as: .bitString))
            case 4: indirect = try flag(field)
            default: attribute = try flag(field)
            }
        }
        distributionPoint = point
        onlyContainsUserCerts = user
        onlyContainsCACerts = ca
        onlySomeReasons = reasons
        indirectCRL = indirect
        onlyContainsAttributeCerts = attribute
    }

    static func retagged(_ node: ASN1Node, as identifier: ASN1Identifier) throws -> ASN1Node {
        guard case .primitive(let content) = node.content else { throw ASN1Error.invalidASN1Object(reason: "constructed implicit field") }
        var serializer = DER.Serializer()
        serializer.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: content) }
        return try DER.parse(serializer.serializedBytes)
    }
}
