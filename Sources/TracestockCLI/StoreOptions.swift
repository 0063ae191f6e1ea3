import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// Which store to open: `--db PATH` (SQLite, default `./tracestock.sqlite`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store file.", valueName: "path"))
    var db: String = "tracestock.sqlite"

    @Option(name: .customLong("busy-timeout"), help: "Seconds to wait for another process's write lock.")
    var busyTimeout: Double = 10

    /// Opens the store (migrating it) and returns the service. `create` allows a new file.
    func open(create: Bool = false) async throws -> Tracestock {
        try await Self.open(path: db, create: create, busyTimeout: busyTimeout)
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
