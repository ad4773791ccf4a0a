/// `blobs`: one row per stored content (PostgreSQL deployments, ``PostgreSQLBlobBackend``), keyed by SHA-256,
/// naming the upload whose `blob_chunks` hold the bytes.
enum BlobsTable {
    enum Columns: String, TableColumns {
        static let table = "blobs"
        case sha256, gost34311, size
        case uploadID = "upload_id"
        case chunkCount = "chunk_count"
        case createdAt = "created_at"
    }
}

/// `blob_chunks`: the bytes of a blob in order, ``BlobStore/chunkSize`` per row (`bytea` in PostgreSQL).
enum BlobChunksTable {
    enum Columns: String, TableColumns {
        static let table = "blob_chunks"
        case uploadID = "upload_id"
        case chunkIndex = "chunk_index"
        case data
        case writtenAt = "written_at"
    }
}
