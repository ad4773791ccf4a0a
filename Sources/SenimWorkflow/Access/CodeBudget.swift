import Foundation
import SenimEvidence

/// One phone's (login) or one signer's (signing) SMS codes of the last 24 hours, and whether another code may
/// be sent or entered now. Pure: the engine reads the challenges in the transaction that would add one.
struct CodeBudget: Sendable {
    /// The challenges created in the last 24 hours, any order.
    let challenges: [SESChallenge]
    /// How many of them fall in the short window (``AccessPolicy/rateWindow``), with its limit.
    let inWindow: Int
    let windowLimit: Int
    let windowScope: RateLimitScope

    init(challenges: [SESChallenge], policy: AccessPolicy, windowLimit: Int, windowScope: RateLimitScope, at time: Date) {
        self.challenges = challenges
        inWindow = challenges.filter { $0.createdAt > time.addingTimeInterval(-policy.rateWindow) }.count
        self.windowLimit = windowLimit
        self.windowScope = windowScope
    }

    var failedAttempts: Int { challenges.reduce(0) { $0 + $1.failedAttempts } }

    /// Why no wrong code may be entered now, and for how many seconds.
    func entryRefusal(policy: AccessPolicy, at time: Date) -> WorkflowError? {
        guard failedAttempts >= policy.failedAttemptsPerDay else { return nil }
        return .rateLimited(.failedAttempts, retryAfter: retryAfter(oldest: challenges.map(\.createdAt), at: time))
    }

    /// Why no new code may be sent now, and for how many seconds.
    func issueRefusal(policy: AccessPolicy, at time: Date) -> WorkflowError? {
        if let refusal = entryRefusal(policy: policy, at: time) { return refusal }
        let times = challenges.map(\.createdAt).sorted()
        if times.count >= policy.codesPerDay { return .rateLimited(.daily, retryAfter: retryAfter(oldest: times, at: time)) }
        if inWindow >= windowLimit {
            let oldestInWindow = times.first { $0 > time.addingTimeInterval(-policy.rateWindow) } ?? time
            return .rateLimited(windowScope, retryAfter: seconds(until: oldestInWindow.addingTimeInterval(policy.rateWindow), from: time))
        }
        if let last = times.last {
            let next = last.addingTimeInterval(policy.backOff(afterCodes: times.count))
            if next > time { return .rateLimited(.backOff, retryAfter: seconds(until: next, from: time)) }
        }
        return nil
    }

    /// Seconds until the oldest of `times` leaves the 24 hours.
    private func retryAfter(oldest times: [Date], at time: Date) -> Int {
        seconds(until: (times.min() ?? time).addingTimeInterval(86400), from: time)
    }

    private func seconds(until end: Date, from time: Date) -> Int { max(1, Int(end.timeIntervalSince(time).rounded(.up))) }
}
