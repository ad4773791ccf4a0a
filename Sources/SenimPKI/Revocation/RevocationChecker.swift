import Foundation
import SenimCrypto
import SwiftASN1

/// Decides a certificate's revocation status at a time from CRLs and OCSP responses, verifying the evidence
/// itself: issuer, signature, responder authorisation (RFC 6960 §4.2.2.2), CertID, nonce and freshness.
///
/// Freshness: evidence issued at or after the time in question proves the status at that time (revocation is
/// permanent); older evidence counts only while the time is before its nextUpdate, or within `maximumAge`
/// when it has none (NCA OCSP responses carry no nextUpdate).
public struct RevocationChecker: Sendable {
    public let revocationLists: [CertificateRevocationList]
    public let ocspResponses: [OCSPResponse]
    /// The nonce sent in the OCSP request, when the caller made one; a response must echo it.
    public let expectedNonce: [UInt8]?
    public let maximumAge: TimeInterval
    /// Certificates that may have signed a CRL other than the certificate's issuer itself: the issuer's other keys
    /// (key rollover) and delegated CRL issuers of indirect CRLs (RFC 5280 §6.3.3 (f)).
    public var crlSignerCandidates: [Certificate] = []
    /// Validates a CRL signer other than the issuer on its own path (RFC 5280 §6.3.3 (f)); without it only CRLs
    /// signed by the certificate's issuer are used.
    public var crlSignerValidator: (@Sendable (Certificate) -> Bool)?
    /// RFC 5280 §6.3.3 (c) "use-deltas": apply a delta CRL to its base.
    public var useDeltas = true

    public init(
        revocationLists: [CertificateRevocationList] = [], ocspResponses: [OCSPResponse] = [],
        expectedNonce: [UInt8]? = nil, maximumAge: TimeInterval = 24 * 3600
    ) {
        self.revocationLists = revocationLists
        self.ocspResponses = ocspResponses
        self.expectedNonce = expectedNonce
        self.maximumAge = maximumAge
    }

