import Foundation
import GRDB
import TracestockCore

/// The numbered migrations of the SQLite store. Never edit one that has shipped: add another.
enum SQLiteSchema {
    struct Migration: Sendable {
        let name: String
        let apply: @Sendable (Database) throws -> Void

        init(_ name: String, sql: String) {
            self.name = name
            apply = { db in try db.execute(sql: sql) }
        }

        init(_ name: String, apply: @escaping @Sendable (Database) throws -> Void) {
            self.name = name
            self.apply = apply
        }
    }

    static let migrations: [Migration] = [
        Migration("001_ledger", sql: v001),
        Migration("002_traceability", sql: v002),
        Migration("003_restock", sql: v003),
        Migration("004_auth_codes", sql: v004),
        Migration("005_epcis", sql: v005),
        Migration("006_api_token", sql: v006),
        Migration("007_web_user", sql: v007),
        Migration("008_checks_without_in_lists") { db in try rewriteChecks(db, inListChecks) },
        Migration("009_sale_by_day", sql: v009),
        Migration("010_daily_sales_window", sql: v010),
    ]

    /// The CHECKs of the tables written once per unit or per event that 001 wrote as
    /// `column IN ('a', …)`. SQLite evaluates such a list for about 1.6 µs per row (measured:
    /// one of them added 1.6 s to inserting 1,000,000 units), the same test as comparisons
    /// `(column = 'a' OR …)` costs a few nanoseconds.
    static let inListChecks: [(table: String, column: String, values: [String])] = [
        ("unit", "state", ["in_stock", "shipped", "returned", "quarantined", "disposed", "voided"]),
        ("unit", "state", ["in_stock", "quarantined", "returned"]),
        ("event", "type", ["receive", "move", "ship", "return", "restock", "quarantine", "release", "adjust", "dispose", "void", "register"]),
        ("event", "from_status", ["sellable", "quarantined", "returned"]),
        ("event", "to_status", ["sellable", "quarantined", "returned"]),
        ("stock", "status", ["sellable", "quarantined", "returned"]),
    ]

