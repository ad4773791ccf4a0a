import Foundation
import SenimCrypto
import SwiftASN1

/// CRL processing of RFC 5280 §6.3.3: for each distribution point of the certificate, the complete CRLs in its
/// scope (issuer or cRLIssuer, issuingDistributionPoint names, user/CA/attribute partitions, reason partitions)
/// are used until the reasons mask covers all reasons or the certificate is found revoked; each CRL is
/// checked for freshness and unrecognised critical extensions, its signer is found and validated (the issuer,
/// another key of the same CA name after a key rollover, or the delegated issuer of an indirect CRL), and a
/// delta CRL with the same scope and a base no newer than the complete CRL is applied on top of it (§5.2.4).
extension RevocationChecker {
    /// nil when no CRL speaks for this certificate's issuer; failure when CRLs in scope cannot decide.
    func evaluateCRLs(certificate: Certificate, issuer: Certificate, at time: Date) -> Result<RevocationCheck, Unusable>? {
        guard !revocationLists.isEmpty else { return nil }
        let points: [DistributionPoint?]
        do {
            let listed = try certificate.extensions.crlDistributionPoints ?? []
            points = listed.isEmpty ? [nil] : listed
        } catch {
            return .failure(Unusable(.revocationOutOfBoundsNoPOE, "the certificate's CRL distribution points cannot be read"))
        }
        let isCA = ((try? certificate.extensions.basicConstraints) ?? nil)?.isCertificateAuthority == true
        var mask = ReasonFlags()
        var revocation: CertificateRevocationList.Entry?
        var relevant = false
        var failures: [Unusable] = []
        var decidedBy: [String] = []
        var warnings: [String] = []
        var latest: Date?
        var nextUpdate: Date?

        search: for point in points {
            for crl in revocationLists where !crl.isDelta {
                if mask == .all || revocation != nil { break search }
                guard let reasons = scope(of: crl, point: point, certificate: certificate, isCA: isCA) else { continue }
                relevant = true
                // (d): the CRL must add a reason not yet covered.
                guard !reasons.subtracting(mask).isEmpty else { continue }
                if let problem = unusability(of: crl, time: time) {
                    failures.append(problem)
                    continue
                }
                let direct = crl.issuer.matches(issuer.subject)
                switch signer(of: crl, issuer: issuer, subject: certificate) {
                case .failure(let problem):
                    failures.append(problem)
                    continue
                case .success: break
                }
                // RFC 5280 §5.2.3: conforming CRL issuers MUST include the CRL number and mark it non-critical.
                if crl.version == 2 && (crl.crlNumber == nil || crl.crlNumberIsCritical) {
                    failures.append(Unusable(.revocationOutOfBoundsNoPOE, "the CRL number is missing or critical", defect: direct))
                    continue
                }
                // (c)/(e)/(g): the delta CRL of the same scope, if any.
                var delta: CertificateRevocationList?
                if useDeltas {
                    switch self.delta(for: crl, issuer: issuer, subject: certificate, time: time) {
                    case .failure(let problem):
                        failures.append(problem)
                        continue
                    case .success(let found): delta = found
                    }
                }
                // (h)–(j): the delta first, then the complete CRL; removeFromCRL in the delta takes the entry off.
                var entry = delta.flatMap { lookup(certificate, in: $0) }
                if entry == nil { entry = lookup(certificate, in: crl) }
                if entry?.reason == .removeFromCRL { entry = nil }
                if entry == nil && crl.thisUpdate > certificate.validity.notAfter {
                    // Expired certificates are dropped from NCA CRLs, so absence after expiry proves nothing (MANIFEST §3).
                    failures.append(
                        Unusable(
                            .revocationOutOfBoundsNoPOE,
                            "the CRL was issued after the certificate expired; absence proves nothing"))
                    continue
                }
                if crl.hasNegativeSerialNumbers || delta?.hasNegativeSerialNumbers == true {
                    warnings.append(
                        "profile warning: the CRL of \(crl.issuer) lists negative serial numbers "
                            + "(RFC 5280 §5.2.1 forbids them)")
                }
                decidedBy.append(Self.describe(crl))
                if let delta { decidedBy.append(Self.describe(delta)) }
                let issued = max(crl.thisUpdate, delta?.thisUpdate ?? crl.thisUpdate)
                if latest.map({ issued > $0 }) ?? true {
                    latest = issued
                    nextUpdate = delta?.nextUpdate ?? crl.nextUpdate
                }
                if let entry {
                    revocation = entry
                    break search
                }
                mask.formUnion(reasons) // (k)
            }
        }
        guard relevant else { return nil }
        if let revocation {
            var check = decide(
                revokedAt: revocation.revocationDate, reason: revocation.reason, issued: latest ?? time, next: nextUpdate,
                time: time, source: .crl)
            check.decidedBy = decidedBy
            check.warnings = warnings
            return .success(check)
        }
        if mask == .all {
            var check = RevocationCheck(status: .good(), source: .crl, issuedAt: latest)
            check.decidedBy = decidedBy
            check.warnings = warnings
            return .success(check)
        }
        if let defect = failures.first(where: \.isDefect) { return .failure(defect) }
        if let first = failures.first(where: { $0.subIndication == .tryLater }) ?? failures.first { return .failure(first) }
        return .failure(
            Unusable(
                .revocationOutOfBoundsNoPOE,
                "the CRLs in scope cover only the reasons [\(mask)]; RFC 5280 §6.3.3 needs all reasons"))
    }

