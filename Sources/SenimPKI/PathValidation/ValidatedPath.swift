import SwiftASN1

/// A path that passed validation: trust anchor first, end-entity last, with the policies it supports.
public struct ValidatedPath: Sendable {
    public let certificates: [Certificate]
    /// The authorities-constrained policy set of §6.1.5 (g) (empty when no policy processing was required).
    public let policies: Set<ASN1ObjectIdentifier>
    /// Sentences for what the lenient profile accepted (CA-side RFC 5280 MUSTs, negative serials, CRL warnings).
    public var warnings: [String] = []

    public var trustAnchor: Certificate { certificates[0] }
    public var endEntity: Certificate { certificates[certificates.count - 1] }
}
