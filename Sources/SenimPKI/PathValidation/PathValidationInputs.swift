import Foundation
import SwiftASN1

/// The inputs of RFC 5280 §6.1.1, plus the limits a verifier of untrusted input needs.
public struct PathValidationInputs: Sendable {
    /// The time at which the path must be valid: now, a pinned time, or a proven signing time (past-time validation).
    public var validationTime: Date
    public var trustAnchors: [Certificate]
    /// user-initial-policy-set; `[anyPolicy]` by default.
    public var initialPolicySet: Set<ASN1ObjectIdentifier>
    public var initialExplicitPolicy: Bool
    public var initialPolicyMappingInhibit: Bool
    public var initialAnyPolicyInhibit: Bool
    /// Extended key usages the end-entity certificate must allow (empty: no requirement).
    public var requiredExtendedKeyUsages: [ASN1ObjectIdentifier]
    /// The most intermediates a path may hold (limbo's max_chain_depth); nil for no limit beyond `maximumPathLength`.
    public var maximumIntermediates: Int?
    /// A hard cap against pathological inputs: certificates in one path.
    public var maximumPathLength: Int
    /// A cap on signature checks across all candidate paths (denial-of-service defence, x509-limbo "pathological").
    public var signatureCheckBudget: Int
    /// Hold every certificate to the RFC 5280 §4 profile MUSTs (critical basicConstraints on CAs, positive
    /// serials, AKI…). Off is xmlsec1's `--X509-skip-strict-checks`, for interop suites with sloppy test CAs.
    public var enforceProfile = true
    /// Which profile MUSTs bind the relying party (``RelyingPartyProfile``); `lenient` turns CA-side MUSTs
    /// into warnings on the validated path.
    public var profile: RelyingPartyProfile = .lenient
    /// When true, every certificate below the anchor needs a conclusive status from the given CRLs (RFC 5280
    /// §6.1.3 (a)(3)); an undetermined one fails the path with ``PathValidationFailure/revocationUnknown``.
    public var revocationRequired = false
    /// Nesting of CRL-signer path validations (RFC 5280 §6.3.3 (f)): a signer's own path is validated with the
    /// same inputs, and this bound stops a chain of CRL signers from recursing without end.
    var crlSignerDepth = 0

    public init(
        validationTime: Date, trustAnchors: [Certificate],
        initialPolicySet: Set<ASN1ObjectIdentifier> = [PolicyInformation.anyPolicy],
        initialExplicitPolicy: Bool = false, initialPolicyMappingInhibit: Bool = false,
        initialAnyPolicyInhibit: Bool = false, requiredExtendedKeyUsages: [ASN1ObjectIdentifier] = [],
        maximumIntermediates: Int? = nil, maximumPathLength: Int = 16, signatureCheckBudget: Int = 256
    ) {
        self.validationTime = validationTime
        self.trustAnchors = trustAnchors
        self.initialPolicySet = initialPolicySet
        self.initialExplicitPolicy = initialExplicitPolicy
        self.initialPolicyMappingInhibit = initialPolicyMappingInhibit
        self.initialAnyPolicyInhibit = initialAnyPolicyInhibit
        self.requiredExtendedKeyUsages = requiredExtendedKeyUsages
        self.maximumIntermediates = maximumIntermediates
        self.maximumPathLength = maximumPathLength
        self.signatureCheckBudget = signatureCheckBudget
    }
}
