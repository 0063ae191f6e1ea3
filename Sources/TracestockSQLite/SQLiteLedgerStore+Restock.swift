import GRDB
import GRDBSQLite
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func dailySales(fromDay: Int, skuIDs: [Int64]?) async throws -> [Int64: [DailySale]] {
        if let skuIDs {
            return try await read { db in
                try Self.dailySales(db, sql: Self.dailySalesSQL(.listed), arguments: [fromDay, Self.jsonArray(skuIDs)])
            }
        }
        // The whole catalog: its SKU id range cut into a part per core, read side by side; a SKU's
        // days all come from one part (and one read transaction, as the plan's other reads are).
        let bounds = try await pointRead { db -> ClosedRange<Int64>? in
            guard let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(id) FROM sku), (SELECT max(id) FROM sku)"), let low: Int64 = row[0], let high: Int64 = row[1] else { return nil }
            return low...high
        }
        guard let bounds else { return [:] }
        let parts = try await readSideBySide(Self.cut(bounds, into: Self.sideBySideReads)) { db, ids in
            try Self.dailySales(db, sql: Self.dailySalesSQL(.range), arguments: [fromDay, ids.lowerBound, ids.upperBound])
        }
        var result: [Int64: [DailySale]] = Dictionary(minimumCapacity: parts.reduce(0) { $0 + $1.count })
        for part in parts { result.merge(part) { first, _ in first } }
        return result
    }

    /// Runs a `dailySalesSQL` statement and files its rows by SKU.
    private static func dailySales(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Int64: [DailySale]] {
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        let handle = statement.sqliteStatement
        // Rows come SKU after SKU: gather them in one array, then give each SKU an exactly sized
        // copy of its run (growing 100,000 small arrays one row at a time cost more than the read).
        var skuIDs: [Int64] = []
        var runEnds: [Int] = []
        var all: [DailySale] = []
        try cursor.forEach { _ in
            let id = sqlite3_column_int64(handle, 0)
            if id != skuIDs.last {
                if !skuIDs.isEmpty { runEnds.append(all.count) }
                skuIDs.append(id)
            }
            all.append(DailySale(day: Day(daysSince1970: Int(sqlite3_column_int64(handle, 1))), quantity: Int(sqlite3_column_int64(handle, 2))))
        }
        if !skuIDs.isEmpty { runEnds.append(all.count) }
        var result: [Int64: [DailySale]] = Dictionary(minimumCapacity: skuIDs.count)
        var start = 0
        for (id, end) in zip(skuIDs, runEnds) {
            result[id] = Array(all[start..<end])
            start = end
        }
        return result
    }

    /// Which SKUs a `dailySalesSQL` statement reads.
    enum SalesSKUs {
        /// `?2`: a JSON array of SKU ids.
        case listed
        /// `?2...?3`: a range of SKU ids.
        case range
    }

    /// The window's daily sales (`?1` the first day), read SKU by SKU along the primary key
    /// (sku_id, day): the day index instead found every row of the window, then looked up each one.
    static func dailySalesSQL(_ skus: SalesSKUs) -> String {
        switch skus {
        case .listed:
            "SELECT d.sku_id, d.day, d.quantity FROM (SELECT DISTINCT value AS id FROM json_each(?2)) s CROSS JOIN daily_sales d ON d.sku_id = s.id WHERE d.day >= ?1 AND d.quantity <> 0"
        case .range:
            "SELECT d.sku_id, d.day, d.quantity FROM sku s CROSS JOIN daily_sales d ON d.sku_id = s.id WHERE s.id BETWEEN ?2 AND ?3 AND d.day >= ?1 AND d.quantity <> 0"
        }
    }

    public func stockTotals(status: StockStatus) async throws -> [Int64: Int64] {
        try await read { db in
            // Read off the statement (a copied `Row` per SKU cost more than the query at 100,000 SKUs).
            let statement = try db.cachedStatement(sql: "SELECT sku_id, sum(quantity) FROM stock WHERE status = ? GROUP BY sku_id")
            let handle = statement.sqliteStatement
            var totals: [Int64: Int64] = [:]
            try Row.fetchCursor(statement, arguments: [status.rawValue]).forEach { _ in
                totals[sqlite3_column_int64(handle, 0)] = sqlite3_column_int64(handle, 1)
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

    public func firstActivityDays(since day: Int) async throws -> [Int64: Int] {
        try await read { db in
            var days: [Int64: Int] = [:]
            let arguments: StatementArguments = [Day(daysSince1970: day).start.milliseconds, day]
            for row in try Row.fetchAll(db.cachedStatement(sql: Self.firstReceiptsSQL), arguments: arguments) {
                days[row[0]] = Int(Timestamp(milliseconds: row[1]).epochDay)
            }
            for row in try Row.fetchAll(db.cachedStatement(sql: Self.firstSalesSQL), arguments: arguments) {
                let first: Int = row[1]
                days[row[0]] = Swift.min(days[row[0]] ?? first, first)
            }
            return days
        }
    }

    /// SKUs received since `?1` (ms), never before it and with no imported sale before day `?2`: the
    /// first such receipt. Reads the window's receipts (type, at), then one seek per SKU; asking each
    /// SKU of the catalog for its first receipt took 100,000 seeks at 100,000 SKUs.
    static let firstReceiptsSQL = """
        SELECT e.sku_id, min(e.at) FROM event e
        WHERE e.type = 'receive' AND e.at >= ?1
          AND NOT EXISTS (SELECT 1 FROM event p WHERE p.sku_id = e.sku_id AND p.type = 'receive' AND p.at < ?1)
          AND NOT EXISTS (SELECT 1 FROM sale s WHERE s.sku_id = e.sku_id AND s.day < ?2)
        GROUP BY e.sku_id
        """

    /// SKUs with imported sales since day `?2`, none before it and no receipt before `?1` (ms): the
    /// first such day. From the window's sales by day: without statistics SQLite would rather walk
    /// every sale in SKU order to save the grouping.
    static let firstSalesSQL = """
        SELECT s.sku_id, min(s.day) FROM sale s INDEXED BY sale_day
        WHERE s.day >= ?2
          AND NOT EXISTS (SELECT 1 FROM sale p WHERE p.sku_id = s.sku_id AND p.day < ?2)
          AND NOT EXISTS (SELECT 1 FROM event e WHERE e.sku_id = s.sku_id AND e.type = 'receive' AND e.at < ?1)
        GROUP BY s.sku_id
        """

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
