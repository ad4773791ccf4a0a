import Foundation
import SenimCrypto

/// An event with its place in the document's hash chain:
/// `hash_n = SHA-256(hash_{n−1} ‖ canonical(event_n))`, `hash_{−1}` = 32 zero bytes.
public struct ChainedEvent: Sendable, Codable, Hashable {
    public let event: AuditEvent
    public let previousHash: String
    public let hash: String
}

/// Why a chain does not hold.
public enum AuditChainError: Error, Sendable, Equatable, CustomStringConvertible {
    case sequenceGap(expected: UInt64, found: UInt64)
    case wrongDocument(sequence: UInt64)
    case previousHashMismatch(sequence: UInt64)
    case hashMismatch(sequence: UInt64)
    case encoding(String)

    public var description: String {
        switch self {
        case .sequenceGap(let expected, let found):
            return "event \(found) where \(expected) was expected: an event was removed, inserted or moved"
        case .wrongDocument(let sequence): return "event \(sequence) belongs to another document"
        case .previousHashMismatch(let sequence): return "event \(sequence) does not link to the event before it"
        case .hashMismatch(let sequence): return "event \(sequence) was changed after it was recorded"
        case .encoding(let why): return "event cannot be encoded: \(why)"
        }
    }
}

/// The per-document chain: appending links each event to the one before; verification recomputes every link.
public enum AuditChain {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func link(_ event: AuditEvent, after previous: [UInt8]) throws(AuditChainError) -> ChainedEvent {
        try linkWithCanonicalBytes(event, after: previous).chained
    }

    /// The link and its own canonical JSON, built from the event's canonical bytes (encoded once): what a
    /// store writes per event. Equal to `CanonicalJSON.encode(chained)`, since RFC 8785 orders the members
    /// `event`, `hash`, `previousHash` and the two hashes are lowercase hex.
    public static func linkWithCanonicalBytes(_ event: AuditEvent, after previous: [UInt8]) throws(AuditChainError) -> (
        chained: ChainedEvent, canonical: [UInt8]
    ) {
        let bytes: [UInt8]
        do { bytes = try event.canonicalBytes() } catch { throw .encoding(error.description) }
        var hasher = DigestAlgorithm.sha256.makeHasher()
        hasher.update(bytes: previous)
        hasher.update(bytes: bytes)
        let chained = ChainedEvent(event: event, previousHash: Hex.encode(previous), hash: Hex.encode(hasher.finalize()))
        let canonical =
            Array("{\"event\":".utf8) + bytes + Array(",\"hash\":\"\(chained.hash)\",\"previousHash\":\"\(chained.previousHash)\"}".utf8)
        return (chained, canonical)
    }

    /// Links a document's events in order, from the genesis.
    public static func chain(_ events: [AuditEvent]) throws(AuditChainError) -> [ChainedEvent] {
        var previous = genesis
        var chained: [ChainedEvent] = []
        for event in events {
            let link = try link(event, after: previous)
            chained.append(link)
            previous = Hex.decodeOrEmpty(link.hash)
        }
        return chained
    }

    /// Checks contiguity, linkage and every hash; returns the head hash (what the platform log anchors).
    @discardableResult
    public static func verify(_ events: [ChainedEvent]) throws(AuditChainError) -> [UInt8] {
        var previous = genesis
        for (position, chained) in events.enumerated() {
            let event = chained.event
            guard event.sequence == UInt64(position) else { throw .sequenceGap(expected: UInt64(position), found: event.sequence) }
            guard event.documentID == events[0].event.documentID else { throw .wrongDocument(sequence: event.sequence) }
            guard chained.previousHash == Hex.encode(previous) else { throw .previousHashMismatch(sequence: event.sequence) }
            let recomputed = try link(event, after: previous)
            guard recomputed.hash == chained.hash else { throw .hashMismatch(sequence: event.sequence) }
            previous = Hex.decodeOrEmpty(chained.hash)
        }
        return previous
    }
}

extension Hex {
    static func decodeOrEmpty(_ text: String) -> [UInt8] { (try? Hex.decode(text)) ?? [] }
}
