import SenimCrypto
import SwiftASN1

/// The RFC 5280 §4 MUSTs on a single certificate that a relying party can check (x509-limbo's `rfc5280::*`):
/// criticality of AKI/SKI/AIA/BC/NC/PC, presence of AKI, SKI and basicConstraints where required, serial
/// number form, non-empty names, and a non-empty EKU.
///
/// Rules that bind the issuing CA rather than the relying party (``RelyingPartyProfile``) are refused under
/// `strict` and, under `lenient`, appended to `warnings` as sentences.
enum CertificateProfileCheck {
    typealias ID = ASN1ObjectIdentifier.CertificateExtensionID

    static func check(
        _ certificate: Certificate, isCA: Bool, requiresAuthorityKeyIdentifier: Bool,
        profile: RelyingPartyProfile = .strict, warnings: inout [String]
    ) throws(PathValidationFailure) {
        let name = certificate.subject.description.isEmpty ? "serial \(certificate.serialNumberHex)" : certificate.subject.description
        func violation(_ rule: String) -> PathValidationFailure { .profileViolation(certificate: name, rule: rule) }
        /// A MUST on the CA: refused when strict, a warning when lenient.
        func issuerRule(_ rule: String) throws(PathValidationFailure) {
            if profile == .strict { throw violation(rule) }
            warnings.append("profile warning: \(name) does not follow RFC 5280: \(rule) (accepted: the rule binds the CA)")
        }
        let extensions = certificate.extensions

        // §4.1.2.2: positive, at most 20 octets.
        let serial = certificate.serialNumber
        let contentLength = serial.count + (!certificate.hasNegativeSerialNumber && (serial.first ?? 0x80) & 0x80 != 0 ? 1 : 0)
        if contentLength > 20 { try issuerRule("serial number longer than 20 octets") }
        if serial.allSatisfy({ $0 == 0 }) { try issuerRule("serial number is zero") }
        if certificate.hasNegativeSerialNumber { try issuerRule("serial number is negative") }
        // §4.1.2.4: the issuer field MUST contain a non-empty distinguished name.
        if certificate.issuer.isEmpty { throw violation("empty issuer name") }
        // §4.1.1.2: the TBS signature field MUST equal signatureAlgorithm.
        if certificate.tbsSignatureAlgorithm != certificate.signatureAlgorithm {
            throw violation("inner and outer signature algorithms differ")
        }

        if extensions[ID.authorityKeyIdentifier]?.critical == true { try issuerRule("authorityKeyIdentifier MUST be non-critical") }
        if extensions[ID.subjectKeyIdentifier]?.critical == true { try issuerRule("subjectKeyIdentifier MUST be non-critical") }
        if extensions[ID.authorityInformationAccess]?.critical == true { try issuerRule("authorityInfoAccess MUST be non-critical") }
        if requiresAuthorityKeyIdentifier && extensions[ID.authorityKeyIdentifier] == nil {
            try issuerRule("authorityKeyIdentifier missing")
        }
        if let pc = extensions[ID.policyConstraints], !pc.critical { try issuerRule("policyConstraints MUST be critical") }
        if let nc = extensions[ID.nameConstraints] {
            // A CA certificate validated as the end of a path (a CRL signer, RFC 5280 §6.3.3 (f)) may carry them.
            let assertsCA = ((try? extensions.basicConstraints) ?? nil)?.isCertificateAuthority == true
            if !isCA && !assertsCA { throw violation("nameConstraints in an end-entity certificate") }
            if !nc.critical { try issuerRule("nameConstraints MUST be critical") }
        }
        // §4.2.1.6: with an empty subject, the SAN MUST be present and critical.
        if certificate.subject.isEmpty {
            if isCA { throw violation("CA certificate with an empty subject") }
            guard let san = extensions[ID.subjectAlternativeName], san.critical else {
                throw violation("empty subject requires a critical subjectAltName")
            }
        }
        do {
            if let eku = try extensions.extendedKeyUsage, eku.isEmpty { throw violation("empty extendedKeyUsage") }
            for name in try extensions.subjectAlternativeNames ?? [] where !GeneralNameSyntax.isWellFormed(name) {
                throw violation("malformed subjectAltName \(name)")
            }
            let constraints = try extensions.basicConstraints
            let usage = try extensions.keyUsage
            if usage?.contains(KeyUsage.keyCertSign) == true && constraints?.isCertificateAuthority != true {
                throw violation("keyCertSign asserted without basicConstraints cA")
            }
            if isCA {
                guard let constraints, constraints.isCertificateAuthority else {
                    throw PathValidationFailure.notACertificateAuthority(certificate: name)
                }
                if extensions[ID.basicConstraints]?.critical != true { try issuerRule("basicConstraints of a CA MUST be critical") }
                if extensions[ID.subjectKeyIdentifier] == nil { try issuerRule("subjectKeyIdentifier missing in a CA certificate") }
                if let usage, !usage.contains(KeyUsage.keyCertSign) {
                    throw PathValidationFailure.keyUsageForbids(certificate: name, usage: "keyCertSign")
                }
            }
        } catch let error as PathValidationFailure {
            throw error
        } catch {
            throw .malformed(certificate: name, reason: "\(DecodingErrorText.sentence(error))")
        }
    }

    /// Extensions this validator processes; any other critical extension fails the path (§6.1.4 (o), §6.1.5 (f)).
    static let recognised: Set<ASN1ObjectIdentifier> = [
        ID.subjectKeyIdentifier, ID.keyUsage, ID.subjectAlternativeName, ID.issuerAlternativeName, ID.basicConstraints,
        ID.nameConstraints, ID.crlDistributionPoints, ID.certificatePolicies, ID.policyMappings, ID.authorityKeyIdentifier,
        ID.policyConstraints, ID.extendedKeyUsage, ID.freshestCRL, ID.inhibitAnyPolicy, ID.authorityInformationAccess,
        ID.ocspNoCheck, ID.kzKeystoreBranch,
    ]
}
