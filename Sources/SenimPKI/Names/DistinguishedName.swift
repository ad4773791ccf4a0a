import SwiftASN1

/// An X.501 Name (`RDNSequence`), kept with its exact DER so issuer/subject chaining can compare bytes first.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    public struct Attribute: Sendable, Hashable {
        public let type: ASN1ObjectIdentifier
        /// The decoded string, or nil when the value is not one of the X.520 string types.
        public let value: String?
        /// The ASN.1 tag number of the value (12 UTF8String, 19 PrintableString, 30 BMPString, …).
        public let valueTag: UInt
    }

    /// Relative distinguished names in encoded order; each is a SET of one or more attributes.
    public let relativeNames: [[Attribute]]
    public let derEncoded: [UInt8]

    public init(derEncoded node: ASN1Node) throws {
        guard node.identifier == .sequence, case .constructed(let rdns) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        var names: [[Attribute]] = []
        for rdn in rdns {
            guard rdn.identifier == .set, case .constructed(let attributes) = rdn.content else {
                throw ASN1Error.unexpectedFieldType(rdn.identifier)
            }
            var set: [Attribute] = []
            for attribute in attributes {
                set.append(
                    try DER.sequence(attribute, identifier: .sequence) { fields in
                        let type = try ASN1ObjectIdentifier(derEncoded: &fields)
                        guard let value = fields.next() else { throw ASN1Error.invalidASN1Object(reason: "attribute without value") }
                        return Attribute(type: type, value: Self.decodeString(value), valueTag: value.identifier.tagNumber)
                    })
            }
            guard !set.isEmpty else { throw ASN1Error.invalidASN1Object(reason: "empty RelativeDistinguishedName") }
            names.append(set)
        }
        relativeNames = names
        derEncoded = Array(node.encodedBytes)
    }

    public init(derEncoded bytes: [UInt8]) throws {
        try self.init(derEncoded: try DER.parse(bytes))
    }

    public var attributes: [Attribute] { relativeNames.flatMap { $0 } }
    public var isEmpty: Bool { relativeNames.isEmpty }

    public func values(of type: ASN1ObjectIdentifier) -> [String] {
        attributes.filter { $0.type == type }.compactMap(\.value)
    }

    public func firstValue(of type: ASN1ObjectIdentifier) -> String? { values(of: type).first }

    public var commonName: String? { firstValue(of: ASN1ObjectIdentifier.NameAttribute.commonName) }

    /// `CN=…, SURNAME=…, SERIALNUMBER=…` in encoded order (the order NCA tools and OpenSSL print).
    public var description: String {
        relativeNames.map { rdn in
            rdn.map { "\(Self.shortName($0.type))=\($0.value ?? "#<\($0.valueTag)>")" }.joined(separator: " + ")
        }.joined(separator: ", ")
    }

    /// RFC 5280 §7.1 name matching: identical DER, or the same attributes with string values compared after
    /// case folding and whitespace normalisation (the RFC 4518 essentials).
    public func matches(_ other: DistinguishedName) -> Bool {
        if derEncoded == other.derEncoded { return true }
        guard relativeNames.count == other.relativeNames.count else { return false }
        for (left, right) in zip(relativeNames, other.relativeNames) {
            guard left.count == right.count else { return false }
            let leftSet = left.map(Self.normalised).sorted()
            let rightSet = right.map(Self.normalised).sorted()
            if leftSet != rightSet { return false }
        }
        return true
    }

    private static func normalised(_ attribute: Attribute) -> String {
        let folded = (attribute.value ?? "").lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        return attribute.type.description + "=" + folded
    }

    /// Decodes the X.520 DirectoryString choices and IA5String; other types yield nil.
    static func decodeString(_ node: ASN1Node) -> String? {
        guard node.identifier.tagClass == .universal, case .primitive(let bytes) = node.content else { return nil }
        switch node.identifier.tagNumber {
        case 12, 19, 22, 26, 18: // UTF8String, PrintableString, IA5String, VisibleString, NumericString
            return String(decoding: bytes, as: UTF8.self)
        case 20: // TeletexString: in practice Latin-1
            return String(bytes.map { Character(Unicode.Scalar($0)) })
        case 30: // BMPString: UTF-16BE
            guard bytes.count % 2 == 0 else { return nil }
            let units = stride(from: bytes.startIndex, to: bytes.endIndex, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        case 28: // UniversalString: UTF-32BE
            guard bytes.count % 4 == 0 else { return nil }
            var scalars = String.UnicodeScalarView()
            for index in stride(from: bytes.startIndex, to: bytes.endIndex, by: 4) {
                let value =
                    UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
                guard let scalar = Unicode.Scalar(value) else { return nil }
                scalars.append(scalar)
            }
            return String(scalars)
        default:
            return nil
        }
    }
}
