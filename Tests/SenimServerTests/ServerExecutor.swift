import Foundation

/// The threads the loopback servers of the tests run their request handlers on. Without it, a handler runs on Swift's
/// cooperative pool, which has one thread per core: on a two-core machine two tests that block (a CPU-bound
/// mutation corpus, a synchronous wait) leave the server no thread, and an attack test's "answered in under a
/// second" would measure the other tests. Task executor preference (SE-0417) carries this executor to the
/// server's structured child tasks, one per connection and request.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ServerExecutor()

    private let queue = DispatchQueue(label: "senimkey.tests.server", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
