import SenimCrypto

/// Failures of the PKI layer, each mapped to the ETSI sub-indication it produces in a report.
public enum PKIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes that are not a certificate (or CRL, OCSP response…): bad DER, PEM or base64.
    case malformedEncoding(what: String, reason: String)
    /// An extension whose value does not decode as its type, or a duplicated extension.
    case malformedExtension(oid: String, reason: String)
    /// A crypto-layer failure (unsupported algorithm, invalid key…).
    case crypto(SenimCryptoError)

    public var subIndication: SubIndication {
        switch self {
        case .malformedEncoding, .malformedExtension: return .formatFailure
        case .crypto(let error):
            return SubIndication(rawValue: error.etsiSubIndication) ?? .formatFailure
        }
    }

    public var description: String {
        switch self {
        case .malformedEncoding(let what, let reason): return "malformed \(what): \(reason)"
        case .malformedExtension(let oid, let reason): return "malformed extension \(oid): \(reason)"
        case .crypto(let error): return error.description
        }
    }
}
