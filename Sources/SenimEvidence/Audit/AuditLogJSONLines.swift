import Foundation

/// The audit log as an evidence package stores it (`audit/log.jsonl`): one canonical-JSON ``ChainedEvent``
/// per line, each line ending in `\n`. The builder, the verifier and the report read and write it here only.
public enum AuditLogJSONLines {
    public static func encode(_ events: [ChainedEvent]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for event in events {
            bytes += try CanonicalJSON.encode(event)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// The events that decode, and how many non-empty lines there were: a verifier compares the two, since a
    /// line that does not decode is a change to the log, not something to skip.
    public static func decode(_ bytes: some Sequence<UInt8>) -> (lineCount: Int, events: [ChainedEvent]) {
        let lines = String(decoding: Array(bytes), as: UTF8.self).split(separator: "\n")
        let decoder = CanonicalJSON.decoder()
        return (lines.count, lines.compactMap { try? decoder.decode(ChainedEvent.self, from: Data($0.utf8)) })
    }
}
