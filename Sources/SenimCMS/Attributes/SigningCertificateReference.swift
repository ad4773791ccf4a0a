import SenimCrypto
import SenimPKI
import SwiftASN1

/// The first ESSCertID(v2) of a signing-certificate attribute (RFC 2634 §5.4 with SHA-1; RFC 5035 §3 with any
/// hash, SHA-256 by default): the signer's commitment to one certificate, so a certificate with the same key
/// but other contents (another role, another validity) cannot be substituted.
public struct SigningCertificateReference: Sendable, Hashable {
    public let hashAlgorithm: DigestAlgorithm
    public let certificateHash: [UInt8]
    /// issuerSerial, when present: the issuer's directory name and the serial number.
    public let issuer: DistinguishedName?
    public let serialNumber: [UInt8]?
    /// The attribute version: 1 (signingCertificate, SHA-1) or 2 (signingCertificateV2).
    public let version: Int

    /// - Parameter value: the attribute's single value (a SigningCertificate or SigningCertificateV2 SEQUENCE).
    init(value: [UInt8], version: Int) throws {
        self.version = version
        let root = try BER.parse(value)
        var outer = try BERReading.children(root, .sequence, "SigningCertificate").makeIterator()
        guard let certs = outer.next() else { throw ASN1Error.invalidASN1Object(reason: "no certs") }
        var list = try BERReading.children(certs, .sequence, "certs").makeIterator()
        guard let first = list.next() else { throw ASN1Error.invalidASN1Object(reason: "empty certs") }
        var fields = try BERReading.children(first, .sequence, "ESSCertID").makeIterator()
        guard var node = fields.next() else { throw ASN1Error.invalidASN1Object(reason: "empty ESSCertID") }
        var algorithm = DigestAlgorithm.sha1
        if version == 2 {
            algorithm = .sha256
            if node.identifier == .sequence {
                let identifier = try AlgorithmIdentifier(berEncoded: node)
                algorithm = try DigestAlgorithm(objectIdentifier: identifier.algorithm)
                guard let hashNode = fields.next() else { throw ASN1Error.invalidASN1Object(reason: "ESSCertIDv2 without certHash") }
                node = hashNode
            }
        }
        hashAlgorithm = algorithm
        guard node.identifier == .octetString else { throw ASN1Error.unexpectedFieldType(node.identifier) }
        certificateHash = try BERReading.octets(node)
        if let issuerSerial = fields.next() {
            var parts = try BERReading.children(issuerSerial, .sequence, "IssuerSerial").makeIterator()
            guard let names = parts.next(), let serial = parts.next() else {
                throw ASN1Error.invalidASN1Object(reason: "incomplete IssuerSerial")
            }
            // GeneralNames: the directoryName [4] EXPLICIT Name is the one that identifies a certificate issuer.
            var directoryName: DistinguishedName?
            for name in try BERReading.children(names, .sequence, "GeneralNames") where name.identifier == BERReading.tag(4) {
                var inner = try BERReading.children(name, BERReading.tag(4), "directoryName").makeIterator()
                if let dn = inner.next() { directoryName = try DistinguishedName(derEncoded: Array(dn.encodedBytes)) }
            }
            issuer = directoryName
            serialNumber = try BERReading.integerBytes(serial)
        } else {
            issuer = nil
            serialNumber = nil
        }
    }

    /// Whether this reference names `certificate`: the hash over its DER, and issuer and serial when given.
    public func matches(_ certificate: Certificate) -> (hash: Bool, issuerSerial: Bool?) {
        let hash = hashAlgorithm.hash(certificate.derEncoded) == certificateHash
        guard let serialNumber else { return (hash, nil) }
        let issuerMatches = issuer.map { certificate.issuer.matches($0) } ?? true
        return (hash, issuerMatches && serialNumber == certificate.serialNumber)
    }

    /// The DER of a signingCertificateV2 attribute value for `certificate` (SHA-256, default algorithm omitted,
    /// issuerSerial included), as NCALayer writes it.
    static func signingCertificateV2Value(for certificate: Certificate) -> [UInt8] {
        let generalNames = DERWriter.sequence([DERWriter.tlv(0xA4, certificate.issuer.derEncoded)])
        let issuerSerial = DERWriter.sequence([generalNames, DERWriter.tlv(0x02, certificate.serialNumber)])
        let essCertID = DERWriter.sequence([DERWriter.octetString(DigestAlgorithm.sha256.hash(certificate.derEncoded)), issuerSerial])
        return DERWriter.sequence([DERWriter.sequence([essCertID])])
    }
}
