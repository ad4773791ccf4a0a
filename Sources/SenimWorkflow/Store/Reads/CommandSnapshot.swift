/// What a workflow command read (``CommandReads``), by name: the document's state, the acting user as stored
/// now, the audit chain it appends to, and whether its EDS was accepted elsewhere already. The plan decides
/// from this alone.
struct CommandSnapshot: Sendable {
    let state: DocumentState
    /// Where the document's bytes are (nil: the document is not stored yet).
    let documentBlobPath: String?
    /// The acting user's row (nil: gone, or no user acts) and employments, as this transaction read them.
    let user: User?
    let employments: [Employee]
    /// The acting API key's row (nil: a person acts, or the key is gone).
    let apiKey: APIKey?
    /// The chain head and log size the command's audit events build on.
    let chainHead: (sequence: UInt64, hash: String)?
    let logSize: UInt64
    /// Another document already accepted an EDS with this signature value.
    let signatureValueUsedElsewhere: Bool
    /// The partner's active webhook endpoints.
    let webhookEndpoints: [WebhookEndpoint]

    init(_ rows: ReadRows) throws(StoreError) {
        (state, documentBlobPath) = try DocumentReads.decode(rows)
        (user, employments, apiKey) = try PrincipalReads.decode(rows)
        (chainHead, logSize) = try ChainReads.decode(rows)
        signatureValueUsedElsewhere = !rows[.signatureValueElsewhere].isEmpty
        var endpoints: [WebhookEndpoint] = []
        for row in rows[.webhookEndpoints] { endpoints.append(try WebhookEndpointsTable.decode(row)) }
        webhookEndpoints = endpoints
    }

    /// The answer stored under the command's idempotency key, if there is one (read before anything else: a
    /// replay answers as the first time did).
    static func storedAnswer(_ rows: ReadRows) throws(StoreError) -> IdempotencyKeysTable.Stored? {
        try rows[.storedAnswer].first.map(IdempotencyKeysTable.decode)
    }

    /// The platform log's size as read, if it decodes (the one read other documents' commands move).
    static func logSize(_ rows: ReadRows) -> UInt64? { try? rows[.logSize].first.map(LogStateTable.decodeSize) }
}
