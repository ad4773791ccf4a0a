import Foundation
import SenimWorkflow

/// The JSON of a document's status, kept while the status it was encoded from is unchanged: a signer's page
/// and a partner's list poll the same few documents, and encoding is most of what such a read costs once the
/// engine serves the status from memory. An entry is reused only when the status equals the one it was
/// encoded from, so it can never answer with another status than the engine's.
final class EncodedStatusCache: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [String: (state: DocumentState, body: [UInt8])] = [:]
    private let capacity = 5_000

    /// - Parameter variant: what else the JSON depends on (whose data it shows unmasked).
    func body(for state: DocumentState, variant: String, encode: () throws -> [UInt8]) rethrows -> [UInt8] {
        guard let document = state.document?.id else { return try encode() }
        let id = document + "|" + variant
        if let entry = lock.withLock({ entries[id] }), entry.state == state { return entry.body }
        let body = try encode()
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = (state, body)
        }
        return body
    }
}
