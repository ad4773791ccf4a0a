import Foundation
import SenimCrypto
import SenimEvidence

/// The writes that put a command's audit actions on record: each event linked into the document's hash chain
/// (`hash_n = SHA-256(hash_{n-1} ‖ canonical(event_n))`), then one RFC 6962 leaf anchoring the new head
/// (``AuditAnchor``) appended to the platform log. They go into the command's transaction.
struct AuditAppend {
    /// The document's chain head before the command (nil: the genesis).
    var head: (sequence: UInt64, hash: String)?
    /// The platform log's size before the command.
    var logSize: UInt64

    /// The sequence the command's first event will take.
    var nextSequence: UInt64 { head.map { $0.sequence + 1 } ?? 0 }

    /// The chained events and the statements that store them, the leaf and the new log size.
    func statements(
        for actions: [AuditAction], documentID: String, document: Document?, actor: AuditActor, client: ClientContext,
        at time: Date
    ) throws -> (events: [ChainedEvent], leafIndex: UInt64, writes: [SQLStatement]) {
        var previous = try head.map { try Hex.decode($0.hash) } ?? AuditChain.genesis
        var sequence = nextSequence
        var events: [ChainedEvent] = []
        var writes: [SQLStatement] = []
        for action in actions {
            let event = AuditEvent(
                sequence: sequence, documentID: documentID, time: time, actor: actor, client: client,
                documentSHA256: document?.sha256 ?? "", documentGOST34311: document?.gost34311 ?? "", action: action)
            let (link, canonical) = try AuditChain.linkWithCanonicalBytes(event, after: previous)
            events.append(link)
            writes.append(
                SQLStatement(
                    "INSERT INTO audit_events (document_id, sequence, hash, previous_hash, event_json, time) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        SQLValue(documentID), .integer(Int64(sequence)), SQLValue(link.hash), SQLValue(link.previousHash),
                        SQLValue(String(decoding: canonical, as: UTF8.self)), SQLValue(time),
                    ]))
            previous = try Hex.decode(link.hash)
            sequence += 1
        }
        guard let last = events.last else { return ([], logSize, []) }
        let anchor = AuditAnchor(documentID: documentID, lastSequence: last.event.sequence, head: last.hash)
        let leaf = MerkleHash.leaf(try anchor.leafData())
        // The leaf takes the log's size at commit time, not the one read: a plan made from an earlier snapshot
        // stays valid while other documents' commands append (the engine then corrects `leafIndex`).
        writes.append(
            SQLStatement(
                """
                INSERT INTO log_leaves (leaf_index, leaf_hash, document_id, last_sequence) VALUES ((SELECT size FROM log_state WHERE id = 1), ?, ?, ?)
                """, [SQLValue(Hex.encode(leaf)), SQLValue(documentID), .integer(Int64(last.event.sequence))]))
        writes.append(SQLStatement("UPDATE log_state SET size = size + 1 WHERE id = 1"))
        return (events, logSize, writes)
    }

    /// The reads that give a command its chain head and the log size; the log row is locked (the last of a
    /// command's locks), so commands append leaves one at a time in PostgreSQL too.
    static func reads(documentID: String, forUpdate: String) -> [SQLStatement] {
        [
            SQLStatement(
                "SELECT sequence, hash FROM audit_events WHERE document_id = ? ORDER BY sequence DESC LIMIT 1", [SQLValue(documentID)]),
            SQLStatement("SELECT size FROM log_state WHERE id = 1" + forUpdate),
        ]
    }

    init(headRows: [SQLRow], logRows: [SQLRow]) throws(StoreError) {
        if let row = headRows.first {
            guard let sequence = row[0].integer, let hash = row[1].text else { throw .corruptRow("audit_events head") }
            head = (UInt64(sequence), hash)
        }
        guard let size = logRows.first?.first?.integer else { throw .corruptRow("log_state") }
        logSize = UInt64(size)
    }
}
