import Foundation
import Hummingbird
import Prometheus

/// Requests per route pattern, method and status (`senimkey_http_requests_total`) and their durations
/// (`senimkey_http_request_duration_seconds`), recorded straight into the Prometheus registry: one dictionary
/// lookup under a lock, an atomic increment and a histogram record per request. (The generic swift-metrics
/// middleware measured at two thirds of a status read's cost.)
final class RequestSeries: @unchecked Sendable {
    // @unchecked: `pairs` is only touched under `lock`; the Prometheus collectors are thread-safe.
    private struct Key: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }
    private let lock = NSLock()
    private var pairs: [Key: (Counter, DurationHistogram)] = [:]
    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    func record(route: String?, method: HTTPRequest.Method, status: Int, elapsed: Duration) {
        let key = Key(route: route ?? "unmatched", method: method, status: status)
        let pair = lock.withLock { () -> (Counter, DurationHistogram) in
            if let pair = pairs[key] { return pair }
            let labels = [("route", key.route), ("method", key.method.rawValue), ("status", String(status))]
            let registry = PlatformMetrics.registry
            let pair = (
                registry.makeCounter(
                    descriptor: .init(
                        namespace: "senimkey", subsystem: "http", metricName: "requests", unitName: "total",
                        helpText: "HTTP requests by route pattern, method and status"), labels: labels),
                registry.makeDurationHistogram(
                    descriptor: .init(
                        namespace: "senimkey", subsystem: "http", metricName: "request_duration",
                        unitName: "seconds", helpText: "HTTP request durations"),
                    labels: labels, buckets: Self.buckets)
            )
            pairs[key] = pair
            return pair
        }
        pair.0.increment()
        pair.1.record(elapsed)
    }
}