    /// Rewrites each `column IN (values)` of a table's CHECKs as the equivalent comparisons, in
    /// place in the schema (SQLite's documented procedure for changing constraints that leave the
    /// stored rows as they are: `writable_schema`, then a new `schema_version` so that every
    /// connection parses the schema again). A store whose schema text is not what 001 wrote is
    /// refused, leaving it unchanged.
    static func rewriteChecks(_ db: Database, _ checks: [(table: String, column: String, values: [String])]) throws {
        var tables: [String: String] = [:]
        for check in checks {
            guard let sql = try tables[check.table] ?? String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                                      arguments: [check.table]) else {
                throw TracestockError(.internalError, "migration 008: the store has no table \(check.table)")
            }
            let inList = "\(check.column) IN (" + check.values.map { "'\($0)'" }.joined(separator: ",") + ")"
            let comparisons = "(" + check.values.map { "\(check.column) = '\($0)'" }.joined(separator: " OR ") + ")"
            guard sql.components(separatedBy: inList).count == 2 else {
                throw TracestockError(.internalError, "migration 008: table \(check.table) does not have `\(inList)` once in its schema")
            }
            tables[check.table] = sql.replacingOccurrences(of: inList, with: comparisons)
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for (table, sql) in tables.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", arguments: [sql, table])
        }
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
    }

    /// EPCIS export configuration: a SKU's GS1 company-prefix length (SGTIN/LGTIN URNs) and a
    /// location's SGLN EPC URI (read points and business locations).
    static let v005 = """
    ALTER TABLE sku ADD COLUMN gs1_company_prefix_length INTEGER
        CHECK (gs1_company_prefix_length IS NULL OR gs1_company_prefix_length BETWEEN 6 AND 12);
    ALTER TABLE location ADD COLUMN sgln TEXT CHECK (sgln IS NULL OR sgln LIKE 'urn:epc:id:sgln:%');
    CREATE UNIQUE INDEX location_sgln ON location(sgln) WHERE sgln IS NOT NULL;
    """

    /// Per-unit authentication codes, stored only as SHA-256 hashes, and every verification.
    static let v004 = """
    CREATE TABLE auth_code (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES unit(id),
        code_hash BLOB NOT NULL UNIQUE CHECK (length(code_hash) = 32),
        issued_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoked_reason TEXT
    );
    CREATE UNIQUE INDEX auth_code_active ON auth_code(unit_id) WHERE revoked_at IS NULL;
    CREATE TABLE auth_scan (
        id INTEGER PRIMARY KEY,
        code_id INTEGER REFERENCES auth_code(id),
        at INTEGER NOT NULL,
        place TEXT,
        verdict TEXT NOT NULL CHECK (verdict IN ('genuine','unknown','revoked','malformed'))
    );
    CREATE INDEX auth_scan_code ON auth_scan(code_id, at);
    """

    /// Sales per SKU and day (a projection of ship events plus imported history), imported sales
    /// history, and stock on the way. Existing stores get their daily sales from the ledger.
    static let v003 = """
    CREATE TABLE daily_sales (
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        day INTEGER NOT NULL,
        quantity INTEGER NOT NULL,
        PRIMARY KEY (sku_id, day)
    ) WITHOUT ROWID;
    CREATE INDEX daily_sales_day ON daily_sales(day);
    INSERT INTO daily_sales (sku_id, day, quantity)
        SELECT e.sku_id, e.at / 86400000, sum(e.quantity) FROM event e
        WHERE e.type = 'ship' AND NOT EXISTS (SELECT 1 FROM event v WHERE v.voids_seq = e.seq)
        GROUP BY e.sku_id, e.at / 86400000 HAVING sum(e.quantity) <> 0;
    CREATE TABLE sale (
        id INTEGER PRIMARY KEY,
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        day INTEGER NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        order_ref TEXT,
        UNIQUE (order_ref, sku_id)
    );
    CREATE TABLE inbound (
        id INTEGER PRIMARY KEY,
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        eta INTEGER NOT NULL,
        reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
        created_at INTEGER NOT NULL,
        UNIQUE (reference, sku_id)
    );
    """

    /// Returns keep what was claimed (serials that may not be ours); reports list returns by time.
    static let v002 = """
    ALTER TABLE event ADD COLUMN claimed TEXT;
    CREATE INDEX event_type_at ON event(type, at);
    """

    static let v001 = """
    CREATE TABLE location (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
        kind TEXT NOT NULL CHECK (kind IN ('warehouse','fba','store','quarantine','transit','other')),
        name TEXT,
        allow_negative INTEGER NOT NULL DEFAULT 0 CHECK (allow_negative IN (0, 1))
    );
    CREATE TABLE sku (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
        title TEXT NOT NULL,
        tracking TEXT NOT NULL CHECK (tracking IN ('serial','lot','none')),
        gtin TEXT UNIQUE CHECK (gtin IS NULL OR length(gtin) = 14),
        asin TEXT,
        fnsku TEXT UNIQUE,
        warranty_days INTEGER CHECK (warranty_days IS NULL OR warranty_days >= 0),
        warranty_start TEXT NOT NULL DEFAULT 'ship' CHECK (warranty_start IN ('ship','registration')),
        production_days INTEGER CHECK (production_days IS NULL OR production_days >= 0),
        transit_days INTEGER CHECK (transit_days IS NULL OR transit_days >= 0),
        receiving_days INTEGER CHECK (receiving_days IS NULL OR receiving_days >= 0),
        case_pack INTEGER CHECK (case_pack IS NULL OR case_pack > 0),
        moq INTEGER CHECK (moq IS NULL OR moq >= 0),
        supplier TEXT,
        unit_volume REAL CHECK (unit_volume IS NULL OR unit_volume >= 0),
        serial_prefix TEXT,
        serial_width INTEGER CHECK (serial_width IS NULL OR serial_width BETWEEN 1 AND 18),
        serial_next INTEGER NOT NULL DEFAULT 1 CHECK (serial_next >= 0)
    );
    CREATE INDEX sku_asin ON sku(asin) WHERE asin IS NOT NULL;
    CREATE TABLE lot (
        id INTEGER PRIMARY KEY,
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
        produced TEXT CHECK (produced IS NULL OR length(produced) = 10),
        expires TEXT CHECK (expires IS NULL OR length(expires) = 10),
        supplier TEXT,
        first_seq INTEGER NOT NULL,
        UNIQUE (sku_id, code)
    );
    CREATE TABLE event (
        seq INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('receive','move','ship','return','restock','quarantine','release','adjust','dispose','void','register')),
        at INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        lot_id INTEGER REFERENCES lot(id),
        quantity INTEGER NOT NULL,
        from_location_id INTEGER REFERENCES location(id),
        to_location_id INTEGER REFERENCES location(id),
        from_status TEXT CHECK (from_status IN ('sellable','quarantined','returned')),
        to_status TEXT CHECK (to_status IN ('sellable','quarantined','returned')),
        order_ref TEXT,
        customer_ref TEXT,
        actor TEXT,
        reason TEXT,
        voids_seq INTEGER UNIQUE REFERENCES event(seq),
        verdict TEXT,
        unit_first INTEGER,
        unit_last INTEGER,
        CHECK ((unit_first IS NULL) = (unit_last IS NULL)),
        CHECK ((type = 'void') = (voids_seq IS NOT NULL)),
        CHECK (type = 'adjust' OR quantity >= 0)
    );
    CREATE INDEX event_order ON event(order_ref) WHERE order_ref IS NOT NULL;
    CREATE INDEX event_sku_type_at ON event(sku_id, type, at);
    CREATE TRIGGER event_immutable_update BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'ledger events are immutable'); END;
    CREATE TRIGGER event_immutable_delete BEFORE DELETE ON event
        BEGIN SELECT RAISE(ABORT, 'ledger events are immutable'); END;
    CREATE TABLE unit (
        id INTEGER PRIMARY KEY,
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        serial TEXT NOT NULL CHECK (length(serial) BETWEEN 1 AND 64),
        lot_id INTEGER REFERENCES lot(id),
        state TEXT NOT NULL CHECK (state IN ('in_stock','shipped','returned','quarantined','disposed','voided')),
        location_id INTEGER REFERENCES location(id),
        order_ref TEXT,
        last_seq INTEGER NOT NULL REFERENCES event(seq),
        received_seq INTEGER NOT NULL REFERENCES event(seq),
        CHECK ((state IN ('in_stock','quarantined','returned')) = (location_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX unit_serial ON unit(serial, sku_id);
    CREATE INDEX unit_lot ON unit(lot_id);
    CREATE TABLE event_unit (
        unit_id INTEGER NOT NULL REFERENCES unit(id),
        event_seq INTEGER NOT NULL REFERENCES event(seq),
        prev_state TEXT,
        prev_location_id INTEGER,
        prev_order_ref TEXT,
        prev_lot_id INTEGER,
        PRIMARY KEY (unit_id, event_seq)
    ) WITHOUT ROWID;
    CREATE INDEX event_unit_event ON event_unit(event_seq);
    CREATE TRIGGER event_unit_immutable_update BEFORE UPDATE ON event_unit
        BEGIN SELECT RAISE(ABORT, 'ledger events are immutable'); END;
    CREATE TRIGGER event_unit_immutable_delete BEFORE DELETE ON event_unit
        BEGIN SELECT RAISE(ABORT, 'ledger events are immutable'); END;
    CREATE TABLE stock (
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        lot_id INTEGER REFERENCES lot(id),
        location_id INTEGER NOT NULL REFERENCES location(id),
        status TEXT NOT NULL CHECK (status IN ('sellable','quarantined','returned')),
        quantity INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX stock_cell ON stock(sku_id, ifnull(lot_id, 0), location_id, status);
    CREATE INDEX stock_location ON stock(location_id);
    CREATE TRIGGER stock_not_negative_update BEFORE UPDATE OF quantity ON stock
        WHEN NEW.quantity < 0 AND (SELECT allow_negative FROM location WHERE id = NEW.location_id) = 0
        BEGIN SELECT RAISE(ABORT, 'negative stock'); END;
    CREATE TRIGGER stock_not_negative_insert BEFORE INSERT ON stock
        WHEN NEW.quantity < 0 AND (SELECT allow_negative FROM location WHERE id = NEW.location_id) = 0
        BEGIN SELECT RAISE(ABORT, 'negative stock'); END;
    CREATE TABLE order_line (
        order_ref TEXT NOT NULL,
        sku_id INTEGER NOT NULL REFERENCES sku(id),
        lot_id INTEGER REFERENCES lot(id),
        shipped INTEGER NOT NULL,
        returned INTEGER NOT NULL CHECK (returned >= 0)
    );
    CREATE UNIQUE INDEX order_line_key ON order_line(order_ref, sku_id, ifnull(lot_id, 0));
    CREATE INDEX order_line_lot ON order_line(lot_id) WHERE lot_id IS NOT NULL;
    CREATE TABLE idempotency (
        key TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        seqs TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );
    """

    /// API tokens for `tracestock serve`: the secret is never stored, only its SHA-256 (hex).
    static let v006 = """
    CREATE TABLE api_token (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role TEXT NOT NULL CHECK (role IN ('admin','operator','viewer')),
        token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
    );
    """

    /// Web UI users (only a scrypt hash of each password) and the one key that signs session cookies.
    static let v007 = """
    CREATE TABLE web_user (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
        role TEXT NOT NULL CHECK (role IN ('admin','operator','viewer')),
        password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        created_at INTEGER NOT NULL,
        disabled_at INTEGER
    );
    CREATE TABLE web_session_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret BLOB NOT NULL CHECK (length(secret) = 32),
        created_at INTEGER NOT NULL
    );
    """

    /// Imported sales by SKU and day, and by day: a restock plan asks which SKUs first sold inside its
    /// window (and not before) instead of reading every SKU's first sale.
    static let v009 = """
    CREATE INDEX sale_sku_day ON sale(sku_id, day);
    CREATE INDEX sale_day ON sale(day);
    """

    /// A restock plan of the whole catalog reads the window day by day from one covering index
    /// (see `SQLiteLedgerStore.windowSalesSQL`). It replaces the index on the day alone, which no
    /// query used: through it every row of the window was looked up in the table one by one.
    static let v010 = """
    DROP INDEX daily_sales_day;
    CREATE INDEX daily_sales_window ON daily_sales(day, sku_id, quantity);
    """
}
