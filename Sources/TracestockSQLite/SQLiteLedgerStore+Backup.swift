import Foundation
import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    /// How much a store holds: what `restore` looks at before replacing it.
    public struct Contents: Sendable, Equatable {
        public var events: Int64
        public var units: Int64
        public var skus: Int64
        public var locations: Int64

        /// True when the store holds no events, SKUs or locations (a fresh `init`).
        public var isEmpty: Bool { events == 0 && units == 0 && skus == 0 && locations == 0 }
    }

    /// Counts of what the store holds.
    public func contents() async throws -> Contents {
        try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM event), (SELECT count(*) FROM unit), (SELECT count(*) FROM sku), (SELECT count(*) FROM location)
                """)
            return Contents(events: row?[0] ?? 0, units: row?[1] ?? 0, skus: row?[2] ?? 0, locations: row?[3] ?? 0)
        }
    }

    /// Replaces the whole content of this store with a backup file, through SQLite's backup API:
    /// one write transaction, so other connections see the old store or the restored one, never a mix.
    /// The caller decides whether a non-empty store may be replaced (see `contents()`).
    /// - Throws: `.notFound` when the file is missing, `.invalidInput` when it is not a Tracestock store.
    public func restore(from source: String) async throws {
        guard FileManager.default.fileExists(atPath: source) else {
            throw TracestockError.notFound("no backup file at \(source)", details: ["file": source])
        }
        do {
            var config = Configuration()
            config.readonly = true
            let backup = try DatabaseQueue(path: source, configuration: config)
            let isStore = try await backup.read { db in
                try db.tableExists("grdb_migrations") && db.tableExists("event")
                    && String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations WHERE identifier = ?", arguments: [SQLiteSchema.migrations[0].name]) != nil
            }
            guard isStore else {
                throw TracestockError.invalid("\(source) is an SQLite file but not a Tracestock store; nothing was restored", details: ["file": source])
            }
            try backup.backup(to: writer)
        } catch let error as TracestockError {
            throw error
        } catch {
            throw Self.translate(error, context: "restoring from \(source)", busyTimeout: busyTimeout)
        }
    }
}
