import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI

/// The platform's seal over evidence (a manifest, an SES record): a detached CAdES signature by the platform
/// key (PKCS#12 or PEM; in production the platform's NCA "infosystem" GOST certificate), with an RFC 3161
/// signature timestamp from the configured TSA when there is one, so the seal carries a proof of existence.
public struct PlatformSeal: Sendable {
    public enum SealError: Error, Sendable, CustomStringConvertible {
        case signing(String)
        case timestamp(String)

        public var description: String {
            switch self {
            case .signing(let why): return "cannot seal: \(why)"
            case .timestamp(let why): return "the TSA did not timestamp the seal: \(why)"
            }
        }
    }

    public let identity: SigningIdentity
    /// The TSA's URL (`http://tsp.pki.gov.kz` in production); nil seals without a timestamp.
    public let timestampAuthorityURL: String?
    public let fetcher: OnlineFetcher?
    /// The imprint algorithm sent to the TSA (the NCA TSA answers GOST 34.311, SHA-256 and Streebog).
    public let imprintAlgorithm: DigestAlgorithm

    /// The configured TSA, which also makes the evidence package's archive timestamps; nil without one.
    public var timestampClient: TimeStampClient? {
        guard let url = timestampAuthorityURL, let fetcher else { return nil }
        return TimeStampClient(url: url, fetcher: fetcher, imprintAlgorithm: imprintAlgorithm)
    }

    public init(
        identity: SigningIdentity, timestampAuthorityURL: String? = nil, fetcher: OnlineFetcher? = nil,
        imprintAlgorithm: DigestAlgorithm = .sha256
    ) {
        self.identity = identity
        self.timestampAuthorityURL = timestampAuthorityURL
        self.fetcher = fetcher ?? (timestampAuthorityURL == nil ? nil : OnlineFetcher())
        self.imprintAlgorithm = imprintAlgorithm
    }

    /// A detached CMS over `content`, timestamped when a TSA is configured.
    public func seal(_ content: [UInt8], at time: Date = Date()) async throws(SealError) -> SignedData {
        let signed: SignedData
        do { signed = try CMSBuilder.sign(content, detached: true, signers: [CMSSigner(identity: identity, signingTime: time)]) } catch {
            throw .signing(error.description)
        }
        guard let client = timestampClient else { return signed }
        let token: TimeStampToken
        do { token = try await client.timestamp(signed.signerInfos[0].signature) } catch { throw .timestamp(error.description) }
        do {
            let attribute = try CMSAttribute(type: .CMS.signatureTimeStampToken, values: [token.derEncoded])
            return try signed.replacingSignerInfo(at: 0, with: try signed.signerInfos[0].adding(unsignedAttribute: attribute))
        } catch {
            throw .timestamp("\(DecodingErrorText.sentence(error))")
        }
    }
}
