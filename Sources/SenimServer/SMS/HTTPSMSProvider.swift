import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// An SMS provider reached over HTTPS with a JSON API. The request body is a template with `{{to}}`
/// (E.164 without `+`… or with it: `{{to_e164}}`), `{{text}}` and `{{id}}` (our message id, so a provider
/// that deduplicates by client id sends a retried message once). Transient failures (connection errors,
/// timeouts, 408, 429, 5xx) are retried with exponential backoff; other answers fail at once. The provider's
/// message id (the JSON field named by `messageIDField`) is returned and recorded as delivery evidence.
public struct HTTPSMSProvider: SMSSender {
    public struct Configuration: Sendable {
        public var url: String
        /// The `Authorization` header value (e.g. `Bearer …`, `Basic …`), if the provider wants one.
        public var authorization: String?
        public var bodyTemplate: String
        public var messageIDField: String
        public var timeout: TimeAmount
        public var maximumAttempts: Int
        public var initialBackoff: TimeAmount

        public init(
            url: String, authorization: String? = nil,
            bodyTemplate: String = #"{"recipient":"{{to}}","text":"{{text}}","client_id":"{{id}}"}"#,
            messageIDField: String = "id", timeout: TimeAmount = .seconds(10), maximumAttempts: Int = 4,
            initialBackoff: TimeAmount = .milliseconds(200)
        ) {
            self.url = url
            self.authorization = authorization
            self.bodyTemplate = bodyTemplate
            self.messageIDField = messageIDField
            self.timeout = timeout
            self.maximumAttempts = max(1, maximumAttempts)
            self.initialBackoff = initialBackoff
        }
    }

    public let configuration: Configuration
    let client: HTTPClient

    public init(configuration: Configuration, client: HTTPClient = .shared) {
        self.configuration = configuration
        self.client = client
    }

    public func send(_ message: SMSMessage) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let body = render(message, id: id)
        var lastError = "no attempt made"
        for attempt in 1...configuration.maximumAttempts {
            if attempt > 1 {
                // 200 ms, 400 ms, 800 ms… with up to 50 % jitter, so retries from many requests spread out.
                let base = configuration.initialBackoff.nanoseconds << (attempt - 2)
                try await Task.sleep(nanoseconds: UInt64(base + Int64.random(in: 0...(base / 2))))
            }
            var request = HTTPClientRequest(url: configuration.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            if let authorization = configuration.authorization { request.headers.add(name: "Authorization", value: authorization) }
            request.body = .bytes(ByteBuffer(string: body))
            do {
                let (status, answer) = try await Self.exchange(request, client: client, timeout: configuration.timeout)
                if (200..<300).contains(status) {
                    let object = try? JSONSerialization.jsonObject(with: Data(buffer: answer)) as? [String: Any]
                    return (object?[configuration.messageIDField]).map { "\($0)" } ?? id
                }
                lastError = "HTTP \(status)"
                guard status == 408 || status == 429 || status >= 500 else {
                    throw SMSDeliveryError("the SMS provider refused the message: \(lastError)")
                }
            } catch let error as SMSDeliveryError {
                throw error
            } catch {
                lastError = "\(error)"
            }
        }
        throw SMSDeliveryError("the SMS provider did not take the message after \(configuration.maximumAttempts) attempts: \(lastError)")
    }

    /// One request and its whole answer within `timeout` (the head and the body: a provider that stalls
    /// mid-answer is as late as one that never answers).
    static func exchange(_ request: HTTPClientRequest, client: HTTPClient, timeout: TimeAmount) async throws -> (Int, ByteBuffer) {
        try await withThrowingTaskGroup(of: (Int, ByteBuffer)?.self) { group in
            group.addTask {
                let response = try await client.execute(request, timeout: timeout)
                return (Int(response.status.code), try await response.body.collect(upTo: 64 << 10))
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let answer = first else { throw ProviderTimeout(timeout: timeout) }
            return answer
        }
    }

    /// A transient failure: retried like a connection error.
    struct ProviderTimeout: Error, CustomStringConvertible {
        let timeout: TimeAmount
        var description: String { "no answer within \(timeout)" }
    }

    func render(_ message: SMSMessage, id: String) -> String {
        configuration.bodyTemplate
            .replacingOccurrences(of: "{{to_e164}}", with: Self.jsonEscaped(message.to.e164))
            .replacingOccurrences(of: "{{to}}", with: Self.jsonEscaped(String(message.to.e164.dropFirst())))
            .replacingOccurrences(of: "{{text}}", with: Self.jsonEscaped(message.text))
            .replacingOccurrences(of: "{{id}}", with: Self.jsonEscaped(id))
    }

    /// The text as the inside of a JSON string.
    static func jsonEscaped(_ text: String) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: [text]), let array = String(data: data, encoding: .utf8) else {
            return ""
        }
        return String(array.dropFirst(2).dropLast(2))
    }
}
