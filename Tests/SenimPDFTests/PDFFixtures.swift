import Foundation
import SenimCMS
import SenimCrypto
import SenimPDF
import SenimPKI
import SenimTestSupport

/// Shared material: the vectors of testvectors/pdf (made by make.sh with pyHanko), the test PKI that signed
/// them, and a validator pinned at the recipe's validation time.
enum PDFFixtures {
    /// make_vectors.py's VALIDATION_TIME: after every run of the recipe, before the test PKI expires (2045).
    static let validationTime = ISO8601DateFormatter().date(from: "2030-01-01T00:00:00Z") ?? .distantPast

    static func vector(_ name: String) throws -> [UInt8] { try TestVectors.bytes("pdf/\(name)") }

    /// Where `text` (ASCII) first occurs in `bytes` (PDFs are binary: no String offsets).
    static func offset(of text: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0] == needle[0] && Array(bytes[$0..<($0 + needle.count)]) == needle }
    }

    static func certificate(_ path: String) throws -> Certificate { try Certificate(bytes: try TestVectors.bytes(path)) }

    static func context() throws -> ValidationContext {
        let root = try certificate("generated/test-pki/root.cert.pem")
        let crl = try CertificateRevocationList(bytes: try TestVectors.bytes("generated/test-pki/root.crl"))
        return ValidationContext(
            trustStore: TrustStore(roots: [root]),
            revocationSources: [OfflineRevocationSource(revocationLists: [crl])])
    }

    static func validator() throws -> PDFSignatureValidator { PDFSignatureValidator(context: try context()) }

    static func validate(_ bytes: [UInt8]) async throws -> PDFValidationReport {
        await (try validator()).validate(bytes: bytes, at: validationTime)
    }

    /// An RSA or EC identity of the test PKI.
    static func identity(_ name: String) throws -> SigningIdentity {
        let key = try PrivateKey(pemEncoded: try TestVectors.text("generated/test-pki/\(name).key.pem"))
        return try SigningIdentity(
            privateKey: key, certificate: try certificate("generated/test-pki/\(name).cert.pem"),
            chain: [try certificate("generated/test-pki/root.cert.pem")])
    }

    /// pyHanko, if installed (`pip install pyhanko pyhanko-cli`, which .ci/run does).
    static var python: String? {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3", NSHomeDirectory() + "/.pyenv/shims/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            if let result = try? ExternalTool.run(candidate, ["-c", "import pyhanko.sign"]), result.status == 0 { return candidate }
        }
        return nil
    }
}
