import SenimCrypto
import SenimPKI
import SwiftASN1

/// `SignerIdentifier ::= CHOICE { issuerAndSerialNumber, subjectKeyIdentifier [0] }` (RFC 5652 §5.3).
/// The signing certificate is the one this names, never simply the first in the bag
/// (the sigstore/timestamp-authority CVE-2026-39984 class of bug).
public enum SignerIdentifier: Sendable, Hashable, CustomStringConvertible {
    case issuerAndSerialNumber(issuer: DistinguishedName, serialNumber: [UInt8])
    case subjectKeyIdentifier([UInt8])

    init(berEncoded node: ASN1Node) throws {
        if node.identifier == .sequence {
            var iterator = try BERReading.children(node, .sequence, "IssuerAndSerialNumber").makeIterator()
            guard let issuerNode = iterator.next(), let serialNode = iterator.next(), iterator.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "IssuerAndSerialNumber needs issuer and serial")
            }
            self = .issuerAndSerialNumber(
                issuer: try DistinguishedName(derEncoded: Array(issuerNode.encodedBytes)),
                serialNumber: try BERReading.integerBytes(serialNode))
        } else if node.identifier == BERReading.tag(0) {
            self = .subjectKeyIdentifier(try BERReading.octets(node))
        } else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    public init(certificate: Certificate, useSubjectKeyIdentifier: Bool = false) {
        if useSubjectKeyIdentifier, let ski = (try? certificate.extensions.subjectKeyIdentifier) ?? nil {
            self = .subjectKeyIdentifier(ski)
        } else {
            self = .issuerAndSerialNumber(issuer: certificate.issuer, serialNumber: certificate.serialNumber)
        }
    }

    /// The CMS version this choice implies for SignerInfo (RFC 5652 §5.3).
    var signerInfoVersion: Int {
        if case .subjectKeyIdentifier = self { return 3 }
        return 1
    }

    var derEncoded: [UInt8] {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            return DERWriter.sequence([issuer.derEncoded, DERWriter.tlv(0x02, serial)])
        case .subjectKeyIdentifier(let ski):
            return DERWriter.tlv(0x80, ski)
        }
    }

    public func matches(_ certificate: Certificate) -> Bool {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            return certificate.serialNumber == serial && certificate.issuer.matches(issuer)
        case .subjectKeyIdentifier(let identifier):
            return ((try? certificate.extensions.subjectKeyIdentifier) ?? nil) == identifier
        }
    }

    public var description: String {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial): return "issuer \(issuer), serial \(Hex.encode(serial))"
        case .subjectKeyIdentifier(let ski): return "subject key identifier \(Hex.encode(ski))"
        }
    }
}
