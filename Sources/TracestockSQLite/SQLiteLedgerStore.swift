import Foundation
import GRDB
import Tracestock
import TracestockCore

/// The embedded default store: one SQLite file in WAL mode through a GRDB `DatabasePool`
/// (one writer, concurrent readers), or an in-memory database for tests.
public final class SQLiteLedgerStore: LedgerStore {
    let writer: any DatabaseWriter
    /// Connections for short reads on the caller's thread (`pointRead`); nil when in memory.
    let pointReaders: PointReaders?
    /// The file path, nil when in memory.
    public let path: String?
    let busyTimeout: TimeInterval
    /// Checkpoints the WAL off the writer's path; nil when in memory.
    let checkpointer: WALCheckpointer?

    /// Opens (creating if needed) a store file and migrates it.
    /// - Parameters:
    ///   - path: the SQLite file.
    ///   - busyTimeout: how long a writer waits for another process's lock before `.busy`.
    ///   - cacheSizeMB: SQLite page cache per connection; large stores profit from a bigger one.
    ///   - pointReaders: connections for short reads on the caller's thread, one per core up to 8 (each has its own page
    ///     cache; reads beyond them take the async path); 0: every read hops to GRDB's pool.
    public convenience init(path: String, busyTimeout: TimeInterval = 10, cacheSizeMB: Int = 64,
                            pointReaders: Int = min(8, max(2, ProcessInfo.processInfo.activeProcessorCount))) throws {
        try self.init(path: path, busyTimeout: busyTimeout, cacheSizeMB: cacheSizeMB, pointReaders: pointReaders,
                      checkpointer: WALCheckpointer(path: path))
    }

    /// Opens a store file whose WAL `checkpointer` keeps short.
    init(path: String, busyTimeout: TimeInterval, cacheSizeMB: Int, pointReaders: Int, checkpointer: WALCheckpointer) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(cacheSizeMB * 1024); PRAGMA temp_store = MEMORY")
            checkpointer.install(on: db)
        }
        self.path = path
        self.checkpointer = checkpointer
        self.busyTimeout = busyTimeout
        do {
            writer = try DatabasePool(path: path, configuration: config)
        } catch {
            throw Self.translate(error, context: "opening \(path)", busyTimeout: busyTimeout)
        }
        self.pointReaders = PointReaders(path: path, configuration: config, capacity: pointReaders)
    }

    /// An empty in-memory store (the test double: a real SQLite database, no file).
    public init() throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: config)
        pointReaders = nil
        checkpointer = nil
        path = nil
        busyTimeout = 0
    }

    /// Creates or upgrades the schema.
    public func migrate() async throws {
        var migrator = DatabaseMigrator()
        for migration in SQLiteSchema.migrations {
            migrator.registerMigration(migration.name, migrate: migration.apply)
        }
        do {
            try migrator.migrate(writer)
        } catch {
            throw Self.translate(error, context: "migrating the store", busyTimeout: busyTimeout)
        }
    }

    /// The schema version names applied, for diagnostics.
    public func appliedMigrations() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// Copies the store into a new file with SQLite's online backup, consistent while in use.
    public func backup(to destination: String) async throws {
        do {
            try writer.backup(to: DatabaseQueue(path: destination))
        } catch {
            throw Self.translate(error, context: "backing up to \(destination)")
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw Self.translate(error, context: "reading")
        }
    }

    /// A short read (a unit, a few serials): on this thread when a point reader is idle, else
    /// through `read`. Never for reads that may run long; they would hold a concurrency thread.
    func pointRead<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if let pointReaders {
            do {
                if let value = try pointReaders.read(body) { return value }
            } catch {
                throw Self.translate(error, context: "reading")
            }
        }
        return try await read(body)
    }

    /// A write transaction. With `foreignKeysPerRow` false, SQLite's per-row foreign key checks
    /// are off for it and `body` checks what they would have; the writer's connection has them
    /// back on before it serves another write.
    func write<T: Sendable>(foreignKeysPerRow: Bool = true, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            if foreignKeysPerRow { return try await writer.write(body) }
            return try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                var value: T?
                let outcome = Result { try db.inTransaction { value = try body(db); return .commit } }
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                try outcome.get()
                guard let value else { throw TracestockError(.internalError, "a write returned nothing") }
                return value
            }
        } catch {
            throw Self.translate(error, context: "writing", busyTimeout: busyTimeout)
        }
    }

    /// Turns GRDB/SQLite errors into the domain's error: no GRDB type leaks upward.
    static func translate(_ error: any Error, context: String, busyTimeout: TimeInterval = 0) -> TracestockError {
        guard let dbError = error as? DatabaseError else {
            if let error = error as? TracestockError { return error }
            return TracestockError(.internalError, "\(context): \(error)")
        }
        let message = dbError.message ?? "\(dbError)"
        switch dbError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return TracestockError(.busy, "the store is busy: another process held the write lock for more than \(Int(busyTimeout)) s; nothing was written, try again",
                                   details: ["retryable": "true"])
        case .SQLITE_CONSTRAINT:
            if message.contains("negative stock") {
                return TracestockError(.insufficientStock, "not enough stock: the change would take a quantity below zero")
            }
            if message.contains("immutable") {
                return TracestockError(.stateConflict, "ledger events are immutable: \(message)")
            }
            switch dbError.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
                return TracestockError(.duplicate, "already exists: \(message)")
            case .SQLITE_CONSTRAINT_FOREIGNKEY:
                return TracestockError(.notFound, "refers to something that does not exist: \(message)")
            default:
                return TracestockError(.invalidInput, "rejected by the store: \(message)")
            }
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return TracestockError(.internalError, "\(context): cannot write the store file (\(message))")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return TracestockError(.invalidInput, "\(context): not a Tracestock store (\(message))")
        default:
            return TracestockError(.internalError, "\(context): \(message)")
        }
    }
}
