import Foundation
import GRDB
import Synchronization

/// Group commit for the one SQLite writer: commands that arrive while a transaction is open wait, then run
/// back to back in the next transaction, each inside its own savepoint (a refused command rolls back only
/// itself), and one commit (one WAL sync) makes them all durable. Every caller is answered after that commit,
/// never before, so batching changes the cost of durability, not its meaning.
final class GroupCommit: Sendable {
    /// One command's work and how to answer it.
    struct Job: Sendable {
        let run: @Sendable (Database) throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private let pool: DatabasePool
    private let faults: FaultInjection?
    private let state = Mutex<(pending: [Job], draining: Bool)>(([], false))
    private let queue = DispatchQueue(label: "senimkey.sqlite.group-commit")
    /// Bounds how long the first command of a batch waits behind the others.
    static let largestBatch = 64

    init(pool: DatabasePool, faults: FaultInjection?) {
        self.pool = pool
        self.faults = faults
    }

    func submit(_ job: Job) {
        let start = state.withLock { state -> Bool in
            state.pending.append(job)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    private func drain() {
        while true {
            let jobs = state.withLock { state -> [Job] in
                let batch = Array(state.pending.prefix(Self.largestBatch))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            guard !jobs.isEmpty else { return }
            var outcomes = [(any Error)?](repeating: nil, count: jobs.count)
            do {
                try pool.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        for (index, job) in jobs.enumerated() {
                            do {
                                try db.inSavepoint {
                                    try job.run(db)
                                    return .commit
                                }
                            } catch {
                                outcomes[index] = error
                            }
                        }
                        try faults?.checkBeforeCommit()
                        return .commit
                    }
                }
            } catch {
                // The commit itself failed: nothing of this batch is on disk.
                outcomes = outcomes.map { $0 ?? error }
            }
            for (job, outcome) in zip(jobs, outcomes) { job.finish(outcome) }
        }
    }
}
