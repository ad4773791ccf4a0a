/// What an RFC 3161 timestamp in a report stamps, which decides what it proves (ETSI EN 319 102-1 §5.4):
/// only a timestamp over the signature value is a proof of existence of the signature.
public enum TimestampKind: String, Sendable, Codable, Hashable, CustomStringConvertible {
    /// A signature timestamp (the CAdES `signature-time-stamp` attribute, RFC 3161 Appendix A): over the
    /// signer's signature value; a proof that the signature existed at genTime.
    case signature
    /// A content timestamp (`content-time-stamp`, EN 319 122-1 §5.2.8): over the signed content, before signing.
    case content
    /// A token given alone (`senimkey verify` on a `.tsr` or token): over the data given with it.
    case standalone
    /// A PAdES document timestamp (ISO 32000-2 §12.8.5, `ETSI.RFC3161`): over the PDF's byte range.
    case document
    /// An archive timestamp (archive-time-stamp-v3, EN 319 122-1 §5.5.3, or an evidence package's archive
    /// timestamp over its manifests): over the signature and its validation data, renewed before the keys and
    /// algorithms that protect them expire.
    case archive

    public var description: String { rawValue }
}
