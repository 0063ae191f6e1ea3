import GRDB
import GRDBSQLite
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func dailySales(fromDay: Int, skuIDs: [Int64]?) async throws -> [Int64: [DailySale]] {
        try await read { db in
            // SKU by SKU, each from its first day in the window on along the primary key (sku_id,
            // day): the day index instead found every row of the window, then looked up each one.
            let statement = try db.cachedStatement(sql: Self.dailySalesSQL(bySKUs: skuIDs != nil))
            let cursor = try Row.fetchCursor(statement, arguments: skuIDs.map { [fromDay, Self.jsonArray($0)] } ?? [fromDay])
            let handle = statement.sqliteStatement
            // Rows come SKU after SKU: collect a SKU's days, file them when the next SKU starts.
            var result: [Int64: [DailySale]] = [:]
            var skuID: Int64 = 0
            var days: [DailySale] = []
            while try cursor.next() != nil {
                let id = sqlite3_column_int64(handle, 0)
                if id != skuID {
                    if !days.isEmpty { result[skuID] = days }
                    skuID = id
                    days = []
                }
                days.append(DailySale(day: Day(daysSince1970: Int(sqlite3_column_int64(handle, 1))), quantity: Int(sqlite3_column_int64(handle, 2))))
            }
            if !days.isEmpty { result[skuID] = days }
            return result
        }
    }

    /// The window's daily sales (`?1` the first day; `?2` a JSON array of SKU ids when `bySKUs`),
    /// read SKU by SKU along the primary key.
    static func dailySalesSQL(bySKUs: Bool) -> String {
        let skus = bySKUs ? "(SELECT DISTINCT value AS id FROM json_each(?2))" : "sku"
        return "SELECT d.sku_id, d.day, d.quantity FROM \(skus) s CROSS JOIN daily_sales d ON d.sku_id = s.id WHERE d.day >= ?1 AND d.quantity <> 0"
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
