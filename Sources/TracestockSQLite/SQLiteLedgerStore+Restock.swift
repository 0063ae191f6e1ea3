import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func dailySales(fromDay: Int, skuIDs: [Int64]?) async throws -> [SaleKey: Int64] {
        try await read { db in
            var result: [SaleKey: Int64] = [:]
            let rows: RowCursor
            if let skuIDs {
                rows = try Row.fetchCursor(db, sql: """
                    SELECT sku_id, day, quantity FROM daily_sales WHERE day >= ? AND sku_id IN (SELECT value FROM json_each(?)) AND quantity <> 0
                    """, arguments: [fromDay, Self.jsonArray(skuIDs)])
            } else {
                rows = try Row.fetchCursor(db, sql: "SELECT sku_id, day, quantity FROM daily_sales WHERE day >= ? AND quantity <> 0", arguments: [fromDay])
            }
            while let row = try rows.next() {
                result[SaleKey(skuID: row[0], day: row[1])] = row[2]
            }
            return result
        }
    }

    public func stockTotals(status: StockStatus) async throws -> [Int64: Int64] {
        try await read { db in
            var totals: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sku_id, sum(quantity) FROM stock WHERE status = ? GROUP BY sku_id", arguments: [status.rawValue]) {
                totals[row[0]] = row[1]
            }
            return totals
        }
    }

    public func insertSales(_ sales: [SaleRecord]) async throws -> (inserted: Int, skipped: Int) {
        try await write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO sale (sku_id, day, quantity, order_ref) VALUES (?, ?, ?, ?)")
            let daily = try db.cachedStatement(sql: """
                INSERT INTO daily_sales (sku_id, day, quantity) VALUES (?, ?, ?)
                ON CONFLICT (sku_id, day) DO UPDATE SET quantity = quantity + excluded.quantity
                """)
            var inserted = 0
            for sale in sales {
                try insert.execute(arguments: [sale.skuID, sale.day, sale.quantity, sale.orderRef])
                guard db.changesCount == 1 else { continue }
                inserted += 1
                try daily.execute(arguments: [sale.skuID, sale.day, sale.quantity])
            }
            return (inserted, sales.count - inserted)
        }
    }

    public func insertInbound(_ inbound: Inbound) async throws -> Inbound {
        let now = Tracestock.systemClock()
        return try await write { db in
            try db.execute(sql: "INSERT INTO inbound (sku_id, quantity, eta, reference, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [inbound.skuID, inbound.quantity, inbound.eta, inbound.reference, now.milliseconds])
            var stored = inbound
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func firstActivityDays() async throws -> [Int64: Int] {
        try await read { db in
            var days: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, (SELECT min(at) FROM event WHERE sku_id = sku.id AND type = 'receive') FROM sku") {
                if let at: Int64 = row[1] { days[row[0]] = Int(Timestamp(milliseconds: at).epochDay) }
            }
            for row in try Row.fetchAll(db, sql: "SELECT sku_id, min(day) FROM sale GROUP BY sku_id") {
                let day: Int = row[1]
                days[row[0]] = min(days[row[0]] ?? day, day)
            }
            return days
        }
    }

    public func inbound() async throws -> [Inbound] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.id, i.sku_id, i.quantity, i.eta, i.reference, ifnull((
                    SELECT sum(e.quantity) FROM event e WHERE e.type = 'receive' AND e.sku_id = i.sku_id AND e.order_ref = i.reference
                      AND NOT EXISTS (SELECT 1 FROM event v WHERE v.voids_seq = e.seq)), 0)
                FROM inbound i ORDER BY i.eta, i.id
                """).map { row in
                Inbound(id: row[0], skuID: row[1], quantity: row[2], eta: row[3], reference: row[4], received: row[5])
            }
        }
    }
}
