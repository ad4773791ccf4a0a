import SenimPKI

/// Why XML input could not be evaluated, each case with the ETSI sub-indication it maps to.
public enum XMLDSigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not well-formed XML, or over a size/depth limit.
    case malformedXML(String)
    /// A DTD, an entity declaration or another construct the safe parser refuses (XXE, entity bombs).
    case forbiddenConstruct(String)
    /// A ds:Signature that breaks the XML-DSig schema (missing SignedInfo, two SignatureValues…).
    case malformedSignature(String)
    /// An ID value that occurs on more than one element: a reference to it would be ambiguous (XSW).
    case duplicateID(String)
    /// An algorithm URI the toolkit does not implement.
    case unsupportedAlgorithm(String)
    /// A transform or URI the validation refuses (XSLT, general XPath, external resources).
    case refusedTransform(String)
    /// A signing operation failed.
    case signingFailed(String)

    public var subIndication: SubIndication {
        switch self {
        case .malformedXML, .forbiddenConstruct, .malformedSignature, .duplicateID: return .formatFailure
        case .unsupportedAlgorithm: return .cryptoConstraintsFailure
        case .refusedTransform: return .sigConstraintsFailure
        case .signingFailed: return .formatFailure
        }
    }

    public var description: String {
        switch self {
        case .malformedXML(let why): return "malformed XML: \(why)"
        case .forbiddenConstruct(let what): return "refused XML construct: \(what)"
        case .malformedSignature(let why): return "malformed XML signature: \(why)"
        case .duplicateID(let id): return "the ID \"\(id)\" occurs on more than one element"
        case .unsupportedAlgorithm(let uri): return "unsupported algorithm \(uri)"
        case .refusedTransform(let what): return "refused: \(what)"
        case .signingFailed(let why): return "XML signing failed: \(why)"
        }
    }
}
