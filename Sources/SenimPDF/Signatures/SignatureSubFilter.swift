/// The `/SubFilter` of a signature dictionary: how `/Contents` encodes the signature (ISO 32000-2 §12.8.3,
/// ETSI EN 319 142-1 §5.1 for the PAdES ones).
public enum SignatureSubFilter: String, Sendable, Codable {
    /// A detached CMS over the ByteRange bytes (§12.8.3.3); NCALayer and Kalkan write this.
    case pkcs7Detached = "adbe.pkcs7.detached"
    /// A CMS whose encapsulated content is the SHA-1 digest of the ByteRange bytes (deprecated in ISO 32000-2).
    case pkcs7SHA1 = "adbe.pkcs7.sha1"
    /// PAdES: a CAdES detached signature (ETSI EN 319 142-1 §6.3).
    case cadesDetached = "ETSI.CAdES.detached"
    /// A document timestamp: an RFC 3161 token over the ByteRange bytes (ETSI EN 319 142-1 §5.4, PAdES-LTA).
    case rfc3161 = "ETSI.RFC3161"
}
