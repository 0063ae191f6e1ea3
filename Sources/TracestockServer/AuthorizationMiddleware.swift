import Foundation
import HTTPTypes
import OpenAPIRuntime
import Tracestock
import TracestockAPI

/// Checks every operation against `RoutePolicy` before its input is even decoded:
/// `Authorization: Bearer ts_…` → token (401 when missing, unknown or revoked) → role (403 when
/// too low). Failed authentications are rate-limited per client address (429), and so are
/// public operations marked `publicRateLimited`. The token is handed to the handler through
/// `RequestScope.token` (it becomes the default actor of events).
public struct AuthorizationMiddleware: ServerMiddleware {
    let authenticator: TokenAuthenticator
    let failedAuthLimiter: RateLimiter
    let publicLimiter: RateLimiter

    /// Creates the middleware.
    public init(authenticator: TokenAuthenticator, failedAuthLimiter: RateLimiter, publicLimiter: RateLimiter) {
        self.authenticator = authenticator
        self.failedAuthLimiter = failedAuthLimiter
        self.publicLimiter = publicLimiter
    }

    public func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                          next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?))
        async throws -> (HTTPResponse, HTTPBody?)
    {
        let client = ClientScope.address ?? "local"
        switch RoutePolicy.access(for: operationID) {
        case .public:
            return try await next(request, body, metadata)
        case .publicRateLimited:
            if let wait = publicLimiter.acquire(client) {
                throw APIFailure.rateLimited(retryAfter: wait, "too many requests from \(client); retry in \(wait) s")
            }
            return try await next(request, body, metadata)
        case .role(let needed):
            guard failedAuthLimiter.wouldAllow(client) else {
                let wait = failedAuthLimiter.acquire(client) ?? 1
                throw APIFailure.rateLimited(retryAfter: wait, "too many failed authentications from \(client); retry in \(wait) s")
            }
            guard let secret = Self.bearer(request.headerFields[.authorization]) else {
                _ = failedAuthLimiter.acquire(client)
                throw APIFailure.unauthorized("this operation needs a token: send `Authorization: Bearer ts_…` (create one with `tracestock token create`)")
            }
            guard let token = try await authenticator.token(for: secret) else {
                _ = failedAuthLimiter.acquire(client)
                throw APIFailure.unauthorized("the token is unknown or revoked")
            }
            guard token.role.allows(needed) else {
                throw APIFailure(.forbidden, code: "forbidden",
                                 "\(operationID) needs the \(needed.rawValue) role; token '\(token.name)' is \(token.role.rawValue)",
                                 details: ["required": needed.rawValue, "role": token.role.rawValue])
            }
            return try await RequestScope.$token.withValue(token) { try await next(request, body, metadata) }
        }
    }

    /// The secret of `Bearer SECRET` (scheme case-insensitive), nil otherwise.
    static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        // Trimmed by hand: Foundation's trimmingCharacters cost more than the rest of the check.
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var secret = parts[1].drop(while: blank)
        while let last = secret.last, blank(last) { secret.removeLast() }
        return secret.isEmpty ? nil : String(secret)
    }
}

/// The client address of the request being handled (task-local, set by `ClientAddressMiddleware`).
public enum ClientScope {
    @TaskLocal public static var address: String?
}
