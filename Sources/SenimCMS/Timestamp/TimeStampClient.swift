import Foundation
import SenimCrypto
import SenimPKI

/// Asks an RFC 3161 TSA for a token over some data, and keeps only a token that is for this request: granted, with
/// the imprint sent and the nonce echoed (RFC 3161 §2.4.2). A TSA that fails, times out, refuses, or answers for
/// other data is asked again, up to ``attempts`` times; its wrong answers are never returned.
public struct TimeStampClient: Sendable {
    /// Why no token was obtained (the last attempt's reason).
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No answer: the connection failed, timed out, or the server answered with an HTTP error.
        case unreachable(String)
        /// An answer that is not a TimeStampResp.
        case unreadable(String)
        /// PKIStatus rejection (or waiting): the TSA declined.
        case refused(status: Int, text: String)
        /// A token whose imprint or nonce is not this request's.
        case notForThisRequest

        public var description: String {
            switch self {
            case .unreachable(let why): return "the time-stamping authority did not answer: \(why)"
            case .unreadable(let why): return "the time-stamping authority's answer cannot be read: \(why)"
            case .refused(let status, let text):
                return "the time-stamping authority refused the request (status \(status))" + (text.isEmpty ? "" : ": \(text)")
            case .notForThisRequest: return "the time-stamping authority answered with a token for other data (imprint or nonce differ)"
            }
        }
    }

    public let url: String
    public let fetcher: OnlineFetcher
    public let imprintAlgorithm: DigestAlgorithm
    public let attempts: Int
    /// The pause before attempt n + 1 is n times this.
    public let retryDelay: Duration

    public init(
        url: String, fetcher: OnlineFetcher = OnlineFetcher(), imprintAlgorithm: DigestAlgorithm = .sha256, attempts: Int = 3,
        retryDelay: Duration = .milliseconds(200)
    ) {
        self.url = url
        self.fetcher = fetcher
        self.imprintAlgorithm = imprintAlgorithm
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
    }

    /// A token whose imprint is the hash of `data` (only the hash leaves this machine).
    public func timestamp(_ data: [UInt8]) async throws(Failure) -> TimeStampToken {
        try await timestamp(imprint: imprintAlgorithm.hash(data))
    }

    /// A token over an imprint already computed with ``imprintAlgorithm`` (a signature value's hash).
    public func timestamp(imprint: [UInt8]) async throws(Failure) -> TimeStampToken {
        var failure = Failure.unreachable("no attempt was made")
        for attempt in 1...attempts {
            if attempt > 1 { try? await Task.sleep(for: retryDelay * (attempt - 1)) }
            let request = TimeStampRequest(
                imprintAlgorithm: imprintAlgorithm, messageImprint: imprint, nonce: TimeStampRequest.randomNonce())
            do { return try await once(request) } catch { failure = error }
        }
        throw failure
    }

    private func once(_ request: TimeStampRequest) async throws(Failure) -> TimeStampToken {
        let fetched = await fetcher.post(
            url, body: request.derEncoded, contentType: "application/timestamp-query", kind: .timestampResponse)
        let response: TimeStampResponse
        switch fetched {
        case .failure(let error): throw .unreachable(error.message)
        case .success(let document):
            do { response = try TimeStampResponse(bytes: document.bytes) } catch { throw .unreadable(error.description) }
        }
        guard response.isGranted, let token = response.token else {
            throw .refused(status: response.status, text: response.statusText.joined(separator: "; "))
        }
        let echoed = token.info.nonce.map { Array($0.drop(while: { $0 == 0 })) }
        guard token.info.messageImprint == request.messageImprint, token.info.imprintAlgorithm == request.imprintAlgorithm,
            echoed == request.nonce.map({ Array($0.drop(while: { $0 == 0 })) })
        else { throw .notForThisRequest }
        return token
    }
}
