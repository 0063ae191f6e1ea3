import Foundation

/// Token buckets per key (a client address, a token): `burst` requests at once, refilled at
/// `perSecond`. Thread-safe; memory stays bounded by forgetting full buckets.
public final class RateLimiter: @unchecked Sendable {
    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// Requests allowed at once.
    public let burst: Double
    /// Requests regained per second.
    public let perSecond: Double
    private let now: @Sendable () -> Double
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    private let maxKeys = 100_000

    /// Creates a limiter.
    /// - Parameters:
    ///   - burst: requests allowed at once (at least 1).
    ///   - perSecond: refill rate.
    ///   - now: seconds on a monotonic clock (tests pin it).
    public init(burst: Int, perSecond: Double, now: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        self.burst = Double(max(1, burst))
        self.perSecond = max(perSecond, 0.000_001)
        self.now = now
    }

    /// Seconds since boot, monotonic.
    public static let monotonicSeconds: @Sendable () -> Double = {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// Takes one request from `key`'s bucket; nil when allowed, else the whole seconds to wait.
    public func acquire(_ key: String) -> Int? {
        let t = now()
        return lock.withLock {
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: t)
            bucket.tokens = min(burst, bucket.tokens + (t - bucket.updated) * perSecond)
            bucket.updated = t
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            if buckets.count > maxKeys { prune(at: t) }
            return nil
        }
    }

    /// Whether `key` has a request left, without taking one.
    public func wouldAllow(_ key: String) -> Bool {
        let t = now()
        return lock.withLock {
            guard let bucket = buckets[key] else { return true }
            return min(burst, bucket.tokens + (t - bucket.updated) * perSecond) >= 1
        }
    }

    /// Forgets buckets that have refilled (they behave exactly like new ones).
    private func prune(at t: Double) {
        buckets = buckets.filter { min(burst, $0.value.tokens + (t - $0.value.updated) * perSecond) < burst }
    }
}
