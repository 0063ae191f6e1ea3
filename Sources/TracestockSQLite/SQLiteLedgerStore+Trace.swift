import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    static let notVoided = "NOT EXISTS (SELECT 1 FROM event v WHERE v.voids_seq = e.seq)"

    public func liveEvents(skuID: Int64?, lotIDs: [Int64]?, types: [EventType]) async throws -> [LedgerEvent] {
        try await read { db in
            var sql = "SELECT \(Self.eventColumns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")) FROM event e WHERE e.type IN (SELECT value FROM json_each(?)) AND \(Self.notVoided)"
            var arguments: StatementArguments = ["[" + types.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"]
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

    public func recallUnits(skuID: Int64, lotIDs: [Int64]?, unitIDs: [Int64]?) async throws -> [RecallUnit] {
        try await read { db in
            // A cursor reads each row straight from the statement (fetchAll copied every value of
            // thousands of rows into Row objects first).
            let statement = try db.cachedStatement(sql: Self.recallUnitsSQL(byLots: lotIDs != nil))
            let cursor = try Row.fetchCursor(statement, arguments: [Self.jsonArray(lotIDs ?? unitIDs ?? []), skuID])
            var units: [RecallUnit] = []
            while let row = try cursor.next() {
                units.append(RecallUnit(unit: Self.unit(row), shippedAt: (row[9] as Int64?).map(Timestamp.init(milliseconds:)), customerRef: row[10]))
            }
            return units
        }
    }

    /// The units of some lots (or unit ids) with, for shipped ones, their last ship event. The
    /// `CROSS JOIN` keeps the unit's own few event links as the outer loop: left to itself,
    /// SQLite walked every ship event of the store once per unit.
    static func recallUnitsSQL(byLots: Bool) -> String {
        let columns = unitColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return """
            SELECT \(columns), s.at, s.customer_ref FROM unit u
            LEFT JOIN event s ON s.seq = (
                SELECT max(e.seq) FROM event_unit eu CROSS JOIN event e ON e.seq = eu.event_seq
                WHERE eu.unit_id = u.id AND e.type = 'ship' AND u.state = 'shipped')
            WHERE u.\(byLots ? "lot_id" : "id") IN (SELECT value FROM json_each(?1)) AND u.sku_id = ?2 ORDER BY u.id
            """
    }

    public func shippedUnits(orderRef: String) async throws -> [ShippedUnit] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.shippedUnitsSQL), arguments: [orderRef]).map { row in
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
