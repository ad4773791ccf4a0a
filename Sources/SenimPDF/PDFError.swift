import SenimPKI

/// Why a PDF could not be read far enough to validate its signatures. Every case is a value a caller can
/// report (ETSI EN 319 102-1 FORMAT_FAILURE, or SIGNED_DATA_NOT_FOUND when the file cannot be read); the
/// reader never traps on input (ISO 32000-2 §7.5 file structure, checked with explicit bounds).
public enum PDFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes do not start with `%PDF-` (ISO 32000-2 §7.5.2).
    case notPDF
    /// The file could not be opened or read.
    case unreadable(String)
    /// No `startxref` with an offset in the last kilobyte (§7.5.5).
    case missingStartXRef
    /// A cross-reference section or stream that does not parse (§7.5.4, §7.5.8).
    case brokenCrossReference(offset: Int, String)
    /// `/Prev` (or `/XRefStm`) leads back to a section already read.
    case crossReferenceLoop(offset: Int)
    /// More revisions, objects, bytes or nesting than the reader's bounds allow.
    case limitExceeded(String)
    /// An object that does not parse where the cross-reference says it is.
    case malformedObject(Int, String)
    /// An object the document refers to is not in any revision.
    case missingObject(Int)
    /// A stream filter the reader does not decode, or data that does not decode.
    case undecodableStream(String)
    /// `/Encrypt` in the trailer: the signature dictionaries' strings are encrypted (§7.6).
    case encrypted
    /// The signature material itself is not usable (a `/Contents` that is not a hex string, a `/ByteRange` that
    /// is not four integers).
    case malformedSignature(String)
    /// Signing failed (the sealer).
    case sealingFailed(String)

    public var subIndication: SubIndication {
        switch self {
        case .unreadable: return .signedDataNotFound
        default: return .formatFailure
        }
    }

    /// A stable name for the reason (JSON, tests).
    public var code: String {
        switch self {
        case .notPDF: return "NOT_PDF"
        case .unreadable: return "UNREADABLE"
        case .missingStartXRef: return "NO_STARTXREF"
        case .brokenCrossReference: return "BROKEN_XREF"
        case .crossReferenceLoop: return "XREF_LOOP"
        case .limitExceeded: return "LIMIT_EXCEEDED"
        case .malformedObject: return "MALFORMED_OBJECT"
        case .missingObject: return "MISSING_OBJECT"
        case .undecodableStream: return "UNDECODABLE_STREAM"
        case .encrypted: return "ENCRYPTED_PDF"
        case .malformedSignature: return "MALFORMED_SIGNATURE"
        case .sealingFailed: return "SEALING_FAILED"
        }
    }

    public var description: String {
        switch self {
        case .notPDF: return "the file does not start with %PDF-"
        case .unreadable(let why): return "the PDF cannot be read: \(why)"
        case .missingStartXRef: return "the PDF has no startxref at its end"
        case .brokenCrossReference(let offset, let why): return "the cross-reference section at byte \(offset) is broken: \(why)"
        case .crossReferenceLoop(let offset): return "the cross-reference chain loops back to byte \(offset)"
        case .limitExceeded(let what): return "the PDF exceeds the reader's bounds: \(what)"
        case .malformedObject(let number, let why): return "object \(number) is malformed: \(why)"
        case .missingObject(let number): return "object \(number) is referred to but not present"
        case .undecodableStream(let why): return "a stream cannot be decoded: \(why)"
        case .encrypted:
            return "the PDF is encrypted (/Encrypt): its signatures cannot be validated without decrypting it, which this verifier refuses"
        case .malformedSignature(let why): return "a signature dictionary is malformed: \(why)"
        case .sealingFailed(let why): return "sealing the PDF failed: \(why)"
        }
    }
}
