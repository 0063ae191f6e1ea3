import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres

/// Which store a command uses. The configuration is read here and nowhere else.
///
/// Keys, as environment variables, and their defaults:
/// - `store.kind` (`TRACESTOCK_STORE_KIND`): `sqlite` or `postgres`; default `postgres` when
///   `postgres.url` is set, `sqlite` otherwise.
/// - `sqlite.path` (`TRACESTOCK_SQLITE_PATH`): the SQLite file; default `./tracestock.sqlite`.
/// - `postgres.url` (`TRACESTOCK_POSTGRES_URL`): a `postgres://` URL (see `PostgresStoreConfiguration`).
///
/// Flags win over the environment: `--db PATH` selects SQLite, `--postgres URL` PostgreSQL.
enum StoreSelection: Equatable {
    case sqlite(path: String)
    case postgres(PostgresStoreConfiguration)

    /// The default SQLite file.
    static let defaultSQLitePath = "tracestock.sqlite"

    /// Resolves flags and environment into one store.
    /// - Throws: `.invalidInput` for contradictory or incomplete settings.
    static func resolve(db: String?, postgres: String?,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreSelection {
        if db != nil && postgres != nil {
            throw TracestockError.invalid("give either --db (SQLite) or --postgres (PostgreSQL), not both", details: ["field": "postgres"])
        }
        if let db { return .sqlite(path: db) }
        if let postgres { return .postgres(try PostgresStoreConfiguration(url: postgres)) }
        let url = environment["TRACESTOCK_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let path = environment["TRACESTOCK_SQLITE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultSQLitePath
        switch environment["TRACESTOCK_STORE_KIND"]?.lowercased() ?? "" {
        case "postgres", "postgresql":
            guard let url else {
                throw TracestockError.invalid("store.kind is postgres but postgres.url is not set: export TRACESTOCK_POSTGRES_URL=postgres://… or pass --postgres URL",
                                              details: ["field": "postgres"])
            }
            return .postgres(try PostgresStoreConfiguration(url: url))
        case "sqlite":
            return .sqlite(path: path)
        case "":
            if let url { return .postgres(try PostgresStoreConfiguration(url: url)) }
            return .sqlite(path: path)
        case let other:
            throw TracestockError.invalid("store.kind (TRACESTOCK_STORE_KIND) is '\(other)'; use sqlite or postgres", details: ["field": "store.kind"])
        }
    }

    /// The store for messages: a file path, or the PostgreSQL server and database without credentials.
    var displayName: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let configuration): "PostgreSQL \(configuration.displayName)"
        }
    }
}

extension PostgresStoreScope {
    /// The scope of the running command; `TracestockCommand.run` always provides one.
    static func required() throws -> PostgresStoreScope {
        guard let scope = current else {
            throw TracestockError(.internalError, "a PostgreSQL store can only be opened inside PostgresStoreScope.run (use TracestockCommand.run)")
        }
        return scope
    }
}
