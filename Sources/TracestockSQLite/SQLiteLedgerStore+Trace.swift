import GRDB
import GRDBSQLite
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    static let notVoided = "NOT EXISTS (SELECT 1 FROM event v WHERE v.voids_seq = e.seq)"

    public func liveEvents(skuID: Int64?, lotIDs: [Int64]?, types: [EventType]) async throws -> [LedgerEvent] {
        try await read { db in
            var sql = "SELECT \(Self.eventColumns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")) FROM event e WHERE e.type IN (SELECT value FROM json_each(?)) AND \(Self.notVoided)"
            var arguments: StatementArguments = [Self.jsonArray(types.map(\.rawValue))]
            if let skuID { sql += " AND e.sku_id = ?"; _ = arguments.append(contentsOf: [skuID]) }
            if let lotIDs { sql += " AND e.lot_id IN (SELECT value FROM json_each(?))"; _ = arguments.append(contentsOf: [Self.jsonArray(lotIDs)]) }
            sql += " ORDER BY e.seq"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.event)
        }
    }

    public func returnEvents(since: Timestamp?) async throws -> [LedgerEvent] {
        try await read { db in
            let columns = Self.eventColumns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM event e WHERE e.type = 'return' AND e.at >= ? AND \(Self.notVoided) ORDER BY e.at, e.seq
                """, arguments: [since?.milliseconds ?? Int64.min]).map(Self.event)
        }
    }

    /// A large lot is read in a slice of its unit ids per core, side by side, each slice folded on
    /// the thread that read it (a recall's grouping then runs while the other slices are read).
    public func foldRecallUnits<Part: Sendable>(skuID: Int64, lotIDs: [Int64]?, unitIDs: [Int64]?,
                                                start: @escaping @Sendable () -> Part,
                                                add: @escaping @Sendable (inout Part, RecallUnit) -> Void) async throws -> [Part] {
        guard let lotIDs else {
            return [try await read { db in
                var part = start()
                try Self.forEachRecallUnit(db.cachedStatement(sql: Self.recallUnitsSQL(.units)), arguments: [Self.jsonArray(unitIDs ?? []), skuID]) {
                    add(&part, $0)
                }
                return part
            }]
        }
        // One lot at a time, each off `unit_lot` in id order (an IN list of every lot at once needed
        // a sort of the whole result); a large lot's id range cut into a slice per core.
        var seen = Set<Int64>()
        let lots = lotIDs.filter { seen.insert($0).inserted }
        let spans = try await pointRead { db in
            try lots.map { lot -> ClosedRange<Int64>? in
                // Two lookups at the ends of the lot in `unit_lot`; `min(id), max(id)` in one SELECT walks the lot.
                let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT (SELECT min(id) FROM unit WHERE lot_id = ?1), (SELECT max(id) FROM unit WHERE lot_id = ?1)"), arguments: [lot])
                guard let row, let low: Int64 = row[0], let high: Int64 = row[1] else { return nil }
                return low...high
            }
        }
        let slices = zip(lots, spans).flatMap { lot, span -> [(lot: Int64, ids: ClosedRange<Int64>)] in
            guard let span else { return [] }
            let parts = span.upperBound - span.lowerBound >= Self.recallSliceUnits ? Self.sideBySideReads : 1
            return Self.cut(span, into: parts).map { (lot, $0) }
        }
        return try await readSideBySide(slices) { db, slice in
            var part = start()
            try Self.forEachRecallUnit(db.cachedStatement(sql: Self.recallUnitsSQL(.lotSlice)),
                                       arguments: [slice.lot, skuID, slice.ids.lowerBound, slice.ids.upperBound]) { add(&part, $0) }
            return part
        }
    }

    /// A lot whose unit ids span this many or more is read in a slice per core.
    static let recallSliceUnits: Int64 = 4_096

    /// Steps a recall statement and reads the columns (as `unit(_:)` does, plus the ship's time and
    /// customer) straight from SQLite: a `Row` per unit cost 3-5 ms of a 10,000-unit recall.
    static func forEachRecallUnit(_ statement: Statement, arguments: StatementArguments, _ body: (RecallUnit) throws -> Void) throws {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        let handle = statement.sqliteStatement
        func text(_ column: Int32) -> String? {
            sqlite3_column_text(handle, column).map { String(cString: $0) }
        }
        func integer(_ column: Int32) -> Int64? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
        }
        while try cursor.next() != nil {
            let unit = Unit(id: sqlite3_column_int64(handle, 0), skuID: sqlite3_column_int64(handle, 1), serial: text(2) ?? "",
                            lotID: integer(3), state: text(4).flatMap(UnitState.init(rawValue:)) ?? .voided, locationID: integer(5),
                            orderRef: text(6), lastSeq: sqlite3_column_int64(handle, 7), receivedSeq: sqlite3_column_int64(handle, 8))
            try body(RecallUnit(unit: unit, shippedAt: integer(9).map(Timestamp.init(milliseconds:)), customerRef: text(10)))
        }
    }

    /// Which units a `recallUnitsSQL` statement reads.
    enum RecallUnits {
        /// `?1` a lot, `?3...?4` a range of unit ids.
        case lotSlice
        /// `?1` a JSON array of unit ids.
        case units
    }

    /// The units of a lot's id range (or of some unit ids, a JSON array) with, for shipped ones, their
    /// last ship event: usually the unit's last event itself (one lookup by seq); otherwise (a
    /// registration or a void came after) the latest ship among the unit's own event links.
    /// The `CROSS JOIN` keeps those few links as the outer loop: left to itself, SQLite walked
    /// every ship event of the store once per unit.
    static func recallUnitsSQL(_ units: RecallUnits) -> String {
        let columns = unitColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return """
            SELECT \(columns), s.at, s.customer_ref FROM unit u
            LEFT JOIN event s ON s.seq = CASE
                WHEN u.state <> 'shipped' THEN NULL
                WHEN (SELECT l.type FROM event l WHERE l.seq = u.last_seq) = 'ship' THEN u.last_seq
                ELSE (SELECT max(e.seq) FROM event_unit eu CROSS JOIN event e ON e.seq = eu.event_seq
                      WHERE eu.unit_id = u.id AND e.type = 'ship') END
            WHERE \(units == .lotSlice ? "u.lot_id = ?1 AND u.id BETWEEN ?3 AND ?4" : "u.id IN (SELECT value FROM json_each(?1))") AND u.sku_id = ?2 ORDER BY u.id
            """
    }

    public func shippedUnits(orderRef: String) async throws -> [ShippedUnit] {
        try await read { db in
            try Self.fetchAll(db.cachedStatement(sql: Self.shippedUnitsSQL), arguments: [orderRef]) { row in
                ShippedUnit(unit: Self.unit(row), lotID: row[9], shipSeq: row[10])
            }
        }
    }

    /// The units an order's live ship events took, found through the order (`event_order`).
    static var shippedUnitsSQL: String {
        let columns = unitColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return """
            SELECT \(columns), eu.prev_lot_id, e.seq FROM event e
            JOIN event_unit eu ON eu.event_seq = e.seq JOIN unit u ON u.id = eu.unit_id
            WHERE e.order_ref = ?1 AND +e.type = 'ship' AND \(notVoided)
            ORDER BY e.seq, u.serial
            """
    }

    /// SQLite's plan for a statement (`EXPLAIN QUERY PLAN`), one line per step; for tests that
    /// keep the hot queries on their indexes.
    /// - Parameter parameters: how many parameters the statement takes (bound to NULL).
    func queryPlan(_ sql: String, parameters: Int) async throws -> [String] {
        try await read { db in
            let nulls = StatementArguments(Array(repeating: DatabaseValue.null, count: parameters))
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: nulls).map { row in row["detail"] as String }
        }
    }
}
