import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// One `SignerInfo` (RFC 5652 §5.3), keeping the exact received bytes of the signed attributes and of every
/// field before the unsigned attributes, so a timestamp or countersignature can be added without touching
/// what was signed.
public struct SignerInfo: Sendable {
    public let version: Int
    public let signerIdentifier: SignerIdentifier
    public let digestAlgorithm: AlgorithmIdentifier
    /// nil when the SignerInfo has no signed attributes (the signature then covers the content itself).
    public let signedAttributes: CMSAttributes?
    /// The signed attributes as received, including their [0] IMPLICIT tag.
    public let signedAttributesBytes: [UInt8]?
    public let signatureAlgorithm: AlgorithmIdentifier
    public let signature: [UInt8]
    public let unsignedAttributes: CMSAttributes
    public let derEncoded: [UInt8]
    /// version … signature, as received: the part re-encoding must preserve.
    let fieldsBeforeUnsignedAttributes: [UInt8]

    init(berEncoded node: ASN1Node) throws {
        var iterator = try BERReading.children(node, .sequence, "SignerInfo").makeIterator()
        var fields: [UInt8] = []
        func next(_ what: String) throws -> ASN1Node {
            guard let node = iterator.next() else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo without \(what)") }
            return node
        }
        let versionNode = try next("version")
        version = try Int(berEncoded: versionNode)
        let sidNode = try next("sid")
        signerIdentifier = try SignerIdentifier(berEncoded: sidNode)
        let digestNode = try next("digestAlgorithm")
        digestAlgorithm = try AlgorithmIdentifier(berEncoded: digestNode)
        fields = Array(versionNode.encodedBytes) + Array(sidNode.encodedBytes) + Array(digestNode.encodedBytes)

        var current = try next("signatureAlgorithm")
        if current.identifier == BERReading.tag(0) {
            guard case .constructed(let items) = current.content else {
                throw ASN1Error.invalidASN1Object(reason: "signedAttrs not constructed")
            }
            signedAttributes = CMSAttributes(try items.map(CMSAttribute.init))
            signedAttributesBytes = Array(current.encodedBytes)
            fields += Array(current.encodedBytes)
            current = try next("signatureAlgorithm")
        } else {
            signedAttributes = nil
            signedAttributesBytes = nil
        }
        signatureAlgorithm = try AlgorithmIdentifier(berEncoded: current)
        let signatureNode = try next("signature")
        signature = try BERReading.octets(signatureNode)
        guard signatureNode.identifier == .octetString else { throw ASN1Error.unexpectedFieldType(signatureNode.identifier) }
        fields += Array(current.encodedBytes) + Array(signatureNode.encodedBytes)

        if let unsignedNode = iterator.next() {
            guard unsignedNode.identifier == BERReading.tag(1), case .constructed(let items) = unsignedNode.content else {
                throw ASN1Error.unexpectedFieldType(unsignedNode.identifier)
            }
            unsignedAttributes = CMSAttributes(try items.map(CMSAttribute.init))
        } else {
            unsignedAttributes = CMSAttributes([])
        }
        guard iterator.next() == nil else { throw ASN1Error.invalidASN1Object(reason: "trailing fields in SignerInfo") }
        fieldsBeforeUnsignedAttributes = fields
        derEncoded = Array(node.encodedBytes)
    }

    /// Parses one SignerInfo from its DER (as a countersignature attribute value holds it).
    public init(derEncoded bytes: [UInt8]) throws(CMSError) {
        do { try self.init(berEncoded: try BER.parse(bytes)) } catch let error as CMSError { throw error } catch {
            throw .malformed("SignerInfo: \(DecodingErrorText.sentence(error))")
        }
    }

    /// The bytes the signature covers when signed attributes are present: the received encoding with its
    /// [0] IMPLICIT tag replaced by the SET tag (RFC 5652 §5.4). Never a re-sorted re-encoding.
    public var signedAttributesForSignature: [UInt8]? {
        guard var bytes = signedAttributesBytes, !bytes.isEmpty else { return nil }
        bytes[0] = 0x31
        return bytes
    }

    /// This SignerInfo with one more unsigned attribute (a signature timestamp, a countersignature).
    public func adding(unsignedAttribute: CMSAttribute) throws(CMSError) -> SignerInfo {
        let attributes = unsignedAttributes.attributes.map(\.encoded) + [unsignedAttribute.encoded]
        let bytes = DERWriter.sequence([fieldsBeforeUnsignedAttributes, DERWriter.tlv(0xA1, attributes.flatMap { $0 })])
        return try SignerInfo(derEncoded: bytes)
    }

    /// The digest algorithm named by `digestAlgorithm`.
    public var digest: DigestAlgorithm {
        get throws(CMSError) {
            do { return try DigestAlgorithm(objectIdentifier: digestAlgorithm.algorithm) } catch {
                throw .unsupportedAlgorithm(error.description)
            }
        }
    }

    /// The signature algorithm from signatureAlgorithm and digestAlgorithm together (RFC 5652 §5.3: OpenSSL
    /// writes rsaEncryption, NCA tools the full GOST signature OID).
    public var algorithm: SignatureAlgorithm {
        get throws(CMSError) {
            let digest = try self.digest
            do { return try SignatureAlgorithm(signerInfoSignatureAlgorithm: signatureAlgorithm, digestAlgorithm: digest) } catch {
                throw .unsupportedAlgorithm(error.description)
            }
        }
    }

    /// The signingTime signed attribute (RFC 5652 §11.3): the time the signer claims, proven by nothing; nil
    /// when absent.
    public var claimedSigningTime: Date? {
        get throws(CMSError) {
            guard let attribute = signedAttributes?[.CMS.signingTime] else { return nil }
            do { return try ASN1Time.date(from: try DER.parse(try attribute.singleValue())) } catch {
                throw .malformed("malformed signingTime attribute: \(DecodingErrorText.sentence(error))")
            }
        }
    }
}
