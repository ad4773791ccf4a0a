import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport

@testable import SenimXMLDSig

enum XMLFixtures {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    static func trustStore() throws -> TrustStore {
        let shipped = try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
        let testRoot = try Certificate(bytes: try TestVectors.bytes("generated/test-pki/root.cert.pem"))
        return TrustStore(roots: shipped.roots + [testRoot], intermediates: shipped.intermediates)
    }

    static var policy: ValidationPolicy {
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false
        return policy
    }

    static func validator(options: XMLValidationOptions = XMLValidationOptions(), crls: [String] = []) throws -> XMLSignatureValidator {
        let lists = try crls.map { try CertificateRevocationList(bytes: try TestVectors.bytes($0)) }
        return XMLSignatureValidator(
            trustStore: try trustStore(), policy: policy,
            revocationSources: [OfflineRevocationSource(revocationLists: lists)], options: options)
    }
}
