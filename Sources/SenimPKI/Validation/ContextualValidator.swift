/// A validator whose only input besides the signature is a ``ValidationContext``. Conforming gives it the initialiser
/// from the context's parts, so each validator writes only `init(context:)`.
public protocol ContextualValidator {
    init(context: ValidationContext)
}

extension ContextualValidator {
    /// - Parameters:
    ///   - revocationSources: evidence besides what the signature embeds (files, an evidence package, ``OnlineFetcher``).
    ///   - certificateSources: issuer certificates besides the embedded ones (AIA fetching).
    ///   - extraCertificates: certificates to find signers and intermediates among (`--ca`).
    public init(
        trustStore: TrustStore, policy: ValidationPolicy = .kazakhstanDefault, revocationSources: [any RevocationSource] = [],
        certificateSources: [any CertificateSource] = [], extraCertificates: [Certificate] = []
    ) {
        self.init(
            context: ValidationContext(
                trustStore: trustStore, policy: policy, revocationSources: revocationSources,
                certificateSources: certificateSources, extraCertificates: extraCertificates))
    }
}
