import SwiftASN1

/// Who a certificate names, in the terms of the Kazakh NCA profile (docs/kazakh-eds.md §3.2):
/// `CN=<SURNAME NAME>`, `SURNAME`, `SERIALNUMBER=IIN…`, `GIVENNAME=<patronymic>`, `O`, `OU=BIN…`, and roles in the EKU.
public struct Signer: Sendable, Hashable, Codable {
    /// What the NCA issued the key for. 2004/RSA keys come in SIGN/AUTH pairs (policy and key usage tell them
    /// apart); GOST-2015 keys serve both (docs/kazakh-eds.md §3.2).
    public enum KeyPurpose: String, Sendable, Hashable, Codable {
        case signing, authentication, signingAndAuthentication, unknown
    }

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
    public let keyPurpose: KeyPurpose
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
        keyPurpose = Self.purpose(of: certificate)

        var warnings: [String] = []
        if let iin, !iin.hasValidCheckDigit { warnings.append("IIN \(iin) fails the check digit (normal for NCA test certificates)") }
        if let bin, !bin.hasValidCheckDigit { warnings.append("BIN \(bin) fails the check digit (normal for NCA test certificates)") }
        self.warnings = warnings
    }

    /// NCA policies 1.2.398.3.3.2.1/.2.3 are signing, .2.2/.2.4 authentication; otherwise key usage decides:
    /// nonRepudiation means signing, keyEncipherment or keyAgreement means authentication too.
    static func purpose(of certificate: Certificate) -> KeyPurpose {
        let policies = (((try? certificate.extensions.certificatePolicies) ?? nil) ?? []).map { $0.identifier.oidComponents }
        if policies.contains([1, 2, 398, 3, 3, 2, 1]) || policies.contains([1, 2, 398, 3, 3, 2, 3]) { return .signing }
        if policies.contains([1, 2, 398, 3, 3, 2, 2]) || policies.contains([1, 2, 398, 3, 3, 2, 4]) { return .authentication }
        guard let usage = (try? certificate.extensions.keyUsage) ?? nil else { return .unknown }
        let signs = usage.contains(KeyUsage.nonRepudiation)
        let authenticates = usage.contains(KeyUsage.keyEncipherment) || usage.contains(KeyUsage.keyAgreement)
        switch (signs, authenticates) {
        case (true, true): return .signingAndAuthentication
        case (true, false): return .signing
        case (false, true): return .authentication
        default: return usage.contains(KeyUsage.digitalSignature) ? .authentication : .unknown
        }
    }
}
