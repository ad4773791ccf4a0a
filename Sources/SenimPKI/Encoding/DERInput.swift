import Foundation
import SenimCrypto
import SwiftASN1

/// Binary input as users and NCA tools hand it over: DER (or BER), PEM with one of the expected labels, or
/// bare base64 of DER (NCALayer returns CMS as base64; `openssl` writes PEM).
public enum DERInput {
    /// The DER bytes inside `bytes`. Input starting with a SEQUENCE tag is taken as binary already.
    public static func decode(_ bytes: [UInt8], pemLabels labels: [String]) throws(PKIError) -> [UInt8] {
        if bytes.first == 0x30 { return bytes }
        let what = labels.first?.lowercased() ?? "input"
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN") {
            do {
                let document = try PEMDocument(pemString: text.trimmingCharacters(in: .whitespacesAndNewlines))
                guard labels.contains(document.discriminator) else {
                    throw PKIError.malformedEncoding(
                        what: "PEM", reason: "expected \(labels.joined(separator: " or ")), found \(document.discriminator)")
                }
                return Array(document.derBytes)
            } catch let error as PKIError {
                throw error
            } catch {
                throw .malformedEncoding(what: "PEM", reason: "\(DecodingErrorText.sentence(error))")
            }
        }
        let compact = text.filter { !$0.isWhitespace }
        if let decoded = Data(base64Encoded: compact), decoded.first == 0x30 { return Array(decoded) }
        throw .malformedEncoding(what: what, reason: "neither DER, PEM nor base64")
    }
}
