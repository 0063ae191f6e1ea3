import Foundation
import GRDB
import Testing
import Tracestock
import TracestockCore
@testable import TracestockSQLite

/// Migration 008 rewrites the `IN (…)` CHECKs of the unit, event and stock tables as
/// comparisons (an IN list cost ~1.6 µs per row written). The constraints must refuse exactly
/// what they refused before, on new stores and on stores upgraded in place.
@Suite struct SQLiteSchemaTests {
    static func temporaryPath() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("store.sqlite").path
    }

    static func tableSQL(_ store: SQLiteLedgerStore, _ table: String) async throws -> String {
        try await store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) ?? ""
        }
    }

    /// A catalog and one received unit written with plain SQL, so each bad row below differs from a good one in one column.
    static func seed(_ store: SQLiteLedgerStore) async throws {
        try await store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO location (id, code, kind) VALUES (1, 'WH', 'warehouse');
                INSERT INTO sku (id, code, title, tracking) VALUES (1, 'S', 'S', 'serial');
                INSERT INTO event (seq, type, at, recorded_at, sku_id, quantity, to_location_id, to_status) VALUES (1, 'receive', 0, 0, 1, 1, 1, 'sellable');
                INSERT INTO unit (id, sku_id, serial, state, location_id, last_seq, received_seq) VALUES (1, 1, 'A', 'in_stock', 1, 1, 1);
                INSERT INTO stock (sku_id, location_id, status, quantity) VALUES (1, 1, 'sellable', 1);
                """)
        }
    }

    /// Each statement alone must fail on a CHECK constraint; the store stays as seeded.
    static func expectRefused(_ store: SQLiteLedgerStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let bad = [
            "INSERT INTO unit (id, sku_id, serial, state, location_id, last_seq, received_seq) VALUES (2, 1, 'B', 'lost', 1, 1, 1)",
            "INSERT INTO unit (id, sku_id, serial, state, location_id, last_seq, received_seq) VALUES (2, 1, 'B', 'shipped', 1, 1, 1)",
            "INSERT INTO unit (id, sku_id, serial, state, location_id, last_seq, received_seq) VALUES (2, 1, 'B', 'returned', NULL, 1, 1)",
            "UPDATE unit SET state = 'in_stok' WHERE id = 1",
            "UPDATE unit SET location_id = NULL WHERE id = 1",
            "INSERT INTO event (seq, type, at, recorded_at, sku_id, quantity) VALUES (2, 'steal', 0, 0, 1, 1)",
            "INSERT INTO event (seq, type, at, recorded_at, sku_id, quantity, from_status) VALUES (2, 'move', 0, 0, 1, 1, 'damaged')",
            "INSERT INTO event (seq, type, at, recorded_at, sku_id, quantity, to_status) VALUES (2, 'move', 0, 0, 1, 1, 'Sellable')",
            "INSERT INTO stock (sku_id, location_id, status, quantity) VALUES (1, 1, 'held', 1)",
        ]
        for sql in bad {
            await #expect(sourceLocation: sourceLocation, performing: {
                try await store.writer.write { db in try db.execute(sql: sql) }
            }, throws: { error in
                (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK
            })
        }
        // The good versions of the same rows pass.
        try await store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO unit (id, sku_id, serial, state, location_id, last_seq, received_seq) VALUES (2, 1, 'B', 'shipped', NULL, 1, 1);
                INSERT INTO unit (id, sku_id, serial, state, location_id, last_seq, received_seq) VALUES (3, 1, 'C', 'quarantined', 1, 1, 1);
                INSERT INTO event (seq, type, at, recorded_at, sku_id, quantity, from_status, to_status) VALUES (2, 'release', 0, 0, 1, 1, 'quarantined', 'sellable');
                INSERT INTO stock (sku_id, location_id, status, quantity) VALUES (1, 1, 'returned', 1);
                """)
        }
    }

    @Test func aNewStoresHotTablesCheckWithComparisonsAndRefuseWhatTheyRefused() async throws {
        let store = try SQLiteLedgerStore(path: try Self.temporaryPath())
        try await store.migrate()
        for table in ["unit", "event", "stock"] {
            let sql = try await Self.tableSQL(store, table)
            #expect(!sql.contains(" IN ("), "\(table): \(sql)")
        }
        #expect(try await Self.tableSQL(store, "unit").contains(
            "CHECK (((state = 'in_stock' OR state = 'quarantined' OR state = 'returned')) = (location_id IS NOT NULL))"))
        try await Self.seed(store)
        try await Self.expectRefused(store)
        try store.close()
    }

    @Test func aStoreMadeBeforeTheRewriteIsUpgradedInPlaceWithItsRows() async throws {
        let path = try Self.temporaryPath()
        do {
            // A store as the releases before 008 left it, with rows in it.
            let old = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            for migration in SQLiteSchema.migrations.prefix(7) {
                migrator.registerMigration(migration.name, migrate: migration.apply)
            }
            try migrator.migrate(old)
            #expect(try await old.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'unit'") }?.contains("state IN (") == true)
            try old.close()
        }
        let store = try SQLiteLedgerStore(path: path)
        // A reader connection opened before the upgrade must see the new schema after it.
        _ = try await Self.tableSQL(store, "unit")
        try await store.migrate()
        #expect(try await store.appliedMigrations() == SQLiteSchema.migrations.map(\.name))
        #expect(try await !Self.tableSQL(store, "unit").contains(" IN ("))
        #expect(try await store.writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
        try await Self.seed(store)
        try await Self.expectRefused(store)

        // The ledger works on the upgraded store.
        let service = Tracestock(store: store, clock: { fixedNow })
        _ = try await service.addSKU(SKU(code: "EB-100", title: "Earbuds", tracking: .serial))
        try await service.receiveEarbuds("E1-E3", at: "WH")
        try await service.earbuds(.ship, "E2", order: "O-1")
        #expect(try await service.state("E2") == .shipped)
        try store.close()
    }

    @Test func aSchemaThatIsNotWhat001WroteIsRefusedAndLeftAsItWas() async throws {
        let store = try SQLiteLedgerStore(path: try Self.temporaryPath())
        try await store.migrate()
        let before = try await Self.tableSQL(store, "unit")
        // After 008 the IN list is gone: asking to rewrite it again finds nothing to rewrite.
        await #expect(throws: TracestockError.self) {
            try await store.writer.write { db in try SQLiteSchema.rewriteChecks(db, [SQLiteSchema.inListChecks[0]]) }
        }
        #expect(try await Self.tableSQL(store, "unit") == before)
        try store.close()
    }
}
