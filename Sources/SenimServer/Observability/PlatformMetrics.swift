import Metrics
import Prometheus

/// The process's metrics, in Prometheus text format at `/metrics`: requests and their durations per route
/// pattern (``RequestMetricsMiddleware``; never the path itself, so no link token becomes a label), and the
/// platform's own counters of signatures and SMS by outcome.
public enum PlatformMetrics {
    /// swift-metrics has one global factory per process; it is bootstrapped once, on first use.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static func bootstrap() { _ = registry }

    /// A received signature: `kind` EDS/SES, `outcome` accepted/refused/invalid.
    static func signature(kind: String, outcome: String) {
        Counter(label: "senimkey_signatures_total", dimensions: [("kind", kind), ("outcome", outcome)]).increment()
    }

    /// An SMS handed over (or not): `purpose` login/link/code, `outcome` sent/failed.
    static func sms(purpose: String, outcome: String) {
        Counter(label: "senimkey_sms_total", dimensions: [("purpose", purpose), ("outcome", outcome)]).increment()
    }
}
