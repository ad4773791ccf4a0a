import Foundation
import SenimCrypto

extension SigningCertificateValidator {
    /// Validates with evidence gathered from sources (files, embedded data, the network): issuer certificates
    /// from the certificate sources (up to `maximumIssuerFetches` levels) when no path exists yet, then revocation
    /// data for every certificate on the path from the revocation sources. Evidence already in ``revocation`` is
    /// kept; the documents gathered are returned so the caller can store them as evidence.
    public func validate(
        _ certificate: Certificate, at time: Date, revocationSources: [any RevocationSource],
        certificateSources: [any CertificateSource] = [], extraIntermediates: [Certificate] = [],
        signatureAlgorithm: SignatureAlgorithm? = nil, pathInputs: PathValidationInputs? = nil,
        maximumIssuerFetches: Int = 3
    ) async -> (report: CertificateValidationReport, fetched: [FetchedDocument], errors: [String]) {
        var intermediates = extraIntermediates
        var documents: [FetchedDocument] = []
        var errors: [String] = []

        // Walk AIA caIssuers upward until a path exists or the limit is reached.
        var current = certificate
        var built = buildPath(certificate, at: time, extraIntermediates: intermediates, pathInputs: pathInputs)
        var fetches = 0
        while case .failure = built, fetches < maximumIssuerFetches, !certificateSources.isEmpty {
            fetches += 1
            var candidates: [Certificate] = []
            for source in certificateSources {
                let result = await source.issuers(of: current)
                candidates += result.certificates
                documents += result.documents
                errors += result.errors
            }
            guard let issuer = candidates.first(where: { !intermediates.contains($0) }) else { break }
            intermediates.append(issuer)
            current = issuer
            built = buildPath(certificate, at: time, extraIntermediates: intermediates, pathInputs: pathInputs)
        }

        var lists = revocation.revocationLists
        var responses = revocation.ocspResponses
        var nonce = revocation.expectedNonce
        if case .success(let found) = built {
            for index in 1..<found.certificates.count {
                for source in revocationSources {
                    let result = await source.revocationData(
                        for: found.certificates[index], issuer: found.certificates[index - 1], at: time)
                    lists += result.revocationLists
                    responses += result.ocspResponses
                    if result.ocspNonce != nil { nonce = result.ocspNonce }
                    documents += result.documents
                    errors += result.errors
                }
            }
        }
        // The path found above is evaluated as it is: building it again would repeat every signature check.
        let checker = RevocationChecker(
            revocationLists: lists, ocspResponses: responses, expectedNonce: nonce, maximumAge: revocation.maximumAge)
        let validator = SigningCertificateValidator(
            trustStore: trustStore, revocation: checker, policy: policy, policyReference: policyReference)
        let report = validator.evaluate(
            built, certificate: certificate, at: time, signatureAlgorithm: signatureAlgorithm, crlSigners: intermediates)
        return (report, documents, errors)
    }
}
