import Foundation
import Tracestock

/// Resolves bearer secrets to tokens through the service, with a short cache so that a busy
/// scanner costs one hash and one dictionary lookup per request instead of a store read.
/// A token revoked through this server stops working at once; one revoked by another process
/// (the CLI) within `ttl` seconds.
public final class TokenAuthenticator: @unchecked Sendable {
    let service: Tracestock
    let ttl: Double
    private let lock = NSLock()
    private var cache: [String: (token: APIToken?, until: Double)] = [:]

    /// Creates an authenticator.
    /// - Parameters:
    ///   - service: where tokens are stored.
    ///   - ttl: seconds a lookup (found or not) is remembered; 0 disables the cache.
    public init(service: Tracestock, ttl: Double = 5) {
        self.service = service
        self.ttl = ttl
    }

    /// The live token for a secret, or nil.
    public func token(for secret: String) async throws -> APIToken? {
        let now = RateLimiter.monotonicSeconds()
        if ttl > 0, let hit = lock.withLock({ cache[secret] }), hit.until > now { return hit.token }
        let token = try await service.authenticate(secret: secret)
        if ttl > 0 {
            lock.withLock {
                if cache.count > 10_000 { cache.removeAll(keepingCapacity: true) }
                cache[secret] = (token, now + ttl)
            }
        }
        return token
    }

    /// Forgets every cached lookup (after a revocation).
    public func invalidate() {
        lock.withLock { cache.removeAll() }
    }
}
