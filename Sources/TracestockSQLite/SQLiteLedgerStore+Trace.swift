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
            let columns = Self.unitColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            let select = """
                SELECT \(columns), s.at, s.customer_ref FROM unit u
                LEFT JOIN event s ON s.seq = (
                    SELECT max(e.seq) FROM event_unit eu JOIN event e ON e.seq = eu.event_seq
                    WHERE eu.unit_id = u.id AND e.type = 'ship' AND u.state = 'shipped')
                """
            let rows: [Row]
            if let lotIDs {
                rows = try Row.fetchAll(db, sql: select + " WHERE u.lot_id IN (SELECT value FROM json_each(?)) AND u.sku_id = ? ORDER BY u.id",
                                        arguments: [Self.jsonArray(lotIDs), skuID])
            } else {
                rows = try Row.fetchAll(db, sql: select + " WHERE u.id IN (SELECT value FROM json_each(?)) AND u.sku_id = ? ORDER BY u.id",
                                        arguments: [Self.jsonArray(unitIDs ?? []), skuID])
            }
            return rows.map { row in
                RecallUnit(unit: Self.unit(row), shippedAt: (row[9] as Int64?).map(Timestamp.init(milliseconds:)), customerRef: row[10])
            }
        }
    }

    public func shippedUnits(orderRef: String) async throws -> [ShippedUnit] {
        try await read { db in
            let columns = Self.unitColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT \(columns), eu.prev_lot_id, e.seq FROM event e
                JOIN event_unit eu ON eu.event_seq = e.seq JOIN unit u ON u.id = eu.unit_id
                WHERE e.order_ref = ? AND e.type = 'ship' AND \(Self.notVoided)
                ORDER BY e.seq, u.serial
                """, arguments: [orderRef]).map { row in
                ShippedUnit(unit: Self.unit(row), lotID: row[9], shipSeq: row[10])
            }
        }
    }
}
