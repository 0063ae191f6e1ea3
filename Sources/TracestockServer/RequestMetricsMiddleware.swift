import Dispatch
import Foundation
import Hummingbird
import Prometheus

/// Request counts and latency histograms per route, method and status, recorded straight into
/// a Prometheus registry (no global metrics bootstrap, so every test app has its own).
public final class RequestMetrics: @unchecked Sendable {
    let registry: PrometheusCollectorRegistry
    private let lock = NSLock()
    private var counters: [String: Counter] = [:]
    private var histograms: [String: DurationHistogram] = [:]
    /// Ledger events appended through the API.
    public let eventsWritten: Counter

    /// Latency buckets, seconds: fine below 10 ms where the API lives.
    static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]

    /// Creates the metrics in `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        eventsWritten = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "tracestock", subsystem: "ledger", metricName: "events_written", unitName: "total",
            helpText: "Ledger events appended through the API (idempotent replays not counted)."))
    }

    static var requestsDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "tracestock", subsystem: "http", metricName: "requests", unitName: "total",
        helpText: "HTTP requests by route, method and status.") }
    static var durationDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "tracestock", subsystem: "http", metricName: "request_duration", unitName: "seconds",
        helpText: "HTTP request latency by route and method.") }

    private var templates: [String: String] = [:]

    /// The spec's template of a Hummingbird route, worked out once per route.
    func template(_ endpointPath: String) -> String {
        if let known = lock.withLock({ templates[endpointPath] }) { return known }
        let template = Self.template(endpointPath)
        lock.withLock { templates[endpointPath] = template }
        return template
    }

    /// Hummingbird's `/units/:sku/:serial` written as the spec writes it.
    static func template(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: ":")) else { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{" + part.dropFirst() + "}" : String(part)
        }.joined(separator: "/")
    }

    /// Records one finished request.
    func record(route: String, method: String, status: Int, nanoseconds: UInt64) {
        let statusText = String(status)
        let counterKey = route + " " + method + " " + statusText
        let histogramKey = route + " " + method
        let (counter, histogram) = lock.withLock { () -> (Counter, DurationHistogram) in
            let counter = counters[counterKey] ?? {
                let made = registry.makeCounter(descriptor: Self.requestsDescriptor,
                                                labels: [("route", route), ("method", method), ("status", statusText)])
                counters[counterKey] = made
                return made
            }()
            let histogram = histograms[histogramKey] ?? {
                let made = registry.makeDurationHistogram(descriptor: Self.durationDescriptor,
                                                          labels: [("route", route), ("method", method)], buckets: Self.buckets)
                histograms[histogramKey] = made
                return made
            }()
            return (counter, histogram)
        }
        counter.increment()
        histogram.record(.nanoseconds(Int64(nanoseconds)))
    }

    /// The registry in the Prometheus text format.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Times every request and records it under its route (the path template, e.g.
/// `/api/v1/units/{sku}/{serial}`, so one label per endpoint, not per serial).
public struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    public init(metrics: RequestMetrics) {
        self.metrics = metrics
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        metrics.record(route: context.endpointPath.map(metrics.template) ?? "unmatched", method: request.method.rawValue,
                       status: response.status.code, nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
        return response
    }
}
