import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres
import TracestockSQLite

/// Which store to open: `--db PATH` (SQLite, default `./tracestock.sqlite`) or `--postgres URL`;
/// without either, the environment decides (see `StoreSelection`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store file (default ./tracestock.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("A PostgreSQL store: postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=disable] (or env TRACESTOCK_POSTGRES_URL).",
                                            valueName: "url"))
    var postgres: String?

    @Option(name: .customLong("busy-timeout"), help: "Seconds to wait for another process's write lock.")
    var busyTimeout: Double = 10

    /// The store these options (and the environment) name.
    func selection() throws -> StoreSelection {
        try StoreSelection.resolve(db: db, postgres: postgres)
    }

    /// Opens the store (migrating it) and returns the service. `create` allows a new SQLite file.
    func open(create: Bool = false) async throws -> Tracestock {
        Tracestock(store: try await openStore(create: create))
    }

    /// Opens the store and migrates it. A PostgreSQL store lives until the command's `PostgresStoreScope` ends.
    /// - Parameter cacheSizeMB: SQLite's page cache per connection (PostgreSQL ignores it).
    func openStore(create: Bool = false, cacheSizeMB: Int = 64) async throws -> any LedgerStore {
        switch try selection() {
        case .sqlite(let path):
            if !create && !FileManager.default.fileExists(atPath: path) {
                throw TracestockError.notFound("no store at \(path): run `tracestock init` first (or pass --db PATH)", details: ["field": "db"])
            }
            let store = try SQLiteLedgerStore(path: path, busyTimeout: busyTimeout, cacheSizeMB: cacheSizeMB)
            try await store.migrate()
            return store
        case .postgres(var configuration):
            configuration.lockTimeout = .milliseconds(Int64(busyTimeout * 1000))
            let store = try PostgresStoreScope.required().open(configuration)
            try await store.migrate()
            return store
        }
    }

    /// The store for messages (a file path, or PostgreSQL's server and database without credentials).
    var displayName: String {
        (try? selection().displayName) ?? db ?? StoreSelection.defaultSQLitePath
    }

    /// Opens the SQLite store at `path`.
    static func open(path db: String, create: Bool = false, busyTimeout: Double = 10) async throws -> Tracestock {
        if !create && !FileManager.default.fileExists(atPath: db) {
            throw TracestockError.notFound("no store at \(db): run `tracestock init` first (or pass --db PATH)", details: ["field": "db"])
        }
        let store = try SQLiteLedgerStore(path: db, busyTimeout: busyTimeout)
        try await store.migrate()
        return Tracestock(store: store)
    }
}

/// Options every write takes.
struct WriteOptions: ParsableArguments {
    @Option(name: .customLong("idempotency-key"), help: "Retrying with the same key returns the first result and writes nothing.")
    var idempotencyKey: String?

    @Option(help: ArgumentHelp("When it happened: YYYY-MM-DD or an ISO 8601 date-time (default now).", valueName: "date"))
    var date: String?

    @Option(help: "Who did it (recorded on the event).")
    var actor: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func timestamp() throws -> Timestamp? { try date.map { try Timestamp.parse($0, field: "date") } }

    func print(_ result: WriteResult) throws {
        if json { return try Console.json(result) }
        let prefix = result.replayed ? "already recorded (same idempotency key): " : ""
        for e in result.events {
            var parts = ["#\(e.seq) \(e.type.rawValue) \(e.sku)"]
            if let lot = e.lot { parts.append("lot \(lot)") }
            parts.append("qty \(e.quantity)")
            if let from = e.from { parts.append("from \(from)") }
            if let to = e.to { parts.append("to \(to)") }
            if let order = e.order { parts.append("order \(order)") }
            if let voids = e.voids { parts.append("voids #\(voids)") }
            Console.out(prefix + parts.joined(separator: " "))
        }
    }
}
