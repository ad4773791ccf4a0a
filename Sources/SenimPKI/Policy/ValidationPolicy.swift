import Foundation
import SenimCrypto

/// What a deployment accepts, versioned and hashed so every report can say exactly which rules it applied
/// (`policy: {id, sha256}` in the report JSON, docs/ARCHITECTURE.md).
public struct ValidationPolicy: Sendable, Codable, Hashable {
    /// An algorithm and the date after which signatures made with it are no longer accepted (nil: no sunset).
    public struct AlgorithmRule: Sendable, Codable, Hashable {
        public var algorithm: String
        public var acceptedUntil: Date?

        public init(algorithm: String, acceptedUntil: Date?) {
            self.algorithm = algorithm
            self.acceptedUntil = acceptedUntil
        }
    }

    public var identifier: String
    public var version: Int
    public var algorithms: [AlgorithmRule]
    public var minimumRSAModulusBits: Int
    /// Whether a signing certificate without conclusive revocation evidence makes the result INDETERMINATE.
    public var revocationRequired: Bool
    /// How old revocation evidence without nextUpdate may be, relative to the validation time.
    public var revocationMaximumAge: TimeInterval
    /// Signing certificates must assert nonRepudiation (the NCA SIGN key profile; AUTH keys do not).
    public var requireNonRepudiation: Bool
    /// Roles (from the NCA EKU) the signing certificate must carry; empty for none.
    public var requiredRoles: [SignerRole]
    /// Whether the CA certificates of the path need revocation evidence too (when ``revocationRequired``), or
    /// only the end-entity certificate. NCA publishes CRLs for its intermediates at the root, which offline
    /// checks may not have.
    public var revocationRequiredForCACertificates: Bool = true
    /// The RFC 5280 §4 profile MUSTs on every certificate of the path (see ``PathValidationInputs/enforceProfile``).
    public var enforceCertificateProfile: Bool = true
    /// RFC 3161 §2.3: the TSA certificate's extended key usage must be present, hold only id-kp-timeStamping,
    /// and be critical. Some commercial TSAs get the criticality wrong, so it is a policy choice.
    public var timestampEKUMustBeCritical: Bool = true
    /// How far a signingTime claim may lie after the signature timestamp's genTime (clock skew between the
    /// signer's machine and the TSA) before the order is reported as broken.
    public var signingTimeTolerance: TimeInterval = 300
    /// What unknown revocation status does (``RevocationMode``); nil follows ``revocationRequired`` (require / soft-fail).
    /// Optional so that policies written before it keep their canonical JSON and hash.
    public var revocationMode: RevocationMode?
    /// Which RFC 5280 profile MUSTs the relying party enforces (``RelyingPartyProfile``); nil is `lenient`.
    public var relyingPartyProfile: RelyingPartyProfile?

    /// The effective revocation mode.
    public var effectiveRevocationMode: RevocationMode { revocationMode ?? (revocationRequired ? .require : .softFail) }

    /// The toolkit's default for NCA RK signatures.
    public static let kazakhstanDefault = ValidationPolicy(
        identifier: "senimkey-kz-default",
        version: 1,
        algorithms: [
            // GOST 34.310-2004: the NCA issues only GOST 34.10-2015 keys and its 2004-era CAs expired in 2025
            // (docs/kazakh-eds.md §3.1); signatures proven to exist before 2030 stay acceptable, later ones need a
            // proof of existence from before then (an archive timestamp).
            AlgorithmRule(algorithm: "gost34310-2004", acceptedUntil: ISO8601DateFormatter().date(from: "2030-01-01T00:00:00Z")),
            AlgorithmRule(algorithm: "gost34102015-512", acceptedUntil: nil),
            AlgorithmRule(algorithm: "gost34102015-256", acceptedUntil: nil),
            AlgorithmRule(algorithm: "gostr34102012-256", acceptedUntil: nil),
            AlgorithmRule(algorithm: "gostr34102012-512", acceptedUntil: nil),
            // SHA-224: acceptable until 2029 (ETSI TS 119 312, the DSS AlgoExpirationDate table).
            AlgorithmRule(algorithm: "rsa-pkcs1-sha224", acceptedUntil: ISO8601DateFormatter().date(from: "2029-01-01T00:00:00Z")),
            AlgorithmRule(algorithm: "ecdsa-sha224", acceptedUntil: ISO8601DateFormatter().date(from: "2029-01-01T00:00:00Z")),
            AlgorithmRule(algorithm: "rsa-pkcs1-sha256", acceptedUntil: nil),
            AlgorithmRule(algorithm: "rsa-pkcs1-sha384", acceptedUntil: nil),
            AlgorithmRule(algorithm: "rsa-pkcs1-sha512", acceptedUntil: nil),
            AlgorithmRule(algorithm: "rsa-pss", acceptedUntil: nil),
            AlgorithmRule(algorithm: "ecdsa-sha256", acceptedUntil: nil),
            AlgorithmRule(algorithm: "ecdsa-sha384", acceptedUntil: nil),
            AlgorithmRule(algorithm: "ecdsa-sha512", acceptedUntil: nil),
            AlgorithmRule(algorithm: "ed25519", acceptedUntil: nil),
            // SHA-1 signatures: no longer acceptable after 2016 (the end of SHA-1 certificate issuance).
            AlgorithmRule(algorithm: "rsa-pkcs1-sha1", acceptedUntil: ISO8601DateFormatter().date(from: "2016-01-01T00:00:00Z")),
            AlgorithmRule(algorithm: "ecdsa-sha1", acceptedUntil: ISO8601DateFormatter().date(from: "2016-01-01T00:00:00Z")),
            AlgorithmRule(algorithm: "dsa-sha1", acceptedUntil: ISO8601DateFormatter().date(from: "2014-01-01T00:00:00Z")),
        ],
        minimumRSAModulusBits: 2048,
        revocationRequired: true,
        revocationMaximumAge: 24 * 3600,
        requireNonRepudiation: true,
        requiredRoles: [])

    /// The canonical JSON (sorted keys, ISO 8601 dates) that ``sha256`` is computed over; an evidence
    /// package stores exactly these bytes, so its reports' policy hash can be checked against the file.
    public func canonicalEncoding() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// SHA-256 of ``canonicalEncoding()``, lowercase hex.
    public var sha256: String {
        Hex.encode(DigestAlgorithm.sha256.hash((try? canonicalEncoding()) ?? Data()))
    }

    /// The rule for an algorithm, nil when the policy does not accept it at all.
    public func rule(for algorithm: SignatureAlgorithm) -> AlgorithmRule? {
        algorithms.first { $0.algorithm == algorithm.policyName }
    }
}

extension SignatureAlgorithm {
    /// The stable name a ``ValidationPolicy`` uses for this algorithm.
    public var policyName: String {
        switch self {
        case .rsaPKCS1v15(let digest): return "rsa-pkcs1-\(digest.rawValue)"
        case .rsaPSS: return "rsa-pss"
        case .ecdsa(let digest): return "ecdsa-\(digest.rawValue)"
        case .ed25519: return "ed25519"
        case .dsa(let digest): return "dsa-\(digest.rawValue)"
        case .gost(let scheme):
            switch scheme {
            case .gost34310_2004: return "gost34310-2004"
            case .gost34102015_256: return "gost34102015-256"
            case .gost34102015_512: return "gost34102015-512"
            case .gostR3410_2001: return "gostr34102001"
            case .gostR3410_2012_256: return "gostr34102012-256"
            case .gostR3410_2012_512: return "gostr34102012-512"
            }
        }
    }
}
