import SwiftASN1

/// Attribute types found in NCA RK subject names (docs/kazakh-eds.md §3.2) and in RFC 5280 / RFC 4519 names.
extension ASN1ObjectIdentifier {
    public enum NameAttribute {
        public static let commonName: ASN1ObjectIdentifier = [2, 5, 4, 3]
        /// SURNAME: the family name.
        public static let surname: ASN1ObjectIdentifier = [2, 5, 4, 4]
        /// SERIALNUMBER: in NCA certificates "IIN" followed by 12 digits (or "BIN…" in some profiles).
        public static let serialNumber: ASN1ObjectIdentifier = [2, 5, 4, 5]
        public static let country: ASN1ObjectIdentifier = [2, 5, 4, 6]
        public static let locality: ASN1ObjectIdentifier = [2, 5, 4, 7]
        public static let stateOrProvince: ASN1ObjectIdentifier = [2, 5, 4, 8]
        public static let organization: ASN1ObjectIdentifier = [2, 5, 4, 10]
        /// OU: in NCA legal-entity certificates "BIN" followed by 12 digits.
        public static let organizationalUnit: ASN1ObjectIdentifier = [2, 5, 4, 11]
        public static let title: ASN1ObjectIdentifier = [2, 5, 4, 12]
        public static let businessCategory: ASN1ObjectIdentifier = [2, 5, 4, 15]
        /// GIVENNAME: in NCA certificates this holds the **patronymic** (the first name is in CN).
        public static let givenName: ASN1ObjectIdentifier = [2, 5, 4, 42]
        public static let emailAddress: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 1]
        public static let domainComponent: ASN1ObjectIdentifier = [0, 9, 2342, 19_200_300, 100, 1, 25]
        public static let userID: ASN1ObjectIdentifier = [0, 9, 2342, 19_200_300, 100, 1, 1]
    }
}

extension DistinguishedName {
    /// Short names for printing (RFC 4514 where defined, OpenSSL's otherwise).
    static func shortName(_ type: ASN1ObjectIdentifier) -> String {
        typealias A = ASN1ObjectIdentifier.NameAttribute
        switch type {
        case A.commonName: return "CN"
        case A.surname: return "SURNAME"
        case A.serialNumber: return "SERIALNUMBER"
        case A.country: return "C"
        case A.locality: return "L"
        case A.stateOrProvince: return "ST"
        case A.organization: return "O"
        case A.organizationalUnit: return "OU"
        case A.title: return "T"
        case A.businessCategory: return "BUSINESSCATEGORY"
        case A.givenName: return "G"
        case A.emailAddress: return "E"
        case A.domainComponent: return "DC"
        case A.userID: return "UID"
        default: return type.description
        }
    }
}
