import Foundation

/// What every signature validation needs besides the signature: the trust anchors, the policy, and where
/// revocation data and issuer certificates come from. CMS, timestamp and XML validators share one.
public struct ValidationContext: Sendable {
    public let trustStore: TrustStore
    public let policy: ValidationPolicy
    /// The policy's id and hash, computed once.
    public let policyReference: CertificateValidationReport.PolicyReference
    /// Revocation evidence besides what a signature embeds: files, an evidence package, ``OnlineFetcher``.
    public let revocationSources: [any RevocationSource]
    /// Issuer certificates besides the embedded ones (AIA fetching).
    public let certificateSources: [any CertificateSource]
    /// Certificates to find signers and intermediates among (`--ca`), besides the embedded ones.
    public let extraCertificates: [Certificate]

    public init(
        trustStore: TrustStore, policy: ValidationPolicy = .kazakhstanDefault, revocationSources: [any RevocationSource] = [],
        certificateSources: [any CertificateSource] = [], extraCertificates: [Certificate] = []
    ) {
        self.trustStore = trustStore
        self.policy = policy
        self.policyReference = CertificateValidationReport.PolicyReference(policy)
        self.revocationSources = revocationSources
        self.certificateSources = certificateSources
        self.extraCertificates = extraCertificates
    }

    /// Where a signer certificate may be found after the signature's own: given certificates, then the trust store.
    public var candidateCertificates: [Certificate] { extraCertificates + trustStore.intermediates + trustStore.roots }

    public func signingCertificateValidator() -> SigningCertificateValidator {
        SigningCertificateValidator(
            trustStore: trustStore, revocation: RevocationChecker(maximumAge: policy.revocationMaximumAge), policy: policy,
            policyReference: policyReference)
    }
}
