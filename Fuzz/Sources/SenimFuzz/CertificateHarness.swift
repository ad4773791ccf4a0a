import SenimCrypto
import SenimPKI

/// `Certificate(bytes:)` (DER, PEM, base64) and the typed views the validator reads from a certificate.
///
/// Invariant: parse → `derEncoded` → parse gives the same certificate, field by field.
enum CertificateHarness {
    static let harness = Harness(name: "certificate", summary: "X.509 certificate: Certificate(bytes:), extensions, key") { bytes in
        guard let certificate = try? Certificate(bytes: bytes) else { return }
        exercise(certificate)
        let again: Certificate
        do { again = try Certificate(derEncoded: certificate.derEncoded) } catch {
            Invariant.check(false, "a parsed certificate's own DER does not parse again: \(error)")
            return
        }
        Invariant.check(again == certificate, "the re-parsed certificate differs")
        Invariant.check(again.serialNumber == certificate.serialNumber, "serial number changed on re-parse")
        Invariant.check(again.issuer == certificate.issuer && again.subject == certificate.subject, "names changed on re-parse")
        Invariant.check(again.validity == certificate.validity, "validity changed on re-parse")
        Invariant.check(again.extensions == certificate.extensions, "extensions changed on re-parse")
        Invariant.check(again.tbsCertificateBytes == certificate.tbsCertificateBytes, "TBSCertificate bytes changed on re-parse")
        Invariant.check(again.description == certificate.description, "description changed on re-parse")
    }

    /// Every decoder a validation may run on a certificate.
    static func exercise(_ certificate: Certificate) {
        _ = certificate.description
        _ = certificate.serialNumberHex
        let extensions = certificate.extensions
        _ = try? extensions.basicConstraints
        _ = try? extensions.keyUsage
        _ = try? extensions.extendedKeyUsage
        _ = try? extensions.certificatePolicies
        _ = try? extensions.policyMappings
        _ = try? extensions.policyConstraints
        _ = try? extensions.inhibitAnyPolicy
        _ = try? extensions.nameConstraints
        _ = try? extensions.subjectAlternativeNames
        _ = try? extensions.issuerAlternativeNames
        _ = try? extensions.subjectKeyIdentifier
        _ = try? extensions.authorityKeyIdentifier
        _ = try? extensions.authorityInformationAccess
        _ = try? extensions.crlDistributionPoints
        _ = try? extensions.freshestCRL
        _ = certificate.isSelfIssued
        if let key = try? certificate.publicKey { _ = try? certificate.isSignatureValid(issuerKey: key) }
    }
}
