import Hummingbird
import Logging
import OpenAPIRuntime

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
                "error": .string(Self.logDescription(of: error)),
            ])
            return APIFailure(.internalServerError, code: "internalError",
                              "internal error (request id \(context.id)); the server log has the details",
                              details: ["requestId": context.id]).response
        }
    }

    /// What the log says of an unexpected error. The generated server's `ServerError` describes
    /// itself with the whole request, headers included (the bearer token), and its body and input;
    /// the log gets the operation, the cause and the underlying error only.
    static func logDescription(of error: any Error) -> String {
        guard let error = error as? ServerError else { return String(reflecting: error) }
        return "\(error.operationID): \(error.causeDescription): \(logDescription(of: error.underlyingError))"
    }
}
