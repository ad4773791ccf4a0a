import Foundation
import SenimCrypto
import SwiftASN1

/// The facts about one certificate that reports and `senimkey cert show` print (Codable for `--format json`).
public struct CertificateSummary: Sendable, Codable, Hashable {
    public let subject: String
    public let issuer: String
    public let serialNumber: String
    public let notBefore: Date
    public let notAfter: Date
    public let publicKeyAlgorithm: String
    public let signatureAlgorithm: String
    public let sha256: String
    public let sha1: String
    public let signer: Signer
    public let keyUsage: [String]
    public let extendedKeyUsage: [String]
    public let policies: [String]
    public let isCertificateAuthority: Bool
    public let ocspURLs: [String]
    public let caIssuerURLs: [String]
    public let crlURLs: [String]

    public init(certificate: Certificate) {
        subject = certificate.subject.description
        issuer = certificate.issuer.description
        serialNumber = certificate.serialNumberHex
        notBefore = certificate.validity.notBefore
        notAfter = certificate.validity.notAfter
        publicKeyAlgorithm =
            (try? certificate.publicKey.algorithmDescription) ?? "unsupported \(certificate.subjectPublicKeyInfo.algorithm.algorithm)"
        signatureAlgorithm =
            (try? SignatureAlgorithm(algorithmIdentifier: certificate.signatureAlgorithm).description)
            ?? certificate.signatureAlgorithm.algorithm.description
        sha256 = Hex.encode(certificate.sha256Fingerprint)
        sha1 = Hex.encode(certificate.sha1Fingerprint)
        signer = Signer(certificate: certificate)
        let extensions = certificate.extensions
        keyUsage = ((try? extensions.keyUsage)?.map { $0.description.components(separatedBy: ", ") }) ?? []
        extendedKeyUsage = ((try? extensions.extendedKeyUsage) ?? nil)?.map(\.description) ?? []
        policies = ((try? extensions.certificatePolicies) ?? nil)?.map(\.identifier.description) ?? []
        isCertificateAuthority = ((try? extensions.basicConstraints) ?? nil)?.isCertificateAuthority ?? false
        let access = ((try? extensions.authorityInformationAccess) ?? nil) ?? []
        func uris(_ method: ASN1ObjectIdentifier) -> [String] {
            access.filter { $0.method == method }.compactMap {
                if case .uniformResourceIdentifier(let uri) = $0.location { return uri } else { return nil }
            }
        }
        ocspURLs = uris(AccessDescription.ocsp)
        caIssuerURLs = uris(AccessDescription.caIssuers)
        crlURLs = (((try? extensions.crlDistributionPoints) ?? nil) ?? []).flatMap(\.uris)
    }
}
