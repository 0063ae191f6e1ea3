import Foundation
import Synchronization

/// Slows password guessing: after `limit` failed sign-ins for one user name within `window`
/// seconds, further attempts for that name are refused until the window has passed. (Per name,
/// because the page handlers do not see the client address; scrypt makes each guess slow too.)
final class SignInThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: (count: Int, since: Date)]>([:])

    init(limit: Int = 10, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before `name` may try again, nil when it may try now.
    func wait(for name: String, now: Date) -> Int? {
        failures.withLock { table in
            guard let entry = table[name.lowercased()] else { return nil }
            let elapsed = now.timeIntervalSince(entry.since)
            if elapsed >= window {
                table[name.lowercased()] = nil
                return nil
            }
            return entry.count >= limit ? Int((window - elapsed).rounded(.up)) : nil
        }
    }

    func failed(_ name: String, now: Date) {
        failures.withLock { table in
            let key = name.lowercased()
            if let entry = table[key], now.timeIntervalSince(entry.since) < window {
                table[key] = (entry.count + 1, entry.since)
            } else {
                if table.count > 10_000 { table = table.filter { now.timeIntervalSince($0.value.since) < window } }
                table[key] = (1, now)
            }
        }
    }

    func succeeded(_ name: String) {
        failures.withLock { $0[name.lowercased()] = nil }
    }
}
