import Foundation
import PostgresNIO
import Tracestock
import TracestockCore

/// The shared store: one PostgreSQL database that any number of servers and command-line tools use
/// at once, through a pooled postgres-nio `PostgresClient`.
///
/// Every commit is one transaction that first locks the one-row `ledger_head` table; so commits are
/// applied one after another, sequence numbers grow in commit order (a reader paging with
/// `events(since:)` never skips one) and unit ids are handed out without gaps. Units are guarded by
/// the `lastSeq` their command was planned from: a unit changed by another server in between fails the
/// commit with a retryable `.stateConflict`, and the service plans the command again.
///
/// The client must run while the store is used: `withStore(_:_:)` does that around a closure,
/// `PostgresStoreScope` for every store opened inside it, and a server can call `run()` under
/// swift-service-lifecycle (`extension PostgresLedgerStore: Service {}`).
public final class PostgresLedgerStore: LedgerStore {
    let client: PostgresClient
    /// Where it connects.
    public let configuration: PostgresStoreConfiguration
    let logger: Logger

    /// Creates a store; it needs `run()` running before it answers anything.
    public init(configuration: PostgresStoreConfiguration) {
        self.configuration = configuration
        var logger = Logger(label: "tracestock.postgres")
        logger.logLevel = .critical
        self.logger = logger
        client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task is cancelled, then closes every connection.
    public func run() async {
        await client.run()
    }

    /// Opens a store, migrates it, runs `body` with it and shuts the pool down afterwards.
    /// - Throws: whatever `body` throws, or a `TracestockError` when the database cannot be used.
    public static func withStore<T>(_ configuration: PostgresStoreConfiguration, migrate: Bool = true,
                                    _ body: (PostgresLedgerStore) async throws -> T) async throws -> T {
        let store = PostgresLedgerStore(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            if migrate { try await store.migrate() }
            return try await body(store)
        }
    }

    // MARK: Schema

    /// Applies the migrations this database lacks, in order, in one transaction. Servers that
    /// start together wait for each other on an advisory lock, so each migration runs once.
    public func migrate() async throws {
        try await checkReachable()
        let schema = configuration.schema
        try await transaction("migrating \(configuration.displayName)") { connection in
            // One migrator per schema at a time; a long migration may keep the others waiting past the usual lock timeout.
            try await connection.run("SET LOCAL lock_timeout = '120s'", logger: self.logger)
            try await connection.run("SELECT pg_advisory_xact_lock(1953653091, hashtext(\(schema ?? "")))", logger: self.logger)
            if let schema {
                try await connection.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: self.logger)
            }
            try await connection.run("""
                CREATE TABLE IF NOT EXISTS schema_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: self.logger)
            let applied = Set(try await connection.rows("SELECT id FROM schema_migration", logger: self.logger).map { try $0.decode(String.self) })
            for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
                for statement in PostgresSchema.statements(migration.sql) {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                try await connection.run("INSERT INTO schema_migration (id) VALUES (\(migration.name))", logger: self.logger)
            }
        }
    }

    /// Drops the schema this store's tables live in, with everything in it (benchmarks and crash
    /// tests make a schema per run). Refuses a store without its own schema (`public` stays).
    public func dropSchema() async throws {
        guard let schema = configuration.schema, schema != "public" else {
            throw TracestockError.invalid("dropSchema: this store has no schema of its own (schema=NAME in the URL)", details: ["field": "schema"])
        }
        try await checkReachable()
        try await execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    /// Opens and closes one connection outside the pool, so that a server that cannot be reached (or refuses
    /// the login) fails the command within `connectTimeout`: the pool retries failed connections with backoff
    /// and gives up on waiting requests only after its circuit breaker trips (15 s of failures, often much longer).
    func checkReachable() async throws {
        do {
            let connection = try await PostgresConnection.connect(configuration: try configuration.connectionConfiguration(), id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw Self.translate(error, context: "connecting to \(configuration.displayName)")
        }
    }

    /// The migrations applied to this database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await read { connection in
            try await connection.rows("SELECT id FROM schema_migration ORDER BY id", logger: self.logger).map { try $0.decode(String.self) }
        }
    }

    // MARK: Connections

    /// Runs one SQL statement in its own transaction (maintenance and tests).
    func execute(_ sql: String) async throws {
        try await transaction("running \(sql.prefix(40))") { connection in
            try await connection.run(PostgresQuery(unsafeSQL: sql), logger: self.logger)
        }
    }

    /// Runs `body` on one pooled connection, outside a transaction (each statement sees the latest commits).
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw Self.translate(error, context: "reading \(configuration.displayName)")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ context: String, readOnlySnapshot: Bool = false,
                                  _ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.run(readOnlySnapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", logger: logger)
                do {
                    let value = try await body(connection)
                    try await connection.run("COMMIT", logger: logger)
                    return value
                } catch {
                    try? await connection.run("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw Self.translate(error, context: context)
        }
    }
}

extension PostgresConnection {
    /// Runs a statement and reads its rows to the end (postgres-nio needs them consumed).
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }

    /// Runs a query and collects its rows.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await self.query(query, logger: logger) { rows.append(row) }
        return rows
    }

    /// Runs a query and returns its first row, reading the rest.
    func row(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRow? {
        var first: PostgresRow?
        for try await row in try await self.query(query, logger: logger) where first == nil { first = row }
        return first
    }
}
