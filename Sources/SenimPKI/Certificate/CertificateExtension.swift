import SwiftASN1

/// `Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`.
public struct CertificateExtension: Sendable, Hashable {
    public let oid: ASN1ObjectIdentifier
    public let critical: Bool
    /// The contents of extnValue: the DER of the extension's own type.
    public let value: [UInt8]

    init(derEncoded node: ASN1Node) throws {
        (oid, critical, value) = try DER.sequence(node, identifier: .sequence) { nodes in
            let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let critical = try DER.decodeDefault(&nodes, defaultValue: false)
            let value = try ASN1OctetString(derEncoded: &nodes)
            return (oid, critical, Array(value.bytes))
        }
    }
}

extension ASN1ObjectIdentifier {
    /// Certificate extension identifiers (RFC 5280 §4.2, RFC 6960, and the NCA keystore extension).
    public enum CertificateExtensionID {
        public static let subjectKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 14]
        public static let keyUsage: ASN1ObjectIdentifier = [2, 5, 29, 15]
        public static let subjectAlternativeName: ASN1ObjectIdentifier = [2, 5, 29, 17]
        public static let issuerAlternativeName: ASN1ObjectIdentifier = [2, 5, 29, 18]
        public static let basicConstraints: ASN1ObjectIdentifier = [2, 5, 29, 19]
        public static let nameConstraints: ASN1ObjectIdentifier = [2, 5, 29, 30]
        public static let crlDistributionPoints: ASN1ObjectIdentifier = [2, 5, 29, 31]
        public static let certificatePolicies: ASN1ObjectIdentifier = [2, 5, 29, 32]
        public static let policyMappings: ASN1ObjectIdentifier = [2, 5, 29, 33]
        public static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
        public static let policyConstraints: ASN1ObjectIdentifier = [2, 5, 29, 36]
        public static let extendedKeyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37]
        public static let freshestCRL: ASN1ObjectIdentifier = [2, 5, 29, 46]
        public static let inhibitAnyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 54]
        public static let authorityInformationAccess: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 1]
        public static let subjectInformationAccess: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 11]
        public static let ocspNoCheck: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 5]
        /// NCA RK "keystore branch" (docs/kazakh-eds.md §1.1), SEQUENCE { OID }; never critical.
        public static let kzKeystoreBranch: ASN1ObjectIdentifier = [1, 2, 398, 3, 3, 5]
    }
}
