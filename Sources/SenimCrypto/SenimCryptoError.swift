/// Every failure the crypto layer can report for input it was given.
///
/// A signature that simply does not verify is *not* an error: verification returns `false`.
/// Errors are for input that cannot be evaluated at all (malformed, unsupported, inconsistent),
/// which the validation layers above report as a sub-indication rather than as "invalid".
public enum SenimCryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// DER/BER, PEM, base64 or hex that does not decode into the expected structure.
    case malformedEncoding(String)
    /// An algorithm identifier (OID or XML URI) this toolkit does not implement.
    case unsupportedAlgorithm(String)
    /// A key that decodes but is unusable: wrong length, point off the curve, bad parameters.
    case invalidKey(String)
    /// A signature value with the wrong length or a component outside (0, q).
    case invalidSignatureEncoding(String)
    /// Algorithm parameters that contradict each other (e.g. a PSS hash that differs from the MGF1 hash
    /// when the caller required them equal) or are out of range.
    case invalidParameters(String)
    /// The PKCS#12 MAC did not verify: in practice, a wrong password.
    case integrityCheckFailed(String)
    /// Decryption of a PKCS#12 bag or PKCS#8 key failed (bad padding, truncated ciphertext).
    case decryptionFailed(String)
    /// OpenSSL refused an operation that should have worked; carries its error queue text.
    case openSSL(operation: String, detail: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)

    /// The ETSI EN 319 102-1 sub-indication this failure maps to when it decides a signature's verdict.
    public var etsiSubIndication: String {
        switch self {
        case .malformedEncoding, .invalidSignatureEncoding, .invalidParameters: return "FORMAT_FAILURE"
        case .unsupportedAlgorithm: return "CRYPTO_CONSTRAINTS_FAILURE"
        case .invalidKey: return "SIG_CRYPTO_FAILURE"
        case .integrityCheckFailed, .decryptionFailed, .openSSL, .unreadableFile: return "SIGNED_DATA_NOT_FOUND"
        }
    }

    public var description: String {
        switch self {
        case .malformedEncoding(let why): return "malformed encoding: \(why)"
        case .unsupportedAlgorithm(let what): return "unsupported algorithm: \(what)"
        case .invalidKey(let why): return "invalid key: \(why)"
        case .invalidSignatureEncoding(let why): return "invalid signature value: \(why)"
        case .invalidParameters(let why): return "invalid algorithm parameters: \(why)"
        case .integrityCheckFailed(let why): return "integrity check failed: \(why)"
        case .decryptionFailed(let why): return "decryption failed: \(why)"
        case .openSSL(let operation, let detail): return "OpenSSL \(operation) failed: \(detail)"
        case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
        }
    }
}
