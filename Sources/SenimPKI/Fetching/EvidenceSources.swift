import Foundation

/// Revocation evidence gathered for one certificate, with the documents it came from and what went wrong.
public struct RevocationData: Sendable {
    public var revocationLists: [CertificateRevocationList] = []
    public var ocspResponses: [OCSPResponse] = []
    public var documents: [FetchedDocument] = []
    public var errors: [String] = []
    /// The nonce sent with an OCSP request, to hand to ``RevocationChecker``.
    public var ocspNonce: [UInt8]?
    public init() {}
}

/// Issuer certificates gathered for one certificate.
public struct IssuerData: Sendable {
    public var certificates: [Certificate] = []
    public var documents: [FetchedDocument] = []
    public var errors: [String] = []
    public init() {}
}

/// Where revocation evidence comes from: files given on the command line, data embedded in a signature or an
/// evidence package, or the network (``OnlineFetcher``). Validation treats them all alike and verifies what
/// they return.
public protocol RevocationSource: Sendable {
    func revocationData(for certificate: Certificate, issuer: Certificate, at time: Date) async -> RevocationData
}

/// Where issuer certificates come from: a trust store, certificates embedded in a signature, or AIA.
public protocol CertificateSource: Sendable {
    func issuers(of certificate: Certificate) async -> IssuerData
}

/// Evidence already in hand (files, or data embedded in a CMS or an evidence package).
public struct OfflineRevocationSource: RevocationSource {
    public let revocationLists: [CertificateRevocationList]
    public let ocspResponses: [OCSPResponse]

    public init(revocationLists: [CertificateRevocationList] = [], ocspResponses: [OCSPResponse] = []) {
        self.revocationLists = revocationLists
        self.ocspResponses = ocspResponses
    }

    /// The CRLs naming the issuer and every OCSP response (a response is matched to the certificate by CertID later).
    public func revocationData(for certificate: Certificate, issuer: Certificate, at time: Date) async -> RevocationData {
        var data = RevocationData()
        data.revocationLists = revocationLists.filter { $0.issuer.matches(issuer.subject) }
        data.ocspResponses = ocspResponses
        return data
    }
}

/// Certificates already in hand: those whose subject names the certificate's issuer.
public struct OfflineCertificateSource: CertificateSource {
    public let certificates: [Certificate]
    public init(certificates: [Certificate]) { self.certificates = certificates }

    public func issuers(of certificate: Certificate) async -> IssuerData {
        var data = IssuerData()
        data.certificates = certificates.filter { certificate.issuer.matches($0.subject) }
        return data
    }
}

extension OnlineFetcher: RevocationSource, CertificateSource {}
