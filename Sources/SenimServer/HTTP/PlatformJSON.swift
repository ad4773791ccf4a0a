import Foundation
import Hummingbird
import NIOCore

/// The platform's JSON for Hummingbird's own `request.decode(as:context:)` and `ResponseEncodable` answers:
/// ISO 8601 dates, sorted keys (stable for tests and diffs), never cached. ``PlatformRequestContext`` names
/// these as its `requestDecoder` and `responseEncoder`.
public struct PlatformJSONEncoder: ResponseEncoder {
    public init() {}

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        Self.response(encoded: Array(try Self.encoder.encode(value)))
    }

    /// An answer whose JSON is already encoded (the status cache, the error body).
    static func response(encoded body: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Decodes a JSON request body of at most the context's `maxUploadSize` bytes. Hummingbird's own answer to a
/// decoding error names Swift types, so a malformed body is refused here with a 400 that names the field.
public struct PlatformJSONDecoder: RequestDecoder {
    public init() {}

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        guard let body = try await Self.decodeIfPresent(type, from: request, limit: context.maxUploadSize) else {
            throw APIError(.badRequest(.bodyNotJSON))
        }
        return body
    }

    /// The same, for a body that may be left out: nil when there is none.
    static func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws(APIError) -> T? {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch { throw APIError(.payloadTooLarge(limit: Int64(limit))) }
        if buffer.readableBytes == 0 { return nil }
        do { return try decoder.decode(type, from: Data(buffer: buffer)) } catch { throw APIError(.badRequest(problem(of: error))) }
    }

    /// The field a decoding error is about, as the user is told it.
    static func problem(of error: any Error) -> RequestProblem {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return .missingField((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? .bodyNotJSON : .wrongFieldType(context.codingPath.map(\.stringValue).joined(separator: "."))
        default:
            return .bodyNotJSON
        }
    }
}

/// A value of a lower layer (a `Partner`, a `TariffPackage`, …) answered as it is: its own JSON, through the
/// platform's encoder, without declaring another module's type a Hummingbird response.
struct JSONBody<Value: Encodable & Sendable>: ResponseEncodable, Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
