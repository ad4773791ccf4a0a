import SenimPKI

/// How XML signatures are located and what a caller requires of them (signxml's `expect_config`).
public struct XMLValidationOptions: Sendable {
    /// How several enveloped signatures appended to one document relate.
    public enum MultipleSignatureOrder: String, Sendable {
        /// Kalkan / NCALayer / eGov co-signing: each later signature was appended after the earlier ones were
        /// made, so signature k is verified with every later signature removed (docs/kazakh-eds.md §2), last first.
        case kalkan
        /// Each signature on its own: only its enveloped transform removes anything.
        case independent
    }

    /// Attribute names (without namespace) that carry IDs; `xml:id` always does. Only these resolve `#id`
    /// references, so an attacker cannot make an arbitrary attribute an ID.
    public var idAttributes: [String] = ["Id", "ID", "id"]
    public var multipleSignatureOrder: MultipleSignatureOrder = .kalkan
    /// Every signature must have exactly this many references.
    public var expectedReferenceCount: Int?
    /// Every signature must cover the whole document (apart from signatures): a PARTIAL scope fails.
    public var requireWholeDocument = false
    /// Use this certificate's key for every signature, whatever KeyInfo says (xmlsec1 `--pubkey-cert-der`).
    public var signingCertificate: Certificate?

    /// Keep the canonical octets of every reference in the result. A caller that only needs the verdict (the CLI)
    /// turns this off: the digests are then computed as the octets are produced, with no copy of a large document.
    public var retainSignedData = true

    public init() {}
}
