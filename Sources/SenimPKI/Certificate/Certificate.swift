import Foundation
import SenimCrypto
import SwiftASN1

/// An X.509 certificate (RFC 5280 §4.1), versions 1–3, with any signature and key algorithm SenimCrypto knows
/// (GOST and RSA-PSS included, which swift-certificates cannot parse).
///
/// The exact received bytes of the certificate and of its TBSCertificate are kept: signatures are checked over
/// those bytes, never over a re-encoding.
public struct Certificate: Sendable, Hashable, CustomStringConvertible {
    public let derEncoded: [UInt8]
    public let tbsCertificateBytes: [UInt8]
    /// 1, 2 or 3.
    public let version: Int
    /// The serial number's magnitude (DER contents without the 0x00 sign octet); for a negative serial (RFC 5280
    /// §4.1.2.2 forbids them, CAs issued them anyway) the DER contents as encoded, see ``hasNegativeSerialNumber``.
    public let serialNumber: [UInt8]
    /// The serial is a negative INTEGER: tolerated for revocation lookup (by bytes) and reported as a profile warning.
    public let hasNegativeSerialNumber: Bool
    /// The signature algorithm inside TBSCertificate; RFC 5280 requires it to equal the outer one.
    public let tbsSignatureAlgorithm: AlgorithmIdentifier
    public let issuer: DistinguishedName
    public let validity: Validity
    public let subject: DistinguishedName
    public let subjectPublicKeyInfo: SubjectPublicKeyInfo
    public let extensions: CertificateExtensions
    public let signatureAlgorithm: AlgorithmIdentifier
    public let signature: [UInt8]
    private let keyCache = PublicKeyCache()

    public init(derEncoded bytes: [UInt8]) throws(PKIError) {
        do {
            let root = try DER.parse(bytes)
            var parsed: (tbs: ASN1Node, algorithm: AlgorithmIdentifier, signature: ASN1BitString)?
            try DER.sequence(root, identifier: .sequence) { nodes in
                guard let tbs = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no TBSCertificate") }
                parsed = (tbs, try AlgorithmIdentifier(derEncoded: &nodes), try ASN1BitString(derEncoded: &nodes))
            }
            guard let parsed else { throw ASN1Error.invalidASN1Object(reason: "empty certificate") }
            derEncoded = Array(root.encodedBytes)
            tbsCertificateBytes = Array(parsed.tbs.encodedBytes)
            signatureAlgorithm = parsed.algorithm
            signature = Array(parsed.signature.bytes)

            var fields:
                (
                    Int, ([UInt8], Bool), AlgorithmIdentifier, DistinguishedName, Validity, DistinguishedName, SubjectPublicKeyInfo,
                    [CertificateExtension]
                )?
            try DER.sequence(parsed.tbs, identifier: .sequence) { nodes in
                let version =
                    try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { try Int(derEncoded: $0) } ?? 0
                guard (0...2).contains(version) else { throw ASN1Error.invalidASN1Object(reason: "certificate version \(version + 1)") }
                guard let serialNode = nodes.next(), serialNode.identifier == .integer,
                    case .primitive(let serialContent) = serialNode.content
                else {
                    throw ASN1Error.invalidASN1Object(reason: "no serial number INTEGER")
                }
                let serial = try CertificateRevocationList.serialNumber(serialContent)
                let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
                guard let issuerNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no issuer") }
                let issuer = try DistinguishedName(derEncoded: issuerNode)
                let validity = try DER.sequence(nodes.next() ?? issuerNode, identifier: .sequence) { times in
                    guard let from = times.next(), let to = times.next() else {
                        throw ASN1Error.invalidASN1Object(reason: "incomplete validity")
                    }
                    return Validity(notBefore: try ASN1Time.date(from: from), notAfter: try ASN1Time.date(from: to))
                }
                guard let subjectNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no subject") }
                let subject = try DistinguishedName(derEncoded: subjectNode)
                let spki = try SubjectPublicKeyInfo(derEncoded: &nodes)
                var extensions: [CertificateExtension] = []
                while let node = nodes.next() {
                    guard node.identifier.tagClass == .contextSpecific else { throw ASN1Error.unexpectedFieldType(node.identifier) }
                    switch node.identifier.tagNumber {
                    case 1, 2:
                        // issuerUniqueID / subjectUniqueID: allowed in v2 and v3, ignored.
                        guard version >= 1 else { throw ASN1Error.invalidASN1Object(reason: "unique identifiers in a v1 certificate") }
                    case 3:
                        guard version == 2 else { throw ASN1Error.invalidASN1Object(reason: "extensions in a v\(version + 1) certificate") }
                        extensions = try DER.explicitlyTagged(node, tagNumber: 3, tagClass: .contextSpecific) { inner in
                            try DERSequenceElements.of(inner).map(CertificateExtension.init)
                        }
                        // RFC 5280 §4.1.2.9: if present, the extensions field is a SEQUENCE of one or more.
                        if extensions.isEmpty { throw ASN1Error.invalidASN1Object(reason: "empty extensions") }
                    default:
                        throw ASN1Error.unexpectedFieldType(node.identifier)
                    }
                }
                fields = (version + 1, serial, algorithm, issuer, validity, subject, spki, extensions)
            }
            guard let fields else { throw ASN1Error.invalidASN1Object(reason: "empty TBSCertificate") }
            (version, (serialNumber, hasNegativeSerialNumber), tbsSignatureAlgorithm, issuer, validity, subject, subjectPublicKeyInfo) =
                (fields.0, fields.1, fields.2, fields.3, fields.4, fields.5, fields.6)
            extensions = try CertificateExtensions(fields.7)
        } catch let error as PKIError {
            throw error
        } catch {
            throw .malformedEncoding(what: "certificate", reason: "\(DecodingErrorText.sentence(error))")
        }
    }

    /// DER, PEM (`CERTIFICATE`), or bare base64 of DER, as NCA tools and users hand them over.
    public init(bytes: [UInt8]) throws(PKIError) {
        try self.init(derEncoded: try DERInput.decode(bytes, pemLabels: ["CERTIFICATE", "X509 CERTIFICATE"]))
    }

    /// The serial number as OpenSSL and the NCA registry print it: the DER content bytes in hex, without the
    /// 0x00 sign byte DER adds before a high bit.
    public var serialNumberHex: String {
        (hasNegativeSerialNumber ? "-" : "") + Hex.encode(serialNumber)
    }
    public var sha256Fingerprint: [UInt8] { DigestAlgorithm.sha256.hash(derEncoded) }
    public var sha1Fingerprint: [UInt8] { DigestAlgorithm.sha1.hash(derEncoded) }
    public var isSelfIssued: Bool { subject.matches(issuer) }

    /// The subject public key, decoded on first use and then reused.
    public var publicKey: PublicKey {
        get throws(PKIError) { try keyCache.key(for: subjectPublicKeyInfo) }
    }

    /// Certificates are equal when their DER is.
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.derEncoded == rhs.derEncoded }
    public func hash(into hasher: inout Swift.Hasher) { hasher.combine(derEncoded) }

    /// Whether `issuerKey` verifies this certificate's signature over the exact TBS bytes.
    public func isSignatureValid(issuerKey: PublicKey) throws(PKIError) -> Bool {
        do {
            let algorithm = try SignatureAlgorithm(algorithmIdentifier: signatureAlgorithm)
            return try issuerKey.isValidSignature(signature, for: tbsCertificateBytes, algorithm: algorithm)
        } catch {
            throw .crypto(error)
        }
    }

    public var description: String {
        "Certificate(subject: \(subject), issuer: \(issuer), serial: \(serialNumberHex))"
    }
}
