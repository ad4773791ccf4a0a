import Foundation

/// Builds candidate paths from an end-entity certificate to a trust anchor and validates them (RFC 5280 §6.1),
/// trying alternatives until one passes.
///
/// Issuers are found by name (anchors first, then intermediates whose subject key identifier matches the
/// authority key identifier); a certificate never appears twice in a path, so cycles end; depth and the number
/// of signature checks are bounded, so hostile inputs (x509-limbo "pathological") end quickly.
public struct CertificatePathValidator: Sendable {
    public let inputs: PathValidationInputs

    public init(inputs: PathValidationInputs) { self.inputs = inputs }

    public func validate(
        leaf: Certificate, intermediates: [Certificate] = [], revocationLists: [CertificateRevocationList] = []
    ) -> Result<ValidatedPath, PathValidationFailure> {
        // Every candidate the search hands over was built from verified links only.
        var validator = PathValidator(inputs: inputs, revocationLists: revocationLists, signaturesVerified: true)
        validator.certificatePool = intermediates + inputs.trustAnchors
        var search = Search(inputs: inputs, intermediates: intermediates)
        var lastFailure: PathValidationFailure = .noPathToTrustAnchor(
            "no issuer of \(PathValidator.label(leaf)) among the trust anchors and intermediates")
        var found: ValidatedPath?
        search.forEachCandidate(leaf: leaf) { path in
            switch Result(catching: { () throws(PathValidationFailure) -> ValidatedPath in try validator.validate(path) }) {
            case .success(let path):
                found = path
                return true
            case .failure(let failure):
                lastFailure = failure
                return false
            }
        }
        if let found { return .success(found) }
        if search.budgetExhausted { return .failure(.noPathToTrustAnchor("path search exceeded its signature-check budget")) }
        return .failure(lastFailure)
    }

    /// Depth-first enumeration of paths ending at a trust anchor.
    private struct Search {
        let inputs: PathValidationInputs
        let intermediates: [Certificate]
        var signatureChecks = 0
        var budgetExhausted = false

        mutating func forEachCandidate(leaf: Certificate, _ body: ([Certificate]) -> Bool) {
            var stop = false
            extend([leaf], body, &stop)
        }

        /// `chain` is end-entity first; a complete candidate is handed over anchor first.
        private mutating func extend(_ chain: [Certificate], _ body: ([Certificate]) -> Bool, _ stop: inout Bool) {
            guard !stop, let current = chain.last else { return }
            if chain.count > inputs.maximumPathLength { return }
            for anchor in inputs.trustAnchors where current.issuer.matches(anchor.subject) {
                if anchor == current {
                    // The chain reached a copy of the anchor among the intermediates (a CMS often carries its root):
                    // the anchor stands for that copy, and every certificate below it is still validated.
                    if body([anchor] + chain.dropLast().reversed()) {
                        stop = true
                        return
                    }
                    continue
                }
                guard signs(anchor, current) else { continue }
                if body([anchor] + chain.reversed()) {
                    stop = true
                    return
                }
                if stop { return }
            }
            // Logical intermediates: a self-issued certificate (key rollover) does not add depth.
            let logicalIntermediates = chain.dropFirst().filter { !$0.isSelfIssued }.count
            let candidates = intermediates.filter { candidate in
                current.issuer.matches(candidate.subject) && !chain.contains(candidate)
                    && !chain.contains {
                        $0.subject.matches(candidate.subject) && $0.subjectPublicKeyInfo == candidate.subjectPublicKeyInfo
                    }
            }
            let aki = (try? current.extensions.authorityKeyIdentifier)?.keyIdentifier
            let ordered = candidates.sorted { first, _ in (try? first.extensions.subjectKeyIdentifier) == aki }
            for candidate in ordered {
                if stop || budgetExhausted { return }
                if let limit = inputs.maximumIntermediates, logicalIntermediates + (candidate.isSelfIssued ? 0 : 1) > limit { continue }
                guard signs(candidate, current) else { continue }
                extend(chain + [candidate], body, &stop)
            }
        }

        private mutating func signs(_ issuer: Certificate, _ subject: Certificate) -> Bool {
            signatureChecks += 1
            if signatureChecks > inputs.signatureCheckBudget {
                budgetExhausted = true
                return false
            }
            // Only a DSA key without parameters needs the pool (RFC 5280 §6.1.4 (d)–(f)); the common case stays cheap.
            let key =
                KeyParameterInheritance.inheritsParameters(issuer)
                ? KeyParameterInheritance.publicKey(of: issuer, pool: intermediates + inputs.trustAnchors) : try? issuer.publicKey
            guard let key else { return false }
            return (try? subject.isSignatureValid(issuerKey: key)) == true
        }
    }
}
