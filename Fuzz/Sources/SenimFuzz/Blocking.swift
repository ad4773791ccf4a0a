import Foundation

/// Runs an async validation to its end from libFuzzer's synchronous callback. The callback's thread is not one
/// of the concurrency pool's, so waiting on it cannot starve the task it waits for.
enum Blocking {
    static func run<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await body()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { fatalError("the task ended without a value") }
        return value
    }
}

/// Written once by the task before it signals, read after the wait: the semaphore orders the two.
private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}
