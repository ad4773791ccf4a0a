import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A file streamed as the response body in 256 KiB chunks (documents and packages may be 50 MB and more).
enum FileResponse {
    /// - Parameter inline: shown in the browser (the signer's page frames a PDF) instead of saved.
    static func make(path: String, mediaType: String, fileName: String, removeAfter: Bool, inline: Bool = false) throws -> Response {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw APIError(.notFound) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        var headers = HTTPFields()
        headers[.contentType] = mediaType
        let encodedName = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
        headers[.contentDisposition] = "\(inline ? "inline" : "attachment"); filename*=UTF-8''\(encodedName)"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        let body = ResponseBody(contentLength: size) { writer in
            defer {
                try? handle.close()
                if removeAfter { try? FileManager.default.removeItem(atPath: path) }
            }
            while let chunk = try handle.read(upToCount: 256 << 10), !chunk.isEmpty {
                try await writer.write(ByteBuffer(data: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
