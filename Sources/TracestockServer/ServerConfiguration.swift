import Logging
import Tracestock

/// Settings of `tracestock serve`, read in one place (the `serve` command's options).
///
/// Defaults:
/// - `http.host` 127.0.0.1, `http.port` 8080
/// - `http.maxBodyBytes` 64 MiB (a 100k-serial JSON array is about 2 MB)
/// - `log.accessLevel` info (one line per request; `--log-level warning` drops them)
/// - `auth.tokenCacheSeconds` 5 (a token revoked by another process stops working within this)
/// - `auth.failedBurst` 20, `auth.failedPerMinute` 30: failed authentications per client address
/// - `public.burst` 30, `public.perMinute` 60: public rate-limited operations per client address
/// - `web.enabled` true: serve the web UI pages; `web.secureCookies` false (set behind HTTPS)
/// - `codes.maxScans` 5, `codes.maxPlaces` 3: when a verified authentication code is reported as a suspected clone
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var maxBodyBytes = 64 * 1024 * 1024
    public var accessLogLevel: Logger.Level = .info
    public var tokenCacheSeconds = 5.0
    public var failedAuthBurst = 20
    public var failedAuthPerMinute = 30.0
    public var publicBurst = 30
    public var publicPerMinute = 60.0
    public var clonePolicy = ClonePolicy()
    public var webUI = true
    public var secureCookies = false

    /// The defaults above.
    public init() {}
}
