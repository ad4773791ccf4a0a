import Foundation
import SwiftASN1

/// Turns what users paste or upload into DER: binary DER, PEM with a given label, or bare base64.
enum CertificateEncoding {
    static func der(from bytes: [UInt8], label: String) throws(PKIError) -> [UInt8] {
        if bytes.first == 0x30 { return bytes }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN") {
            do {
                let document = try PEMDocument(pemString: text.trimmingCharacters(in: .whitespacesAndNewlines))
                guard document.discriminator == label || (label == "CERTIFICATE" && document.discriminator == "X509 CERTIFICATE") else {
                    throw PKIError.malformedEncoding(what: "PEM", reason: "expected \(label), found \(document.discriminator)")
                }
                return Array(document.derBytes)
            } catch let error as PKIError {
                throw error
            } catch {
                throw .malformedEncoding(what: "PEM", reason: "\(error)")
            }
        }
        let compact = text.filter { !$0.isWhitespace }
        if let decoded = Data(base64Encoded: compact), decoded.first == 0x30 { return Array(decoded) }
        throw .malformedEncoding(what: label.lowercased(), reason: "neither DER, PEM nor base64")
    }
}
