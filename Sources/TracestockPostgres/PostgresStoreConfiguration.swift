import Foundation
import PostgresNIO
import TracestockCore

/// Where a `PostgresLedgerStore` connects and how: parsed from a `postgres://` URL.
///
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable&schema=NAME` (also `postgresql://`).
/// Defaults: port 5432, user `postgres`, database = user, `sslmode=prefer`, schema `public`.
/// Query parameters: `sslmode` (`disable`, `allow`, `prefer`, `require`, `verify-ca`, `verify-full`, as libpq
/// means them), `schema` (the tables live there; created by `migrate`), `application_name`, `host` (a
/// folder holding the server's Unix socket, for `postgres:///db?host=/run/postgresql`),
/// `pool_size` (most connections this process opens, default 20) and `connect_timeout` (seconds to wait
/// for a connection to open, as libpq means it; default 5).
public struct PostgresStoreConfiguration: Sendable, Equatable {
    /// How the connection is encrypted (libpq's `sslmode`).
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    /// A folder with the server's Unix socket; when set, `host` is not used.
    public var socketDirectory: String?
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// The schema that holds the tables (`search_path` of every connection); nil means the server's default.
    public var schema: String?
    public var applicationName: String
    /// The most connections the store's pool opens.
    public var maximumConnections: Int
    /// How long a command waits for another writer's lock before it fails as `.busy`.
    public var lockTimeout: Duration
    /// How long opening one connection may take before it fails.
    public var connectTimeout: Duration

    /// Creates a configuration from its parts.
    public init(host: String = "127.0.0.1", port: Int = 5432, socketDirectory: String? = nil, username: String = "postgres",
                password: String? = nil, database: String? = nil, tls: TLSMode = .prefer, schema: String? = nil,
                applicationName: String = "tracestock", maximumConnections: Int = 20, lockTimeout: Duration = .seconds(10),
                connectTimeout: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.username = username
        self.password = password
        self.database = database ?? username
        self.tls = tls
        self.schema = schema
        self.applicationName = applicationName
        self.maximumConnections = maximumConnections
        self.lockTimeout = lockTimeout
        self.connectTimeout = connectTimeout
    }

    /// Parses a `postgres://` URL.
    /// - Throws: `.invalidInput` naming the part that is wrong.
    public init(url text: String) throws {
        func bad(_ why: String) -> TracestockError {
            TracestockError.invalid("postgres: \(why) (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable)",
                                    details: ["field": "postgres"])
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw bad("'\(Self.redacted(text))' is not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else { throw bad("the scheme must be postgres://, not \(scheme)://") }
        self.init()
        username = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        password = components.password
        var hostName = components.host ?? ""
        if hostName.hasPrefix("["), hostName.hasSuffix("]") { hostName = String(hostName.dropFirst().dropLast()) }
        host = hostName.isEmpty ? "127.0.0.1" : hostName
        if let port = components.port {
            guard (1...65535).contains(port) else { throw bad("port \(port) is out of range") }
            self.port = port
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : path
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw bad("sslmode '\(value)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "schema":
                guard Self.isPlainIdentifier(value) else { throw bad("schema '\(value)' must be letters, digits and underscores") }
                schema = value
            case "application_name":
                applicationName = value
            case "host":
                guard value.hasPrefix("/") else { throw bad("the host parameter must be a socket folder starting with /") }
                socketDirectory = value
            case "pool_size":
                guard let size = Int(value), (1...1000).contains(size) else { throw bad("pool_size must be 1 to 1000") }
                maximumConnections = size
            case "connect_timeout":
                guard let seconds = Int(value), (1...3600).contains(seconds) else { throw bad("connect_timeout must be 1 to 3600 seconds") }
                connectTimeout = .seconds(seconds)
            default:
                throw bad("unknown parameter '\(item.name)' (known: sslmode, schema, application_name, host, pool_size, connect_timeout)")
            }
        }
    }

    /// The server and database, without credentials, for messages.
    public var displayName: String {
        let place = socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } ?? (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
        return "\(place)/\(database)" + (schema.map { " schema \($0)" } ?? "")
    }

    /// A URL with its password replaced by `***`, safe to print.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://…"
    }

    /// Whether `name` can be used unquoted as a schema name.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.isEmpty, name.utf8.count <= 63 else { return false }
        let lowercase = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz_")
        let rest = lowercase.union(CharacterSet(charactersIn: "0123456789"))
        return lowercase.contains(first) && name.unicodeScalars.allSatisfy { rest.contains($0) }
    }

    /// The postgres-nio client configuration.
    var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = PostgresClient.Configuration(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username,
                                                         password: password, database: database)
        } else {
            configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: clientTLS)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectionIdleTimeout = .seconds(30)
        configuration.options.connectTimeout = connectTimeout
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// postgres-nio's configuration of one connection outside the pool (`PostgresLedgerStore`'s reachability check).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = PostgresConnection.Configuration(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username,
                                                             password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch tlsConfiguration {
            case nil: tls = .disable
            case let (configuration, required)?:
                let context = try NIOSSLContext(configuration: configuration)
                tls = required ? .require(context) : .prefer(context)
            }
            configuration = PostgresConnection.Configuration(host: host, port: port, username: username, password: password,
                                                             database: database, tls: tls)
        }
        configuration.options.connectTimeout = .nanoseconds(connectTimeout.components.seconds * 1_000_000_000
                                                             + connectTimeout.components.attoseconds / 1_000_000_000)
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    private var startupParameters: [(String, String)] {
        var parameters = [("application_name", applicationName),
                          ("lock_timeout", String(lockTimeout.components.seconds * 1000 + lockTimeout.components.attoseconds / 1_000_000_000_000_000))]
        if let schema { parameters.append(("search_path", schema)) }
        return parameters
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch tlsConfiguration {
        case nil: .disable
        case let (configuration, required)?: required ? .require(configuration) : .prefer(configuration)
        }
    }

    /// The TLS settings `sslmode` stands for, and whether TLS is required; nil for no TLS.
    private var tlsConfiguration: (TLSConfiguration, required: Bool)? {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch tls {
        case .disable: return nil
        case .allow, .prefer: return (unverified, false)
        case .require: return (unverified, true)
        case .verifyCA:
            var config = TLSConfiguration.makeClientConfiguration()
            config.certificateVerification = .noHostnameVerification
            return (config, true)
        case .verifyFull: return (.makeClientConfiguration(), true)
        }
    }
}
