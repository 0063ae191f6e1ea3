import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Tracestock
import TracestockCore
import TracestockServer
import TracestockSQLite

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API (JSON, OpenAPI at /openapi.yaml) and the web UI until SIGTERM or SIGINT.",
        discussion: """
            tracestock serve --db tracestock.sqlite --port 8080
            tracestock serve --postgres postgres://USER:PASSWORD@HOST:5432/DATABASE --port 8080
            Create a token first: tracestock token create --role operator --name scanner-1
            """)
    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one; the log says which).") var port: Int = 8080
    @Option(name: .customLong("log-level"), help: "trace, debug, info (one line per request), notice, warning, error.")
    var logLevel: String = "info"
    @Option(name: .customLong("max-body-mb"), help: "Largest request body in MiB.") var maxBodyMB: Int = 64
    @Option(name: .customLong("cache-mb"), help: "SQLite page cache per connection in MiB (large stores like more; PostgreSQL ignores it).") var cacheMB: Int = 256
    @Flag(name: .customLong("secure-cookies"), help: "Mark the web UI's cookies Secure (when clients reach the server over HTTPS, e.g. behind a TLS proxy).")
    var secureCookies = false
    @Flag(name: .customLong("no-web"), help: "Serve the API only, without the web UI pages.") var noWeb = false

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw TracestockError.invalid("--log-level: must be trace, debug, info, notice, warning, error or critical", details: ["field": "logLevel"])
        }
        guard (0...65535).contains(port) else { throw TracestockError.invalid("--port: must be 0 to 65535", details: ["field": "port"]) }
        guard (1...4096).contains(maxBodyMB) else { throw TracestockError.invalid("--max-body-mb: must be 1 to 4096", details: ["field": "maxBodyMB"]) }
        Self.bootstrapLogging()
        var logger = Logger(label: "tracestock")
        logger.logLevel = level
        let ledger = try await store.openStore(cacheSizeMB: cacheMB)
        let service = Tracestock(store: ledger)
        let configuration = serverConfiguration()
        let app = try buildApplication(service: service, configuration: configuration, logger: logger,
                                       closeStore: {
                                           // A PostgreSQL pool is shut down by the command's PostgresStoreScope.
                                           if let sqlite = ledger as? SQLiteLedgerStore { try sqlite.close() }
                                       },
                                       onServerRunning: { [logger, host, db = store.displayName] bound in
                                           logger.notice("tracestock serve listening", metadata: [
                                               "http.host": .string(host), "http.port": .stringConvertible(bound), "store": .string(db),
                                           ])
                                       })
        try await app.runService()
    }

    /// Logs go to standard error as `timestamp level label: key=value… message` lines.
    static func bootstrapLogging() {
        bootstrapped.withLock { done in
            guard !done else { return }
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
            done = true
        }
    }

    /// The server settings these options give (the rest stay `ServerConfiguration`'s defaults).
    func serverConfiguration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyMB * 1024 * 1024
        configuration.clonePolicy = CodesCommand.CloneOptions.environmentPolicy
        configuration.secureCookies = secureCookies
        configuration.webUI = !noWeb
        return configuration
    }

    static let bootstrapped = LockedFlag()
}

/// A flag behind a lock (LoggingSystem.bootstrap may run once per process).
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func withLock<T>(_ body: (inout Bool) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
