import Synchronization

/// Test hook: makes the next commits fail after every write of the transaction ran and before it commits, as a
/// process killed at that moment would. Production stores are built without one.
public final class FaultInjection: Sendable {
    private let pending = Mutex(0)

    public init() {}

    /// The next `count` transactions fail before their commit.
    public func failNextCommits(_ count: Int = 1) { pending.withLock { $0 = count } }

    /// Called by a store just before it commits.
    func checkBeforeCommit() throws(StoreError) {
        let fail = pending.withLock { count -> Bool in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if fail { throw .injectedFault }
    }
}
