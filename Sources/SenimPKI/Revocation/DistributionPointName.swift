import SwiftASN1

/// `DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RelativeDistinguishedName }`
/// (RFC 5280 §4.2.1.13), as it appears in a certificate's CRL distribution points and in a CRL's
/// issuingDistributionPoint (§5.2.5).
public enum DistributionPointName: Sendable, Hashable {
    case fullName([GeneralName])
    /// The DER of the RDN SET; the full name is the CRL issuer's name with this RDN appended.
    case relativeToCRLIssuer(rdn: [UInt8])

    /// `node` is the `[0]` wrapper holding the CHOICE.
    init(wrapper node: ASN1Node) throws {
        guard case .constructed(let choices) = node.content, let choice = choices.first(where: { _ in true }) else {
            throw ASN1Error.invalidASN1Object(reason: "empty DistributionPointName")
        }
        switch choice.identifier.tagNumber {
        case 0:
            guard case .constructed(let names) = choice.content else {
                throw ASN1Error.invalidASN1Object(reason: "fullName is not constructed")
            }
            self = .fullName(try names.map(GeneralName.init))
        case 1:
            // Re-tag the implicit [1] SET as a universal SET so it can be appended to a Name.
            guard case .constructed = choice.content else {
                throw ASN1Error.invalidASN1Object(reason: "nameRelativeToCRLIssuer is not constructed")
            }
            var bytes = Array(choice.encodedBytes)
            bytes[0] = 0x31
            self = .relativeToCRLIssuer(rdn: bytes)
        default:
            throw ASN1Error.invalidASN1Object(reason: "unknown DistributionPointName choice [\(choice.identifier.tagNumber)]")
        }
    }

    /// The names this point stands for; a relative name is resolved against the CRL issuer (§5.2.5, §6.3.3 (b)(2)(i)).
    public func names(crlIssuer: DistinguishedName) -> [GeneralName] {
        switch self {
        case .fullName(let names): return names
        case .relativeToCRLIssuer(let rdn):
            guard case .constructed(let rdns)? = try? DER.parse(crlIssuer.derEncoded).content else { return [] }
            var content: [UInt8] = rdns.flatMap { Array($0.encodedBytes) } + rdn
            var serializer = DER.Serializer()
            serializer.appendConstructedNode(identifier: .sequence) { coder in coder.serializeRawBytes(content) }
            content = serializer.serializedBytes
            return (try? DistinguishedName(derEncoded: content)).map { [.directoryName($0)] } ?? []
        }
    }
}
