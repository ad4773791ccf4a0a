import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SenimCrypto
import SenimWorkflow

/// `Idempotency-Key` for every POST (draft-ietf-httpapi-idempotency-key-header): a client that did not get an
/// answer (a timeout, a dropped connection) sends the request again with the same key and gets the first answer,
/// not a second action. Keys are per principal (a user's or an API key's) and live 24 hours. A key sent again
/// with another request is refused (409), so a key never answers for something it was not given with.
///
/// Workflow commands (upload, signers, send, cancel, sign, reject) keep their answer in their own
/// transaction (``WorkflowEngine/execute(_:by:client:blobPath:companionPath:idempotencyKey:at:)``), the
/// streamed upload among them; every other POST is kept here, after its answer.
struct IdempotentRequests: Sendable {
    let engine: WorkflowEngine
    let clock: @Sendable () -> Date

    /// Runs `handle` once per key: a stored answer is replayed (`Idempotent-Replayed: true`), a new one stored.
    func run(
        _ request: Request, context: PlatformRequestContext, key: String, principal: WorkflowPrincipal,
        handle: (Request) async throws -> Response
    ) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let digest = Hex.encode(
            DigestAlgorithm.sha256.hash(Array("\(request.method.rawValue) \(request.uri.description)\n".utf8) + Self.canonical(body)))
        let storedKey = "http:\(principal.user.id):\(key)"
        if let (stored, answer) = try await engine.storedAnswer(forKey: storedKey, at: clock()) {
            guard stored == digest else { throw APIError(workflow: .idempotencyKeyReused(key)) }
            var headers = HTTPFields()
            if let type = answer.contentType { headers[.contentType] = type }
            headers[Self.replayed] = "true"
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        var response = try await handle(request)
        // Only a final answer is kept: a 5xx (the store failed) may succeed when tried again.
        guard response.status.code < 500 else { return response }
        let collector = Collector()
        try await response.body.write(CollectingWriter(collector: collector))
        let bytes = collector.bytes
        response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        try await engine.store(
            StoredAnswer(status: response.status.code, contentType: response.headers[.contentType], body: bytes), forKey: storedKey,
            requestSHA256: digest, at: clock())
        return response
    }

    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    /// The body as the request means it: JSON with its keys sorted (a client's serialiser may order them
    /// differently on a retry), anything else as sent.
    static func canonical(_ body: ByteBuffer) -> [UInt8] {
        let bytes = Array(buffer: body)
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
            let sorted = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        else { return bytes }
        return Array(sorted)
    }

    final class Collector: @unchecked Sendable {
        // @unchecked: written by one writer, read after it finished.
        var bytes: [UInt8] = []
    }

    struct CollectingWriter: ResponseBodyWriter {
        let collector: Collector
        mutating func write(_ buffer: ByteBuffer) async throws { collector.bytes += Array(buffer: buffer) }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
