/// How strictly a relying party holds certificates to the RFC 5280 §4 profile.
///
/// Many §4 MUSTs bind the issuing CA, not the relying party (basicConstraints and policyConstraints marked
/// critical, a subject key identifier in every CA certificate, positive serial numbers of at most 20 octets):
/// RFC 5280 §6.1 does not ask a verifier to check them, and NIST PKITS expects such paths to validate (4.6.4
/// "Valid basicConstraints Not Critical"). A forensic expert still wants to know, so `lenient` accepts them and
/// reports each as a profile warning; `strict` refuses them (x509-limbo's `rfc5280::*` expectations).
public enum RelyingPartyProfile: String, Sendable, Codable, Hashable, CaseIterable {
    case lenient
    case strict
}
