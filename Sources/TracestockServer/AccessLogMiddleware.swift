import Dispatch
import Hummingbird
import Logging

/// One structured log line per request: method, route, status and duration, with the request id.
public struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    /// Logs at `level` (info by default; `--log-level warning` silences access logs under load).
    public init(level: Logger.Level = .info) {
        self.level = level
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.logger.logLevel <= level else { return try await next(request, context) }
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
        context.logger.log(level: level, "request", metadata: [
            "http.method": .string(request.method.rawValue),
            "http.path": .string(request.uri.path),
            "http.route": .string(context.endpointPath ?? "-"),
            "http.status": .stringConvertible(response.status.code),
            "duration_us": .stringConvertible(micros),
        ])
        return response
    }
}
