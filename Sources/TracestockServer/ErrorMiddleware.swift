import Hummingbird
import Logging

/// Turns every error a request ends in into the JSON error body with the right status
/// (`APIFailure(mapping:)`). Client errors are logged at debug, the caller's fault; anything
/// unmapped becomes a 500 logged at error with the request id, its details kept out of the body.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let failure = APIFailure(mapping: error) {
                context.logger.debug("request rejected", metadata: [
                    "http.status": .stringConvertible(failure.status.code), "error.code": .string(failure.code),
                    "error.message": .string(failure.message),
                ])
                return failure.response
            }
            context.logger.error("request failed", metadata: [
                "http.method": .string(request.method.rawValue), "http.path": .string(request.uri.path),
                "error": .string(String(reflecting: error)),
            ])
            return APIFailure(.internalServerError, code: "internalError",
                              "internal error (request id \(context.id)); the server log has the details",
                              details: ["requestId": context.id]).response
        }
    }
}
