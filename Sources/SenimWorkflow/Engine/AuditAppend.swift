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
            writes.append(AuditEventsTable.insert(link, canonical: canonical, chainID: documentID, at: time))
            previous = try Hex.decode(link.hash)
            sequence += 1
        }
        guard let last = events.last else { return ([], logSize, []) }
        let anchor = AuditAnchor(documentID: documentID, lastSequence: last.event.sequence, head: last.hash)
        let leaf = MerkleHash.leaf(try anchor.leafData())
        // The leaf takes the log's size at commit time, not the one read: a plan made from an earlier snapshot
        // stays valid while other documents' commands append (the engine then corrects `leafIndex`).
        writes.append(LogLeavesTable.append(leafHash: leaf, chainID: documentID, lastSequence: last.event.sequence))
        writes.append(LogStateTable.grow)
        return (events, logSize, writes)
    }

    /// The append on the chain and log that ``ChainReads`` read.
    init(_ rows: ReadRows) throws(StoreError) {
        (head, logSize) = try ChainReads.decode(rows)
    }

    init(head: (sequence: UInt64, hash: String)?, logSize: UInt64) {
        self.head = head
        self.logSize = logSize
    }
}