    /// §6.3.3 (b): the reasons this CRL covers for the certificate through `point`, nil when out of scope.
    func scope(of crl: CertificateRevocationList, point: DistributionPoint?, certificate: Certificate, isCA: Bool) -> ReasonFlags? {
        let idp = crl.issuingDistributionPoint
        // (b)(1): the CRL issuer is the certificate issuer, or the DP's cRLIssuer of an indirect CRL.
        if let crlIssuer = point?.crlIssuer {
            guard crlIssuer.contains(where: { Self.names($0, crl.issuer) }),
                idp?.indirectCRL == true
            else { return nil }
        } else if !crl.issuer.matches(certificate.issuer) {
            return nil
        }
        if let idp {
            // (b)(2)(i): a name of the IDP must match one of the DP (or of its cRLIssuer).
            if let idpName = idp.distributionPoint {
                let idpNames = idpName.names(crlIssuer: crl.issuer)
                let pointNames: [GeneralName]
                if let name = point?.name {
                    let base = point?.crlIssuer?.lazy.compactMap(Self.directoryName).first
                    pointNames = name.names(crlIssuer: base ?? certificate.issuer)
                } else if let crlIssuer = point?.crlIssuer {
                    pointNames = crlIssuer
                } else {
                    return nil
                }
                guard idpNames.contains(where: { left in pointNames.contains { Self.same(left, $0) } }) else { return nil }
            }
            // (b)(2)(ii)–(iv): the user/CA/attribute partitions.
            if idp.onlyContainsUserCerts && isCA { return nil }
            if idp.onlyContainsCACerts && !isCA { return nil }
            if idp.onlyContainsAttributeCerts { return nil }
        }
        // (c): interim_reasons_mask.
        var reasons = point?.reasons ?? .all
        if let some = idp?.onlySomeReasons { reasons.formIntersection(some) }
        return reasons
    }

    /// §6.3.3 (a) freshness and §5.2 / §5.3 unrecognised critical extensions.
    private func unusability(of crl: CertificateRevocationList, time: Date) -> Unusable? {
        if let oid = crl.unrecognisedCriticalExtensions.first {
            return Unusable(
                .revocationOutOfBoundsNoPOE,
                "the CRL of \(crl.issuer) has an unrecognised critical extension \(oid), so it cannot decide")
        }
        if let oid = crl.unrecognisedCriticalEntryExtension {
            return Unusable(
                .revocationOutOfBoundsNoPOE,
                "the CRL of \(crl.issuer) has an unrecognised critical entry extension \(oid), so it cannot decide")
        }
        guard isFresh(issued: crl.thisUpdate, next: crl.nextUpdate, time: time) else {
            return Unusable(.tryLater, "the CRL (nextUpdate \(crl.nextUpdate.map { "\($0)" } ?? "none")) is stale at \(time)")
        }
        return nil
    }

    /// §6.3.3 (f)–(g): the certificate that signed the CRL, holding cRLSign: the issuer itself, or a certificate
    /// with the CRL issuer's name whose own path validates (another key of the same CA, an indirect CRL issuer).
    ///
    /// A certificate whose own status is on a CRL signed with its own key (a self-issued new-with-old certificate
    /// after a key rollover, an indirect CRL issuer listed on its own CRL, PKITS 4.14.30) is the signer speaking
    /// about itself: its path is the one being validated, validating it again as a CRL signer would recurse, and
    /// a key able to forge that entry could forge every other entry of the CRL too.
    func signer(of crl: CertificateRevocationList, issuer: Certificate, subject: Certificate? = nil) -> Result<Certificate, Unusable> {
        let direct = crl.issuer.matches(issuer.subject)
        var candidates = direct ? [issuer] : []
        candidates += crlSignerCandidates.filter { $0.subject.matches(crl.issuer) && $0 != issuer }
        var issuerLacksCRLSign = false
        var unvalidated = false
        for candidate in candidates {
            let key =
                KeyParameterInheritance.inheritsParameters(candidate)
                ? KeyParameterInheritance.publicKey(of: candidate, pool: crlSignerCandidates + [issuer]) : try? candidate.publicKey
            guard let key,
                (try? crl.isSignatureValid(issuerKey: key)) == true
            else { continue }
            if let usage = try? candidate.extensions.keyUsage, !usage.contains(KeyUsage.cRLSign) {
                if candidate == issuer { issuerLacksCRLSign = true }
                continue
            }
            if candidate == issuer || candidate == subject { return .success(candidate) }
            guard let crlSignerValidator, crlSignerValidator(candidate) else {
                unvalidated = true
                continue
            }
            return .success(candidate)
        }
        if issuerLacksCRLSign {
            return .failure(Unusable(.revocationOutOfBoundsNoPOE, "the issuer's key usage does not include cRLSign", defect: true))
        }
        if unvalidated {
            return .failure(Unusable(.revocationOutOfBoundsNoPOE, "the certificate that signed the CRL of \(crl.issuer) has no valid path"))
        }
        return .failure(
            Unusable(
                .revocationOutOfBoundsNoPOE,
                direct ? "a CRL naming the issuer is not signed by it" : "no certificate of \(crl.issuer) signed its CRL",
                defect: direct && crlSignerCandidates.allSatisfy { !$0.subject.matches(crl.issuer) || $0 == issuer }))
    }

