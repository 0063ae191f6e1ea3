import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus
import ServiceLifecycle
import Tracestock
import TracestockAPI
import TracestockWeb

/// Builds the whole `tracestock serve` application: the router (spec routes and middleware)
/// plus a service that closes the store after the server has drained. `main` only parses
/// options and calls this; tests call it (or `buildRouter`) the same way.
/// - Parameters:
///   - service: the application service over an open, migrated store.
///   - configuration: host, port and limits.
///   - logger: the process logger (request lines carry `hb.request.id`).
///   - closeStore: called once on graceful shutdown, after in-flight requests finished.
///   - onServerRunning: called with the bound port once listening (port 0 picks a free one).
public func buildApplication(service: Tracestock, configuration: ServerConfiguration = .init(), logger: Logger,
                             closeStore: @escaping @Sendable () async throws -> Void = {},
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    let router = try buildRouter(service: service, configuration: configuration, metrics: RequestMetrics(registry: PrometheusCollectorRegistry()))
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "tracestock"),
        services: [StoreShutdownService(close: closeStore, logger: logger)],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The router: middleware outermost first (request id, metrics, access log, error mapping,
/// body limit), then every operation of openapi.yaml through the generated server, behind
/// the authorization middleware, then the web UI's pages (`TracestockWeb`).
public func buildRouter(service: Tracestock, configuration: ServerConfiguration = .init(),
                        metrics: RequestMetrics = RequestMetrics(registry: PrometheusCollectorRegistry())) throws -> Router<APIRequestContext> {
    let authenticator = TokenAuthenticator(service: service, ttl: configuration.tokenCacheSeconds)
    let router = Router(context: APIRequestContext.self)
    router.addMiddleware {
        RequestIDMiddleware()
        RequestMetricsMiddleware(metrics: metrics)
        AccessLogMiddleware(level: configuration.accessLogLevel)
        ErrorMiddleware()
        RequestBodyMiddleware(maxBytes: configuration.maxBodyBytes)
    }
    let handler = TracestockAPIHandler(service: service, clonePolicy: configuration.clonePolicy, hooks: .init(
        metricsText: { metrics.exposition() },
        eventsWritten: { metrics.eventsWritten.increment(by: Int64($0)) },
        tokenRevoked: { authenticator.invalidate() }))
    let authorization = AuthorizationMiddleware(
        authenticator: authenticator,
        failedAuthLimiter: RateLimiter(burst: configuration.failedAuthBurst, perSecond: configuration.failedAuthPerMinute / 60),
        publicLimiter: RateLimiter(burst: configuration.publicBurst, perSecond: configuration.publicPerMinute / 60))
    // Compact JSON with sorted keys (the runtime's default pretty-prints).
    try handler.registerHandlers(on: router, configuration: Configuration(jsonEncodingOptions: [.sortedKeys]), middlewares: [authorization])
    // The web UI: HTML pages beside the API on the same router, with their own cookie sessions
    // (the API's token middleware wraps only the OpenAPI operations above).
    if configuration.webUI { try WebUI(service: service, secureCookies: configuration.secureCookies).register(on: router) }
    return router
}

/// Waits for graceful shutdown, then closes the store. The application lists it before the
/// HTTP server, so the server stops (and finishes in-flight requests) first.
struct StoreShutdownService: Service {
    let close: @Sendable () async throws -> Void
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try await close()
            logger.info("store closed")
        } catch {
            logger.error("closing the store failed", metadata: ["error": .string("\(error)")])
            throw error
        }
    }
}
