import Synchronization

/// Test hook: makes the next commits fail after every write of the transaction ran and before it commits, as a
/// process killed at that moment would, or holds the next transaction before it begins, so a test can run
/// another command in between (an interleaving). Production stores are built without one.
public final class FaultInjection: Sendable {
    private let pending = Mutex(0)
    private let held = Mutex<(reached: AsyncStream<Void>.Continuation, release: AsyncStream<Void>)?>(nil)

    public init() {}

    /// Holds the next transaction before it begins. `reached` yields once it is waiting; `release` lets it go on.
    public func holdNextTransaction() -> (reached: AsyncStream<Void>, release: AsyncStream<Void>.Continuation) {
        let (reached, reachedContinuation) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        held.withLock { $0 = (reachedContinuation, release) }
        return (reached, releaseContinuation)
    }

    /// Called by a store as a transaction begins.
    func beforeTransaction() async {
        guard
            let hold = held.withLock({ current -> (reached: AsyncStream<Void>.Continuation, release: AsyncStream<Void>)? in
                defer { current = nil }
                return current
            })
        else { return }
        hold.reached.yield(())
        for await _ in hold.release { break }
    }

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