    /// §6.3.3 (c)(1), §5.2.4: the newest fresh delta CRL with the complete CRL's issuer and scope and a base
    /// CRL number not above the complete CRL's number; failure when deltas of that scope exist but none applies.
    private func delta(for complete: CertificateRevocationList, issuer: Certificate, subject: Certificate, time: Date)
        -> Result<CertificateRevocationList?, Unusable>
    {
        let sameScope = revocationLists.filter { candidate in
            candidate.isDelta && candidate.issuer.matches(complete.issuer)
                && candidate.issuingDistributionPoint?.derEncoded == complete.issuingDistributionPoint?.derEncoded
                && (candidate.authorityKeyIdentifier == nil || complete.authorityKeyIdentifier == nil
                    || candidate.authorityKeyIdentifier == complete.authorityKeyIdentifier)
        }
        guard !sameScope.isEmpty else { return .success(nil) }
        guard let number = complete.crlNumber else { return .success(nil) }
        let applicable = sameScope.filter { delta in
            guard let base = delta.deltaCRLIndicator else { return false }
            return CertificateRevocationList.compare(base, number) <= 0
                && delta.crlNumber.map { CertificateRevocationList.compare($0, number) > 0 } ?? false
        }
        if applicable.isEmpty {
            let needsNewerBase = sameScope.contains { delta in
                delta.deltaCRLIndicator.map { CertificateRevocationList.compare($0, number) > 0 } ?? false
            }
            if needsNewerBase {
                return .failure(
                    Unusable(
                        .tryLater,
                        "a delta CRL of \(complete.issuer) needs a newer base than complete CRL #\(Hex.encode(number))"))
            }
            return .success(nil)
        }
        let usable = applicable.filter { delta in
            unusability(of: delta, time: time) == nil && (try? signer(of: delta, issuer: issuer, subject: subject).get()) != nil
        }
        guard let newest = usable.max(by: { CertificateRevocationList.compare($0.crlNumber ?? [], $1.crlNumber ?? []) < 0 }) else {
            let why = applicable.lazy.compactMap { self.unusability(of: $0, time: time)?.reason }.first
            return .failure(Unusable(.tryLater, "the delta CRL of \(complete.issuer) cannot be used" + (why.map { ": \($0)" } ?? "")))
        }
        return .success(newest)
    }

    /// §6.3.3 (h)–(i): the entry for this certificate, taking an indirect CRL's certificateIssuer into account.
    private func lookup(_ certificate: Certificate, in crl: CertificateRevocationList) -> CertificateRevocationList.Entry? {
        let indirect = crl.issuingDistributionPoint?.indirectCRL == true
        return crl.entries(for: certificate).first { entry in
            guard indirect, let names = entry.certificateIssuer else { return crl.issuer.matches(certificate.issuer) }
            return names.contains { Self.names($0, certificate.issuer) }
        }
    }

    static func directoryName(_ name: GeneralName) -> DistinguishedName? {
        if case .directoryName(let directory) = name { return directory }
        return nil
    }

    /// Whether a GeneralName is the directory name `name` (RFC 5280 §7.1 matching).
    static func names(_ general: GeneralName, _ name: DistinguishedName) -> Bool { directoryName(general)?.matches(name) ?? false }

    static func same(_ a: GeneralName, _ b: GeneralName) -> Bool {
        if case .directoryName(let x) = a, case .directoryName(let y) = b { return x.matches(y) }
        return a == b
    }

    static func describe(_ crl: CertificateRevocationList) -> String {
        let number = crl.crlNumber.map { " #\(Hex.encode($0))" } ?? ""
        let base = crl.deltaCRLIndicator.map { " (base #\(Hex.encode($0)))" } ?? ""
        let issued = ISO8601DateFormatter().string(from: crl.thisUpdate)
        return "\(crl.isDelta ? "delta" : "complete") CRL\(number)\(base) of \(crl.issuer), thisUpdate \(issued)"
    }
}
