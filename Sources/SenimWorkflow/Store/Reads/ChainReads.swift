/// The reads an audit append builds on: the chain's head and the platform log's size, the log row locked (the
/// last of a transaction's locks, so commands append leaves one at a time in PostgreSQL too).
enum ChainReads {
    static func reads(chainID: String, forUpdate: String) -> NamedReads {
        NamedReads([
            .chainHead: AuditEventsTable.selectHead(chainID: chainID),
            .logSize: LogStateTable.selectSize(forUpdate: forUpdate),
        ])
    }

    /// The chain's head (nil: the genesis) and the log's size, as read.
    static func decode(_ rows: ReadRows) throws(StoreError) -> (head: (sequence: UInt64, hash: String)?, logSize: UInt64) {
        let head = try rows[.chainHead].first.map(AuditEventsTable.decodeHead)
        guard let size = rows[.logSize].first else { throw .corruptRow("log_state") }
        return (head, try LogStateTable.decodeSize(size))
    }
}
