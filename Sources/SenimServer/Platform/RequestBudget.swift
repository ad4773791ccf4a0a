import Foundation

/// How many costly requests (evidence exports, reports) each user may make in a sliding window, on this node.
/// Each export builds and seals a package, so a logged-in user cannot turn them into a load on the platform.
actor RequestBudget {
    let limit: Int
    let window: TimeInterval
    private var requests: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts a request by `user` at `time`, or, when the user has used the window up, the seconds to wait.
    func refusal(for user: String, at time: Date) -> Int? {
        let recent = (requests[user] ?? []).filter { $0 > time.addingTimeInterval(-window) }
        if recent.count >= limit {
            requests[user] = recent
            return max(1, Int((recent[0].addingTimeInterval(window)).timeIntervalSince(time).rounded(.up)))
        }
        requests[user] = recent + [time]
        if requests.count > 100_000 { requests = requests.filter { ($0.value.last ?? .distantPast) > time.addingTimeInterval(-window) } }
        return nil
    }
}
