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
        /// EN 319 122-1 §5.5.3: archive-time-stamp-v3 (an unsigned attribute of the signer).
        public static let archiveTimeStampV3: ASN1ObjectIdentifier = [0, 4, 0, 1733, 2, 4]
        /// ETSI TS 101 733 archive-time-stamp-v2 (CAdES-A of the older specification).
        public static let archiveTimeStampV2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 48]
        /// ats-hash-index (TS 101 733 v2.2.1), -v2 (EN 319 122-1 v1.0.0) and -v3 (EN 319 122-1 v1.1.1 §5.5.2):
        /// an unsigned attribute of the archive timestamp's own SignerInfo.
        public static let atsHashIndex: ASN1ObjectIdentifier = [0, 4, 0, 1733, 2, 5]
        public static let atsHashIndexV2: ASN1ObjectIdentifier = [0, 4, 0, 19122, 1, 4]
        public static let atsHashIndexV3: ASN1ObjectIdentifier = [0, 4, 0, 19122, 1, 5]
        /// certificate-values and revocation-values (EN 319 122-1 §A.1.1, §A.1.2): validation data carried as
        /// unsigned attributes (CAdES-XL / -A of TS 101 733, and inside timestamp tokens).
        public static let certificateValues: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 23]
        public static let revocationValues: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 24]
        /// RFC 6960 §4.2.1: id-pkix-ocsp-basic, the responseType of a BasicOCSPResponse.
        public static let ocspBasic: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 1]
        /// RFC 5940 §3: an OCSP response carried in SignedData.crls as OtherRevocationInfoFormat.
        public static let ocspRevocationInfo: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 16, 2]
        /// RFC 3161 §2.3: the TSA certificate's extended key usage.
        public static let timeStamping: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 8]
    }
}
