import Foundation

extension WorkflowEngine {
    /// Waits (up to `timeout`) until this engine follows the other nodes' cache changes; false when its store
    /// has no feed (SQLite) or the feed did not start in time. A server is coherent from its first request either
    /// way: until then, the cache lifetime bounds staleness.
    public func followsOtherNodes(within timeout: Duration = .seconds(5)) async -> Bool {
        guard store is any CacheChangeFeed else { return false }
        let deadline = ContinuousClock.now + timeout
        while !caches.isListening {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}

extension AdministrativeAction {
    /// The channel an administrative change is announced on.
    var cacheKind: CacheKind {
        switch self {
        case .userStatus, .employeeRights, .apiKeyCreated, .apiKeyRevoked, .webhookRegistered, .webhookDisabled: return .user
        case .partnerStatus, .tariff: return .partner
        }
    }
}
