/// How the two halves of a GOST signature are laid out in bytes.
///
/// Every NCA RK artefact (certificates, CRLs, OCSP, CMS, TSA tokens, XMLDSig) uses `r_le ‖ s_le`, which is
/// the complete byte reversal of the RFC 4491 / CryptoPro layout `s_be ‖ r_be` (docs/kazakh-eds.md §1.5, checked
/// on every vector). The digest is read as a little-endian integer in both conventions.
public enum GOSTSignatureLayout: String, Sendable, Hashable, Codable {
    /// NCA RK / Kalkan: r (little-endian) followed by s (little-endian).
    case kazakh
    /// RFC 4491 / RFC 9215 / gost-engine: s (big-endian) followed by r (big-endian).
    case rfc4491

    func split(_ signature: [UInt8], halfLength n: Int) throws(SenimCryptoError) -> (r: BigNumber, s: BigNumber) {
        guard signature.count == 2 * n else {
            throw .invalidSignatureEncoding("GOST signature must be \(2 * n) bytes, found \(signature.count)")
        }
        switch self {
        case .kazakh:
            return (BigNumber(littleEndian: signature[0..<n]), BigNumber(littleEndian: signature[n..<(2 * n)]))
        case .rfc4491:
            return (BigNumber(bigEndian: signature[n..<(2 * n)]), BigNumber(bigEndian: signature[0..<n]))
        }
    }

    func join(r: BigNumber, s: BigNumber, halfLength n: Int) -> [UInt8] {
        switch self {
        case .kazakh: return r.littleEndianBytes(count: n) + s.littleEndianBytes(count: n)
        case .rfc4491: return s.bigEndianBytes(count: n) + r.bigEndianBytes(count: n)
        }
    }
}
