import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id: the caller's `X-Request-Id` when it is a sane token (1–64 of
/// `A-Z a-z 0-9 . _ -`), otherwise Hummingbird's own. The id is in every log line of the request
/// (`hb.request.id`) and echoed in the `X-Request-Id` response header, errors included.
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let given = request.headers[.requestID], Self.isValid(given) {
            context.logger[metadataKey: "hb.request.id"] = .string(given)
        }
        let id = context.id
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // The error middleware sits inside this one, so only a failure of its own lands here.
            response = APIFailure(mapping: error)?.response ?? APIFailure(.internalServerError, code: "internalError", "internal error").response
        }
        response.headers[.requestID] = id
        return response
    }

    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E || byte == 0x5F
        }
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    static let requestID = HTTPField.Name("X-Request-Id")!
}
