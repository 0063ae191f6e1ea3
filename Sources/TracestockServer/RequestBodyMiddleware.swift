import Hummingbird

/// Reads the request body up to the configured limit (413 above it) and publishes the client
/// address to the OpenAPI layer, which sees neither Hummingbird's context nor the channel.
public struct RequestBodyMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    /// Largest body accepted.
    let maxBytes: Int

    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw APIFailure(.contentTooLarge, code: "payloadTooLarge",
                             "the body has \(length) bytes; this server takes at most \(maxBytes)")
        }
        if request.method != .get && request.method != .head {
            do {
                _ = try await request.collectBody(upTo: maxBytes)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw APIFailure(.contentTooLarge, code: "payloadTooLarge", "the body is larger than the \(maxBytes) bytes this server takes")
            }
        }
        return try await ClientScope.$address.withValue(context.clientAddress) { try await next(request, context) }
    }
}
