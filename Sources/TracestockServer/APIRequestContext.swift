import Hummingbird
import Logging
import NIOCore

/// The request context of `tracestock serve`: Hummingbird's core storage plus the client
/// address (for per-address rate limits). Body size is limited by `RequestBodyMiddleware`.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, nil in router tests (no channel).
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