    private static let ocspSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]
    /// NCA's test responder answers "revoked at 1970-01-01, certificateHold" for certificates it does not know
    /// (the RFC 6960 §2.2 "non-issued" convention): that is not a revocation.
    private static let nonIssuedMarker = Date(timeIntervalSince1970: 0)

    /// OCSP first (fresher and per-certificate), then CRLs; the first conclusive answer wins.
    public func check(_ certificate: Certificate, issuer: Certificate, at time: Date) -> RevocationCheck {
        var reasons: [String] = []
        var defects: [String] = []
        var sawStale = false
        let outcomes =
            ocspResponses.lazy.map { ("OCSP", self.evaluate($0, certificate: certificate, issuer: issuer, at: time)) }
            + [()].lazy.map { ("CRL", self.evaluateCRLs(certificate: certificate, issuer: issuer, at: time)) }
        for (kind, outcome) in outcomes {
            switch outcome {
            case .some(.success(let check)): return check
            case .some(.failure(let unusable)):
                reasons.append("\(kind): \(unusable.reason)")
                if unusable.isDefect { defects.append("\(kind): \(unusable.reason)") }
                if unusable.subIndication == .tryLater { sawStale = true }
            case .none: continue
            }
        }
        let reason = reasons.isEmpty ? "no CRL or OCSP response for this certificate's issuer" : reasons.joined(separator: "; ")
        var check = RevocationCheck(
            status: .unknown(sawStale ? .tryLater : .revocationOutOfBoundsNoPOE, reason), source: .none,
            issuedAt: nil, defects: defects)
        check.sawEvidence = !reasons.isEmpty
        return check
    }

    // MARK: OCSP

    /// nil when the response is about another certificate; failure when it is about this one but unusable.
    private func evaluate(_ response: OCSPResponse, certificate: Certificate, issuer: Certificate, at time: Date)
        -> Result<RevocationCheck, Unusable>?
    {
        guard let single = response.responses.first(where: { matches($0, certificate: certificate, issuer: issuer) }) else {
            return response.status == .tryLater ? .failure(Unusable(.tryLater, "responder said tryLater")) : nil
        }
        guard response.status == .successful, let producedAt = response.producedAt else {
            return .failure(Unusable(.tryLater, "response status \(response.status)"))
        }
        guard let responder = authorisedResponder(response, issuer: issuer, at: producedAt) else {
            return .failure(
                Unusable(.revocationOutOfBoundsNoPOE, "the responder is neither the issuer nor delegated by it (id-kp-OCSPSigning)"))
        }
        guard let key = try? responder.publicKey, (try? response.isSignatureValid(responderKey: key)) == true else {
            return .failure(Unusable(.revocationOutOfBoundsNoPOE, "the response signature does not verify"))
        }
        if let expectedNonce, response.nonce != expectedNonce {
            return .failure(Unusable(.revocationOutOfBoundsNoPOE, "the response does not echo the request nonce"))
        }
        switch single.status {
        case .revoked(let at, let reason) where at == Self.nonIssuedMarker && reason == .certificateHold:
            return .failure(Unusable(.revocationOutOfBoundsNoPOE, "the responder does not know this certificate (non-issued convention)"))
        case .revoked(let at, let reason):
            return .success(
                decide(revokedAt: at, reason: reason, issued: single.thisUpdate, next: single.nextUpdate, time: time, source: .ocsp))
        case .good:
            guard isFresh(issued: single.thisUpdate, next: single.nextUpdate, time: time) else {
                return .failure(Unusable(.tryLater, "the response (thisUpdate \(single.thisUpdate)) is too old for \(time)"))
            }
            return .success(RevocationCheck(status: .good(), source: .ocsp, issuedAt: single.thisUpdate))
        case .unknown:
            return .failure(Unusable(.revocationOutOfBoundsNoPOE, "the responder answered unknown"))
        }
    }

    /// Evidence about this certificate that cannot be used, and the sub-indication that results.
    struct Unusable: Error {
        let subIndication: SubIndication
        let reason: String
        /// The issuer's evidence itself is non-conforming (as opposed to stale or inapplicable).
        let isDefect: Bool
        init(_ subIndication: SubIndication, _ reason: String, defect: Bool = false) {
            self.subIndication = subIndication
            self.reason = reason
            isDefect = defect
        }
    }

    /// CertID: hash of the issuer's DN and of its key BIT STRING contents, and the serial (RFC 6960 §4.1.1).
    private func matches(_ single: OCSPResponse.SingleResponse, certificate: Certificate, issuer: Certificate) -> Bool {
        single.serialNumber == certificate.serialNumber
            && single.issuerNameHash == single.hashAlgorithm.hash(issuer.subject.derEncoded)
            && single.issuerKeyHash == single.hashAlgorithm.hash(issuer.subjectPublicKeyInfo.keyBytes)
    }

    /// The issuer itself, or a certificate it issued with id-kp-OCSPSigning, valid when the response was produced.
    private func authorisedResponder(_ response: OCSPResponse, issuer: Certificate, at producedAt: Date) -> Certificate? {
        let candidates = [issuer] + response.certificates
        let named = candidates.filter { candidate in
            switch response.responderID {
            case .byName(let name): return candidate.subject.matches(name)
            case .byKeyHash(let hash): return DigestAlgorithm.sha1.hash(candidate.subjectPublicKeyInfo.keyBytes) == hash
            case nil: return false
            }
        }
        for candidate in named {
            if candidate.subjectPublicKeyInfo == issuer.subjectPublicKeyInfo && candidate.subject.matches(issuer.subject) {
                return candidate
            }
            guard candidate.issuer.matches(issuer.subject), let issuerKey = try? issuer.publicKey,
                (try? candidate.isSignatureValid(issuerKey: issuerKey)) == true,
                ((try? candidate.extensions.extendedKeyUsage) ?? nil)?.contains(Self.ocspSigning) == true,
                candidate.validity.contains(producedAt)
            else { continue }
            return candidate
        }
        return nil
    }

    // MARK: Time

    func isFresh(issued: Date, next: Date?, time: Date) -> Bool {
        if issued >= time { return true }
        if let next { return time <= next }
        return time.timeIntervalSince(issued) <= maximumAge
    }

    /// A listed revocation: before or at the time → revoked; after it → good at that time, revocation recorded.
    func decide(revokedAt: Date, reason: RevocationReason?, issued: Date, next: Date?, time: Date, source: RevocationCheck.Source)
        -> RevocationCheck
    {
        if revokedAt <= time { return RevocationCheck(status: .revoked(at: revokedAt, reason: reason), source: source, issuedAt: issued) }
        return RevocationCheck(status: .good(revokedLater: revokedAt), source: source, issuedAt: issued)
    }
}
