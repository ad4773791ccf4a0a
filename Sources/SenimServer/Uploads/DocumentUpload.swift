import Foundation
import Hummingbird
import SenimWorkflow

/// The one way a document's bytes come in, for the API (the raw body) and the page (the form's file part):
/// streamed to the blob store as they arrive, hashed on the way (SHA-256 and GOST 34.311, the document's
/// identity), at most the deployment's `maximumDocumentSize`, and typed from its first bytes
/// (``MediaTypeSniffer``), never from what the client claims.
enum DocumentUpload {
    struct Received: Sendable {
        let stored: BlobStore.Stored
        let mediaType: String
    }

    static func receive<Chunks: AsyncSequence>(_ chunks: Chunks, fileName: String, platform: SenimPlatform) async throws
        -> Received
    where Chunks.Element == [UInt8] {
        let maximum = platform.configuration.maximumDocumentSize
        let stored: BlobStore.Stored
        do {
            stored = try await platform.blobs.store(chunks, limit: maximum)
        } catch StoreError.blobTooLarge {
            throw APIError(.payloadTooLarge(limit: maximum))
        } catch let error as FormBody.FormError {
            throw error == .tooLarge ? APIError(.payloadTooLarge(limit: maximum)) : APIError(.badRequest(.formUnreadable))
        }
        return Received(stored: stored, mediaType: try MediaTypeSniffer.mediaType(ofFileAt: stored.path, fileName: fileName))
    }

    /// A body whose declared length is over the limit is refused before a byte of it is read.
    static func refuseDeclaredOversize(_ request: Request, platform: SenimPlatform) throws(APIError) {
        let maximum = platform.configuration.maximumDocumentSize
        if let declared = request.headers[.contentLength].flatMap(Int64.init), declared > maximum {
            throw APIError(.payloadTooLarge(limit: maximum))
        }
    }
}
