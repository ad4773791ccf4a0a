import SwiftASN1

/// Who a certificate names, in the terms of the Kazakh NCA profile (kz-eds.md §3.2):
/// `CN=<SURNAME NAME>`, `SURNAME`, `SERIALNUMBER=IIN…`, `GIVENNAME=<patronymic>`, `O`, `OU=BIN…`, and roles in the EKU.
public struct Signer: Sendable, Hashable, Codable {
    public let commonName: String?
    public let surname: String?
    /// The first name: CN minus the surname (NCA puts "SURNAME NAME" in CN).
    public let givenName: String?
    /// NCA's GIVENNAME attribute holds the patronymic.
    public let patronymic: String?
    public let iin: KazakhIdentifier?
    public let bin: KazakhIdentifier?
    public let organisation: String?
    public let email: String?
    public let roles: [SignerRole]
    /// Human-readable remarks, e.g. an IIN whose check digit fails (expected for NCA test certificates).
    public let warnings: [String]

    public init(certificate: Certificate) {
        typealias A = ASN1ObjectIdentifier.NameAttribute
        let subject = certificate.subject
        commonName = subject.commonName
        surname = subject.firstValue(of: A.surname)
        patronymic = subject.firstValue(of: A.givenName)
        if let cn = commonName, let surname, cn.hasPrefix(surname + " ") {
            givenName = String(cn.dropFirst(surname.count + 1))
        } else {
            givenName = nil
        }
        organisation = subject.firstValue(of: A.organization)

        // IIN in SERIALNUMBER ("IIN" + 12 digits); BIN in OU ("BIN" + 12 digits), or in SERIALNUMBER in some profiles.
        func identifier(prefix: String, kind: KazakhIdentifier.Kind, in values: [String]) -> KazakhIdentifier? {
            values.lazy.compactMap { value in
                value.hasPrefix(prefix) ? KazakhIdentifier(String(value.dropFirst(prefix.count)), kind: kind) : nil
            }.first
        }
        let serials = subject.values(of: A.serialNumber)
        iin = identifier(prefix: "IIN", kind: .iin, in: serials)
        bin = identifier(prefix: "BIN", kind: .bin, in: subject.values(of: A.organizationalUnit) + serials)

        var email = subject.firstValue(of: A.emailAddress)
        if email == nil, let names = try? certificate.extensions.subjectAlternativeNames {
            email = names.lazy.compactMap { if case .rfc822Name(let address) = $0 { return address } else { return nil } }.first
        }
        self.email = email
        roles = SignerRole.roles(fromExtendedKeyUsage: (try? certificate.extensions.extendedKeyUsage) ?? [])

        var warnings: [String] = []
        if let iin, !iin.hasValidCheckDigit { warnings.append("IIN \(iin) fails the check digit (normal for NCA test certificates)") }
        if let bin, !bin.hasValidCheckDigit { warnings.append("BIN \(bin) fails the check digit (normal for NCA test certificates)") }
        self.warnings = warnings
    }
}
