import Foundation
import SenimCrypto
import SwiftASN1

/// RFC 5280 §6.1 basic path validation over one candidate path (trust anchor first, end-entity last).
///
/// The trust anchor's own certificate is held to the CA profile too (validity, basicConstraints, critical
/// extensions, name constraints, path length), as RFC 5937 allows and relying parties in practice expect.
struct PathValidator {
    let inputs: PathValidationInputs
    let revocationLists: [CertificateRevocationList]
    /// True when every link was verified while the path was built (the builder only follows verified links),
    /// so the signatures are not checked twice.
    var signaturesVerified = false
    /// Every certificate at hand (intermediates and anchors): issuers' other keys and CRL signers come from here.
    var certificatePool: [Certificate] = []

    func validate(_ path: [Certificate]) throws(PathValidationFailure) -> ValidatedPath {
        let n = path.count - 1 // certificates after the anchor
        // RFC 5280 validity has one-second granularity: compare at floor(time) (x509-limbo notafter-fractional).
        let time = Date(timeIntervalSince1970: inputs.validationTime.timeIntervalSince1970.rounded(.down))
        var policyTree = PolicyTree()
        var explicitPolicy = inputs.initialExplicitPolicy ? 0 : n + 1
        var inhibitAnyPolicy = inputs.initialAnyPolicyInhibit ? 0 : n + 1
        var policyMapping = inputs.initialPolicyMappingInhibit ? 0 : n + 1
        var maxPathLength = n
        var names = NameConstraintsState()
        var warnings: [String] = []

        for (k, certificate) in path.enumerated() {
            let label = Self.label(certificate)
            let isLeaf = k == n
            let isAnchor = k == 0
            let selfIssued = certificate.isSelfIssued
            let isCA = !isLeaf || (isAnchor && n == 0)
            // A trust anchor is trusted by configuration, so it need not carry an authorityKeyIdentifier.
            if inputs.enforceProfile {
                try CertificateProfileCheck.check(
                    certificate, isCA: isCA && !(isLeaf && !isAnchor),
                    requiresAuthorityKeyIdentifier: !isAnchor && !selfIssued,
                    profile: inputs.profile, warnings: &warnings)
            }

            // §6.1.3 (a): signature with the working key, validity, issuer name.
            if !isAnchor {
                let issuer = path[k - 1]
                guard certificate.issuer.matches(issuer.subject) else { throw .noPathToTrustAnchor("issuer name mismatch at \(label)") }
                if !signaturesVerified {
                    let valid: Bool
                    do {
                        let key: PublicKey
                        if KeyParameterInheritance.inheritsParameters(issuer),
                            let inherited = KeyParameterInheritance.publicKey(of: issuer, pool: path + certificatePool)
                        {
                            key = inherited
                        } else {
                            key = try issuer.publicKey
                        }
                        valid = try certificate.isSignatureValid(issuerKey: key)
                    } catch {
                        throw .malformed(certificate: label, reason: error.description)
                    }
                    guard valid else { throw .signatureInvalid(certificate: label) }
                }
                try checkRevocation(certificate, issuer: issuer, warnings: &warnings)
            }
            if time < certificate.validity.notBefore { throw .notYetValid(certificate: label) }
            if time > certificate.validity.notAfter { throw .expired(certificate: label) }

            // Critical extensions must all be understood (§6.1.4 (o), §6.1.5 (f)).
            for item in certificate.extensions where item.critical && !CertificateProfileCheck.recognised.contains(item.oid) {
                throw .unknownCriticalExtension(certificate: label, oid: item.oid.description)
            }

            // §6.1.3 (b)–(c): names, except for self-issued intermediates.
            if !isAnchor && (isLeaf || !selfIssued) { try checkNames(certificate, label: label, against: &names) }

            // §6.1.3 (d)–(f): policies (the anchor is not processed, per §6.1).
            if !isAnchor {
                let policies: [PolicyInformation]?
                do { policies = try certificate.extensions.certificatePolicies } catch {
                    throw .malformed(certificate: label, reason: "\(DecodingErrorText.sentence(error))")
                }
                if let policies {
                    policyTree.process(policies: policies, depth: k, anyPolicyAllowed: inhibitAnyPolicy > 0 || (!isLeaf && selfIssued))
                } else {
                    policyTree.clear()
                }
                guard explicitPolicy > 0 || !policyTree.isNull else { throw .policyFailure("no acceptable policy at \(label)") }
            }

            if isLeaf { break }

            // §6.1.4: preparation for the next certificate.
            do {
                if !isAnchor, let mappings = try certificate.extensions.policyMappings {
                    if mappings.contains(where: {
                        $0.issuerDomainPolicy == PolicyInformation.anyPolicy || $0.subjectDomainPolicy == PolicyInformation.anyPolicy
                    }) {
                        throw PathValidationFailure.policyFailure("anyPolicy in policyMappings of \(label)")
                    }
                    policyTree.applyMappings(mappings, depth: k, mappingAllowed: policyMapping > 0, anyPolicyQualifiersPresent: false)
                }
                if let constraints = try certificate.extensions.nameConstraints { names.add(constraints) }
                if !isAnchor && !selfIssued {
                    if explicitPolicy > 0 { explicitPolicy -= 1 }
                    if policyMapping > 0 { policyMapping -= 1 }
                    if inhibitAnyPolicy > 0 { inhibitAnyPolicy -= 1 }
                }
                if !isAnchor, let constraints = try certificate.extensions.policyConstraints {
                    if let require = constraints.requireExplicitPolicy, require < explicitPolicy { explicitPolicy = require }
                    if let inhibit = constraints.inhibitPolicyMapping, inhibit < policyMapping { policyMapping = inhibit }
                }
                if !isAnchor, let inhibit = try certificate.extensions.inhibitAnyPolicy, inhibit < inhibitAnyPolicy {
                    inhibitAnyPolicy = inhibit
                }
                // (k)–(m): basicConstraints and path length.
                if !isAnchor && !selfIssued {
                    guard maxPathLength > 0 else { throw PathValidationFailure.pathLengthExceeded(certificate: label) }
                    maxPathLength -= 1
                }
                if let length = try certificate.extensions.basicConstraints?.pathLengthConstraint, length < maxPathLength {
                    maxPathLength = length
                }
            } catch let error as PathValidationFailure {
                throw error
            } catch {
                throw .malformed(certificate: label, reason: "\(DecodingErrorText.sentence(error))")
            }
        }

        // §6.1.5 wrap-up.
        let leaf = path[n]
        if explicitPolicy > 0 { explicitPolicy -= 1 }
        if n > 0, let constraints = try? leaf.extensions.policyConstraints, constraints.requireExplicitPolicy == 0 { explicitPolicy = 0 }
        let policies = n > 0 ? policyTree.intersect(with: inputs.initialPolicySet, depth: n) : []
        // A trusted certificate on its own (n = 0) is a path of no certificates: its policy tree is {anyPolicy}.
        guard n == 0 || explicitPolicy > 0 || !policies.isEmpty else {
            throw .policyFailure("the path supports none of the acceptable policies")
        }

        if !inputs.requiredExtendedKeyUsages.isEmpty, let eku = try? leaf.extensions.extendedKeyUsage {
            let anyExtendedKeyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37, 0]
            for required in inputs.requiredExtendedKeyUsages where !eku.contains(required) && !eku.contains(anyExtendedKeyUsage) {
                throw .extendedKeyUsageMissing(required.description)
            }
        }
        var validated = ValidatedPath(certificates: path, policies: policies)
        validated.warnings = warnings
        return validated
    }

    /// Subject DN, e-mail attributes and subjectAltNames against the accumulated constraints.
    private func checkNames(_ certificate: Certificate, label: String, against names: inout NameConstraintsState)
        throws(PathValidationFailure)
    {
        guard !names.isEmpty else { return }
        var candidates: [GeneralName] = []
        if !certificate.subject.isEmpty { candidates.append(.directoryName(certificate.subject)) }
        candidates += certificate.subject.values(of: ASN1ObjectIdentifier.NameAttribute.emailAddress).map { GeneralName.rfc822Name($0) }
        do { candidates += try certificate.extensions.subjectAlternativeNames ?? [] } catch {
            throw .malformed(certificate: label, reason: "\(DecodingErrorText.sentence(error))")
        }
        for name in candidates where try !names.allows(name) {
            throw .nameConstraintViolated(certificate: label, name: name.description)
        }
    }

    /// Revocation against the given CRLs, by the same rules signatures use (``RevocationChecker``, RFC 5280 §6.3):
    /// a revocation at or before the validation time fails the path, and so does non-conforming revocation data
    /// from the issuer. Absent or stale data fails it only when ``PathValidationInputs/revocationRequired``.
    private func checkRevocation(_ certificate: Certificate, issuer: Certificate, warnings: inout [String]) throws(PathValidationFailure) {
        guard !revocationLists.isEmpty || inputs.revocationRequired else { return }
        var checker = RevocationChecker(revocationLists: revocationLists)
        checker.crlSignerCandidates = certificatePool
        let nested = inputs
        let pool = certificatePool
        let lists = revocationLists
        // §6.3.3 (f): a CRL signer other than the issuer is validated on its own path, with the same anchors.
        checker.crlSignerValidator = { signer in
            guard nested.crlSignerDepth < 3 else { return false }
            var inputs = nested
            inputs.crlSignerDepth += 1
            inputs.initialPolicySet = [PolicyInformation.anyPolicy]
            inputs.initialExplicitPolicy = false
            inputs.requiredExtendedKeyUsages = []
            inputs.maximumIntermediates = nil
            let result = CertificatePathValidator(inputs: inputs).validate(leaf: signer, intermediates: pool, revocationLists: lists)
            if case .success = result { return true }
            return false
        }
        let check = checker.check(certificate, issuer: issuer, at: inputs.validationTime)
        warnings += check.warnings
        if case .revoked(let at, let reason) = check.status {
            let why = reason.map { " (\($0))" } ?? ""
            throw .revoked(certificate: Self.label(certificate), reason: "listed on the CRL since \(at.iso8601)\(why)")
        }
        if let defect = check.defects.first {
            throw .profileViolation(certificate: "revocation data of \(Self.label(issuer))", rule: defect)
        }
        if inputs.revocationRequired, case .unknown(let subIndication, let reason) = check.status {
            throw .revocationUnknown(certificate: Self.label(certificate), reason: reason, subIndication: subIndication)
        }
    }

    static func label(_ certificate: Certificate) -> String {
        certificate.subject.commonName
            ?? (certificate.subject.isEmpty ? "serial \(certificate.serialNumberHex)" : certificate.subject.description)
    }
}
