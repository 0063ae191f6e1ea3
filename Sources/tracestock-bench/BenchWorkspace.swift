import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres
import TracestockSQLite

/// Where the benchmark writes: a scratch folder per run (removed at the end) and a cache folder
/// for stores that are expensive to build (the 10M-unit lookup store), kept between runs.
/// With `postgres`, the stores the scenarios time are PostgreSQL schemas of their own
/// (`bench_NAME_PID`, dropped when the run ends); baselines and generated stores stay SQLite files.
struct BenchWorkspace {
    let root: URL
    let scratch: URL
    let cache: URL
    let cacheSizeMB: Int
    let postgres: PostgresStoreConfiguration?

    init(root: String?, cacheSizeMB: Int, postgres: PostgresStoreConfiguration? = nil) throws {
        self.postgres = postgres
        let base = root.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-bench")
        self.root = base
        scratch = base.appendingPathComponent("run-\(ProcessInfo.processInfo.processIdentifier)")
        cache = base.appendingPathComponent("cache")
        self.cacheSizeMB = cacheSizeMB
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
    }

    /// A path in the scratch folder (any old file with that name and its WAL are removed).
    func freshPath(_ name: String) -> String {
        let path = scratch.appendingPathComponent(name + ".sqlite").path
        Self.removeStore(at: path)
        return path
    }

    /// The store kind the scenarios time, for the report.
    var storeDescription: String {
        postgres.map { "PostgreSQL \($0.displayName)" } ?? "SQLite files in \(scratch.path)"
    }

    /// A new, migrated store the scenario times: a SQLite file in the scratch folder, or with
    /// `--postgres` an empty PostgreSQL schema.
    func freshStore(_ name: String) async throws -> any LedgerStore {
        if postgres != nil { return try await freshPostgresStore(name) }
        return try await freshSQLiteStore(name)
    }

    /// A new, migrated SQLite store file in the scratch folder (baselines always use these).
    func freshSQLiteStore(_ name: String) async throws -> SQLiteLedgerStore {
        let store = try SQLiteLedgerStore(path: freshPath(name), cacheSizeMB: cacheSizeMB)
        try await store.migrate()
        return store
    }

    /// The store to time for a generated SQLite store: itself, or with `--postgres` a copy of
    /// it in a new schema (`tracestock copy`'s path: dump, then COPY into the empty schema).
    func timedStore(for generated: SQLiteLedgerStore, name: String) async throws -> any LedgerStore {
        guard postgres != nil else { return generated }
        let target = try await freshPostgresStore(name)
        let started = monotonicNanos()
        let dump = try await generated.dump()
        note("\(name): copying \(dump.summary) into PostgreSQL")
        try await target.load(dump)
        note("\(name): copied in \(String(format: "%.1f", Double(monotonicNanos() - started) / 1e9)) s")
        return target
    }

    /// A migrated, empty schema `bench_NAME_PID` on the `--postgres` server, dropped when the run's
    /// `PostgresStoreScope` ends.
    func freshPostgresStore(_ name: String) async throws -> PostgresLedgerStore {
        guard var configuration = postgres, let scope = PostgresStoreScope.current else {
            throw BenchError("\(name): no PostgreSQL server (--postgres URL) or no scope")
        }
        let schema = "bench_" + name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() + "_\(ProcessInfo.processInfo.processIdentifier)"
        configuration.schema = schema
        configuration.applicationName = "tracestock-bench"
        let store = scope.open(configuration)
        try await store.dropSchema()
        scope.onClose { try? await store.dropSchema() }
        try await store.migrate()
        return store
    }

    /// Removes the scratch folder.
    func cleanUp() {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Removes a store file with its WAL and shared-memory files.
    static func removeStore(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A one-line description of this machine for the report.
func machineDescription() -> String {
    var model = "unknown CPU"
    if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
       let value = line.split(separator: ":", maxSplits: 1).last {
        model = value.trimmingCharacters(in: .whitespaces)
    }
    let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
    var load = ""
    if let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        load = ", load average \(text.split(separator: " ").prefix(3).joined(separator: " "))"
    }
    return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", memory)) GiB RAM\(load)"
}
