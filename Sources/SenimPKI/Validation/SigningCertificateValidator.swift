import Foundation
import SenimCrypto

/// Validates a signer's certificate the way a signature validation needs it (ETSI EN 319 102-1 §5.2.6 X.509
/// certificate validation): RFC 5280 path to a trust anchor, revocation of every certificate in the path from
/// verified CRL/OCSP evidence, and the policy's constraints on the signing certificate.
public struct SigningCertificateValidator: Sendable {
    public let trustStore: TrustStore
    public let revocation: RevocationChecker
    public let policy: ValidationPolicy
    /// The policy's id and hash, computed once (hashing canonical JSON is not free).
    public let policyReference: CertificateValidationReport.PolicyReference

    public init(
        trustStore: TrustStore, revocation: RevocationChecker = RevocationChecker(), policy: ValidationPolicy = .kazakhstanDefault,
        policyReference: CertificateValidationReport.PolicyReference? = nil
    ) {
        self.trustStore = trustStore
        self.revocation = revocation
        self.policy = policy
        self.policyReference = policyReference ?? CertificateValidationReport.PolicyReference(policy)
    }

    /// - Parameters:
    ///   - time: the validation time (now, a pinned time, or the best signature time).
    ///   - extraIntermediates: certificates that came with the signature.
    ///   - signatureAlgorithm: the algorithm of the signature, for the policy's algorithm rules.
    public func validate(
        _ certificate: Certificate, at time: Date, extraIntermediates: [Certificate] = [],
        signatureAlgorithm: SignatureAlgorithm? = nil, pathInputs: PathValidationInputs? = nil
    ) -> CertificateValidationReport {
        evaluate(
            buildPath(certificate, at: time, extraIntermediates: extraIntermediates, pathInputs: pathInputs),
            certificate: certificate, at: time, signatureAlgorithm: signatureAlgorithm, crlSigners: extraIntermediates)
    }

    /// RFC 5280 path building and validation at `time`.
    func buildPath(_ certificate: Certificate, at time: Date, extraIntermediates: [Certificate], pathInputs: PathValidationInputs?)
        -> Result<ValidatedPath, PathValidationFailure>
    {
        var inputs = pathInputs ?? PathValidationInputs(validationTime: time, trustAnchors: trustStore.roots)
        inputs.validationTime = time
        if pathInputs == nil { inputs.trustAnchors = trustStore.roots }
        inputs.enforceProfile = inputs.enforceProfile && policy.enforceCertificateProfile
        if let profile = policy.relyingPartyProfile { inputs.profile = profile }
        return CertificatePathValidator(inputs: inputs).validate(
            leaf: certificate, intermediates: extraIntermediates + trustStore.intermediates)
    }

    /// Revocation and policy constraints over a path already built (or the path failure, reported as it is).
    func evaluate(
        _ built: Result<ValidatedPath, PathValidationFailure>, certificate: Certificate, at time: Date,
        signatureAlgorithm: SignatureAlgorithm?, crlSigners: [Certificate] = []
    ) -> CertificateValidationReport {
        let path: ValidatedPath
        switch built {
        case .failure(let failure):
            return CertificateValidationReport(
                indication: failure.subIndication.indication, subIndication: failure.subIndication, validationTime: time,
                policy: policyReference,
                chain: [.init(certificate: CertificateSummary(certificate: certificate), trusted: false, revocation: nil)],
                messages: [failure.description])
        case .success(let validated):
            path = validated
        }

        // Revocation of each certificate below the anchor, leaf first, so the signer's own status leads the verdict
        // (a revoked CA is reported as REVOKED_CA_NO_POE).
        var messages: [String] = path.warnings
        var verdict: (Indication, SubIndication)?
        var checks: [Int: RevocationCheck] = [:]
        let mode = policy.effectiveRevocationMode
        // RFC 5280 §6.3.3 (f): CRLs signed by another key of the issuer, or by an indirect CRL issuer, are used once
        // the signer's own path validates to one of the trust anchors.
        var revocation = self.revocation
        let pool = path.certificates + trustStore.intermediates + trustStore.roots + crlSigners
        revocation.crlSignerCandidates = pool
        let anchors = trustStore.roots.isEmpty ? [path.trustAnchor] : trustStore.roots
        // The signer's own path is checked against the same CRLs: a revoked CRL signer decides nothing (PKITS 4.4.21).
        let lists = revocation.revocationLists
        let profile = policy.relyingPartyProfile ?? .lenient
        let requireStatus = mode == .require
        revocation.crlSignerValidator = { signer in
            var inputs = PathValidationInputs(validationTime: time, trustAnchors: anchors)
            inputs.profile = profile
            inputs.revocationRequired = requireStatus
            let result = CertificatePathValidator(inputs: inputs).validate(leaf: signer, intermediates: pool, revocationLists: lists)
            if case .success = result { return true }
            return false
        }
        for index in stride(from: path.certificates.count - 1, through: 1, by: -1) {
            let subject = path.certificates[index]
            let issuer = path.certificates[index - 1]
            let check = revocation.check(subject, issuer: issuer, at: time)
            checks[index] = check
            messages += check.warnings
            let isLeaf = index == path.certificates.count - 1
            switch check.status {
            case .good(let later):
                if let later { messages.append("\(PathValidator.label(subject)) was revoked later, at \(later.iso8601)") }
            case .revoked(let at, let reason):
                messages.append("\(PathValidator.label(subject)) was revoked at \(at.iso8601)\(reason.map { " (\($0))" } ?? "")")
                if verdict == nil { verdict = (.indeterminate, isLeaf ? .revokedNoPOE : .revokedCANoPOE) }
            case .unknown(let subIndication, let reason):
                messages.append("revocation status of \(PathValidator.label(subject)) unknown: \(reason)")
                let names = Self.namesRevocationSource(subject)
                let decisive =
                    switch mode {
                    case .require: true
                    case .hardFail: check.sawEvidence || names
                    case .softFail: false
                    }
                if decisive && (isLeaf || policy.revocationRequiredForCACertificates) && verdict == nil {
                    verdict = (.indeterminate, subIndication)
                }
            }
        }

        // The policy's constraints on the signing certificate.
        for violation in SigningCertificateConstraints.violations(
            of: certificate, signatureAlgorithm: signatureAlgorithm, signingTime: time, policy: policy)
        {
            messages.append(violation.description)
            if verdict == nil { verdict = (violation.subIndication.indication, violation.subIndication) }
        }

        let chain = path.certificates.enumerated().reversed().map { index, element in
            CertificateValidationReport.ChainElement(
                certificate: CertificateSummary(certificate: element), trusted: index == 0,
                revocation: checks[index].map(CertificateValidationReport.Revocation.init))
        }
        return CertificateValidationReport(
            indication: verdict?.0 ?? .totalPassed, subIndication: verdict?.1, validationTime: time,
            policy: policyReference, chain: chain, messages: messages)
    }

    /// The certificate names where its revocation status is published (CRL distribution points or an OCSP responder).
    static func namesRevocationSource(_ certificate: Certificate) -> Bool {
        let points = ((try? certificate.extensions.crlDistributionPoints) ?? nil) ?? []
        let access = ((try? certificate.extensions.authorityInformationAccess) ?? nil) ?? []
        return !points.isEmpty || access.contains { $0.method == AccessDescription.ocsp }
    }
}
