import AsyncHTTPClient
import Foundation
import NIOCore
import SenimCrypto
import SwiftASN1

/// Fetches revocation data and issuer certificates over HTTP, from the URLs in the certificates themselves:
/// CRL distribution points (GET), the AIA OCSP responder (POST application/ocsp-request, RFC 6960 App. A),
/// and AIA caIssuers (GET). Every request has a timeout and a size cap; CRLs are cached until their nextUpdate;
/// every document fetched is returned so it can be stored as evidence.
///
/// Verification is not done here: the fetched data goes to ``RevocationChecker`` / path validation like any other.
public actor OnlineFetcher {
    public struct Configuration: Sendable {
        public var timeout: TimeAmount = .seconds(10)
        public var maximumCRLBytes = 64 << 20
        public var maximumOCSPBytes = 1 << 20
        public var maximumCertificateBytes = 1 << 20
        /// Send a random nonce with OCSP requests (NCANode sends 8 bytes).
        public var ocspNonceLength: Int? = 8
        /// Host → base URL rewrites, e.g. `["test.pki.gov.kz": "http://mirror.internal:8080"]` for a local mirror
        /// (and for tests that serve the NCA files from a loopback server).
        public var mirrors = MirrorTable()
        public init() {}
    }

    private let client: HTTPClient
    private let configuration: Configuration
    private var crlCache: [String: (crl: CertificateRevocationList, document: FetchedDocument)] = [:]

    public init(client: HTTPClient = .shared, configuration: Configuration = Configuration()) {
        self.client = client
        self.configuration = configuration
    }

    /// CRLs from the certificate's distribution points and an OCSP response from its AIA responder.
    public func revocationData(for certificate: Certificate, issuer: Certificate, at now: Date = Date()) async -> RevocationData {
        var result = RevocationData()
        let points = ((try? certificate.extensions.crlDistributionPoints) ?? nil) ?? []
        for url in points.flatMap(\.uris) where url.hasPrefix("http") {
            if let cached = crlCache[url], let next = cached.crl.nextUpdate, now < next {
                result.revocationLists.append(cached.crl)
                result.documents.append(cached.document)
                continue
            }
            switch await get(url, kind: .crl, limit: configuration.maximumCRLBytes) {
            case .success(let document):
                do {
                    let crl = try CertificateRevocationList(bytes: document.bytes)
                    crlCache[url] = (crl, document)
                    result.revocationLists.append(crl)
                    result.documents.append(document)
                } catch {
                    result.errors.append("\(url): \(DecodingErrorText.sentence(error))")
                }
            case .failure(let error):
                result.errors.append(error.message)
            }
        }
        for url in Self.accessURLs(certificate, method: AccessDescription.ocsp) where url.hasPrefix("http") {
            var nonce: [UInt8]?
            if let length = configuration.ocspNonceLength {
                var bytes = [UInt8](repeating: 0, count: length)
                for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
                nonce = bytes
            }
            let request: OCSPRequest
            do { request = try OCSPRequest(certificate: certificate, issuer: issuer, nonce: nonce) } catch {
                result.errors.append("OCSP request: \(DecodingErrorText.sentence(error))")
                continue
            }
            switch await post(url, body: request.derEncoded, contentType: "application/ocsp-request", limit: configuration.maximumOCSPBytes)
            {
            case .success(let document):
                do {
                    result.ocspResponses.append(try OCSPResponse(derEncoded: document.bytes))
                    result.documents.append(document)
                    result.ocspNonce = nonce
                } catch {
                    result.errors.append("\(url): \(DecodingErrorText.sentence(error))")
                }
            case .failure(let error):
                result.errors.append(error.message)
            }
        }
        return result
    }

    /// Issuer certificates named by AIA caIssuers (DER or PEM, as NCA publishes `.cer` files).
    public func issuers(of certificate: Certificate) async -> IssuerData {
        var result = IssuerData()
        for url in Self.accessURLs(certificate, method: AccessDescription.caIssuers) where url.hasPrefix("http") {
            switch await get(url, kind: .certificate, limit: configuration.maximumCertificateBytes) {
            case .success(let document):
                do {
                    result.certificates.append(try Certificate(bytes: document.bytes))
                    result.documents.append(document)
                } catch {
                    result.errors.append("\(url): \(DecodingErrorText.sentence(error))")
                }
            case .failure(let error):
                result.errors.append(error.message)
            }
        }
        return result
    }

    // MARK: HTTP

    public struct FetchError: Error, Sendable { public let message: String }

    private func get(_ url: String, kind: FetchedDocument.Kind, limit: Int) async -> Swift.Result<FetchedDocument, FetchError> {
        await send(HTTPClientRequest(url: configuration.mirrors.rewrite(url)), originalURL: url, kind: kind, limit: limit)
    }

    private func post(_ url: String, body: [UInt8], contentType: String, limit: Int) async -> Swift.Result<FetchedDocument, FetchError> {
        await post(url, body: body, contentType: contentType, kind: .ocspResponse, limit: limit)
    }

    /// A POST with the fetcher's timeout, size cap and mirrors: OCSP requests, RFC 3161 `application/timestamp-query`.
    public func post(_ url: String, body: [UInt8], contentType: String, kind: FetchedDocument.Kind, limit: Int = 1 << 20) async
        -> Swift.Result<FetchedDocument, FetchError>
    {
        var request = HTTPClientRequest(url: configuration.mirrors.rewrite(url))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .bytes(ByteBuffer(bytes: body))
        return await send(request, originalURL: url, kind: kind, limit: limit)
    }

    private func send(_ request: HTTPClientRequest, originalURL: String, kind: FetchedDocument.Kind, limit: Int) async
        -> Swift.Result<FetchedDocument, FetchError>
    {
        do {
            let response = try await client.execute(request, timeout: configuration.timeout)
            guard response.status == .ok else {
                return .failure(FetchError(message: "\(originalURL): HTTP \(response.status.code)"))
            }
            let body = try await response.body.collect(upTo: limit)
            return .success(FetchedDocument(kind: kind, url: originalURL, fetchedAt: Date(), bytes: Array(buffer: body)))
        } catch let error as NIOTooManyBytesError {
            return .failure(FetchError(message: "\(originalURL): larger than \(limit) bytes (\(DecodingErrorText.sentence(error)))"))
        } catch {
            return .failure(FetchError(message: "\(originalURL): \(DecodingErrorText.sentence(error))"))
        }
    }

    private static func accessURLs(_ certificate: Certificate, method: ASN1ObjectIdentifier) -> [String] {
        (((try? certificate.extensions.authorityInformationAccess) ?? nil) ?? []).filter { $0.method == method }.compactMap {
            if case .uniformResourceIdentifier(let uri) = $0.location { return uri } else { return nil }
        }
    }
}
