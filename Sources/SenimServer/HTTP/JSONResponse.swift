import Foundation
import Hummingbird

/// JSON answers with the platform's encoding: ISO 8601 dates, sorted keys (stable for tests and diffs).
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func make<Body: Encodable>(_ body: Body, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        make(encoded: Array(try encoder.encode(body)), status: status, headers: headers)
    }

    /// An answer whose JSON is already encoded.
    static func make(encoded body: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Decodes a JSON request body of at most `limit` bytes; a malformed one is a 400 that says what is wrong.
    static func decode<Body: Decodable>(_ type: Body.Type, from request: Request, limit: Int) async throws(APIError) -> Body {
        guard let body = try await decodeIfPresent(type, from: request, limit: limit) else { throw APIError(.badRequest(.bodyNotJSON)) }
        return body
    }

    /// The same, for a body that may be left out: nil when there is none.
    static func decodeIfPresent<Body: Decodable>(_ type: Body.Type, from request: Request, limit: Int) async throws(APIError) -> Body? {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch { throw APIError(.payloadTooLarge(limit: Int64(limit))) }
        if buffer.readableBytes == 0 { return nil }
        do { return try decoder.decode(type, from: Data(buffer: buffer)) } catch {
            throw APIError(.badRequest(problem(of: error)))
        }
    }

    /// The field a decoding error is about, as the user is told it.
    static func problem(of error: any Error) -> RequestProblem {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return .missingField((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return context.codingPath.isEmpty ? .bodyNotJSON : .wrongFieldType(context.codingPath.map(\.stringValue).joined(separator: "."))
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? .bodyNotJSON : .wrongFieldType(context.codingPath.map(\.stringValue).joined(separator: "."))
        default:
            return .bodyNotJSON
        }
    }
}
