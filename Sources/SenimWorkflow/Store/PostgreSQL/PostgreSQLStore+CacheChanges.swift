import Foundation
import Logging
import PostgresNIO

/// Cache coherence between the servers on one PostgreSQL: each committed change is announced with `pg_notify` on
/// its kind's channel (PostgreSQL `NOTIFY`: delivered to every listening session of the database, in commit order),
/// and every store follows the channels on one dedicated connection of its own (`LISTEN`), outside the pool.
///
/// The payload is `<node> <key>` (`*` for every entry): a node skips its own announcements (it dropped the entry
/// already). Announcements made while one is being sent are coalesced into one statement, so a burst of
/// commands costs one round trip, not one each.
extension PostgreSQLStore: CacheChangeFeed {
    public func announce(_ change: CacheChange) {
        guard announcements.add(change) else { return }
        Task { await self.sendAnnouncements() }
    }

    private func sendAnnouncements() async {
        while let batch = announcements.takeOrFinish() {
            var values: [String] = []
            var bindings = PostgresBindings()
            for (index, change) in batch.enumerated() {
                values.append("($\(2 * index + 1), $\(2 * index + 2))")
                bindings.append(change.kind.channel)
                bindings.append("\(node) \(change.key ?? "*")")
            }
            let sql = "SELECT pg_notify(channel, payload) FROM (VALUES \(values.joined(separator: ", "))) AS t(channel, payload)"
            do {
                try await withPostgresConnection { connection in
                    _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
                }
            } catch {
                logger.warning("cache change not announced (the cache lifetime covers it)", metadata: ["error": "\(error)"])
            }
        }
    }

    public func follow(listening: @escaping @Sendable () -> Void, received: @escaping @Sendable (CacheChange) -> Void) async {
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: listenerConfiguration, id: 1, logger: logger)
                do {
                    try await listen(connection, kinds: CacheKind.allCases[...], following: [], listening: listening, received: received)
                } catch {
                    logger.warning("cache change feed interrupted", metadata: ["error": "\(error)"])
                }
                try? await connection.close()
            } catch {
                logger.warning("cache change feed cannot connect", metadata: ["error": "\(error)"])
            }
            // Reconnect after a pause; meanwhile the cache lifetime bounds staleness.
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// LISTENs on each kind's channel in turn, then reads them all until one ends (the connection closed) or
    /// the task is cancelled.
    private func listen(
        _ connection: PostgresConnection, kinds: ArraySlice<CacheKind>, following: [(CacheKind, PostgresNotificationSequence)],
        listening: @escaping @Sendable () -> Void, received: @escaping @Sendable (CacheChange) -> Void
    ) async throws {
        guard let kind = kinds.first else {
            listening()
            let node = self.node
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (kind, sequence) in following {
                    group.addTask {
                        for try await notification in sequence {
                            let parts = notification.payload.split(separator: " ", maxSplits: 1).map(String.init)
                            guard parts.count == 2, parts[0] != node else { continue }
                            received(CacheChange(kind: kind, key: parts[1] == "*" ? nil : parts[1]))
                        }
                    }
                }
                _ = try await group.next()
                group.cancelAll()
            }
            return
        }
        try await connection.listen(on: kind.channel) { sequence in
            try await listen(
                connection, kinds: kinds.dropFirst(), following: following + [(kind, sequence)], listening: listening, received: received)
        }
    }
}

/// Announcements waiting to be sent, and whether a sender is running.
final class PendingAnnouncements: @unchecked Sendable {
    // @unchecked: the fields are only touched under `lock`.
    private let lock = NSLock()
    private var pending: [CacheChange] = []
    private var sending = false

    /// Queues `change`; true when the caller must start a sender.
    func add(_ change: CacheChange) -> Bool {
        lock.withLock {
            if !pending.contains(change) { pending.append(change) }
            if sending { return false }
            sending = true
            return true
        }
    }

    /// The next batch (at most 200), or nil (and the sender stops) when none waits.
    func takeOrFinish() -> [CacheChange]? {
        lock.withLock {
            guard !pending.isEmpty else {
                sending = false
                return nil
            }
            let batch = Array(pending.prefix(200))
            pending.removeFirst(batch.count)
            return batch
        }
    }
}
