import SwiftASN1

extension ASN1ObjectIdentifier {
    /// Content types, attributes and revocation formats of CMS (RFC 5652), ESS (RFC 2634, RFC 5035),
    /// RFC 3161 timestamps, CAdES (ETSI EN 319 122-1) and RFC 5940.
    public enum CMS {
        public static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
        public static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
        public static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
        public static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
        public static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
        public static let signingTime: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]
        public static let counterSignature: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 6]
        public static let signingCertificate: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 12]
        public static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 47]
        public static let signatureTimeStampToken: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 14]
        public static let contentTimeStamp: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 20]
        /// RFC 5940 §3: an OCSP response carried in SignedData.crls as OtherRevocationInfoFormat.
        public static let ocspRevocationInfo: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 16, 2]
        /// RFC 3161 §2.3: the TSA certificate's extended key usage.
        public static let timeStamping: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 8]
    }
}
