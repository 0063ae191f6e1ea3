import GRDB
import GRDBSQLite
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func dailySales(fromDay: Int, skuIDs: [Int64]?) async throws -> [Int64: [DailySale]] {
        if let skuIDs {
            return try await read { db in
                Self.fileBySKU([try Self.salesRows(db.cachedStatement(sql: Self.listedSalesSQL), arguments: [fromDay, Self.jsonArray(skuIDs)])])
            }
        }
        // The whole catalog: the window's days cut into a part per core, read side by side (each
        // part in its own read transaction, as the plan's other reads are), then filed by SKU.
        let lastDay = try await pointRead { db in try Int.fetchOne(db, sql: "SELECT max(day) FROM daily_sales") }
        guard let lastDay, lastDay >= fromDay else { return [:] }
        let parts = try await readSideBySide(Self.cut(Int64(fromDay)...Int64(lastDay), into: Self.sideBySideReads)) { db, days in
            try Self.salesRows(db.cachedStatement(sql: Self.windowSalesSQL), arguments: [days.lowerBound, days.upperBound])
        }
        return Self.fileBySKU(parts)
    }

    /// The window's daily sales of the SKUs listed in `?2` (a JSON array of ids; `?1` the first
    /// day), read SKU by SKU along the primary key (sku_id, day).
    static let listedSalesSQL = "SELECT d.sku_id, d.day, d.quantity FROM (SELECT DISTINCT value AS id FROM json_each(?2)) s CROSS JOIN daily_sales d ON d.sku_id = s.id WHERE d.day >= ?1 AND d.quantity <> 0"

    /// The window's rows of the whole catalog (`?1...?2`, days), day after day along the covering
    /// index `daily_sales_window` (day, sku_id, quantity), where they lie side by side. Along the
    /// primary key (sku_id, day) the same rows are spread over every page of the table (a year of
    /// days per SKU): at 100,000 SKUs × 365 days that read 60,000 pages for a 90-day window, this 11,000.
    static let windowSalesSQL = "SELECT sku_id, day, quantity FROM daily_sales INDEXED BY daily_sales_window WHERE day BETWEEN ?1 AND ?2 AND quantity <> 0"

    /// Daily sales rows and the SKU of each.
    struct SalesRows: Sendable {
        var skuIDs: [Int64] = []
        var sales: [DailySale] = []
    }

    /// The (sku_id, day, quantity) rows of `statement`, in its order, read off the statement.
    static func salesRows(_ statement: Statement, arguments: StatementArguments) throws -> SalesRows {
        let handle = statement.sqliteStatement
        var rows = SalesRows()
        try Row.fetchCursor(statement, arguments: arguments).forEach { _ in
            rows.skuIDs.append(sqlite3_column_int64(handle, 0))
            rows.sales.append(DailySale(day: Day(daysSince1970: Int(sqlite3_column_int64(handle, 1))), quantity: Int(sqlite3_column_int64(handle, 2))))
        }
        return rows
    }

    /// Rows filed by SKU, each SKU's rows kept in the order they come (parts in order, then rows):
    /// a counting sort on the SKU, so 4M rows are copied twice and never grown one at a time
    /// (appending each row to its SKU's own array, even one reserved to size, took twice as long).
    /// A SKU's slot is its id's offset from the smallest id when the ids are about as dense as the
    /// sku table's row ids (a span of at most `denseSpan` ids), else its rank of first appearance.
    static func fileBySKU(_ parts: [SalesRows], denseSpan: Int? = nil) -> [Int64: [DailySale]] {
        let count = parts.reduce(0) { $0 + $1.sales.count }
        guard let first = parts.lazy.compactMap(\.skuIDs.first).first else { return [:] }
        var (low, high) = (first, first)
        for id in parts.lazy.flatMap(\.skuIDs) {
            low = Swift.min(low, id)
            high = Swift.max(high, id)
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        let dense = !overflow && span < Int64(denseSpan ?? (2 * count + 65_536))
        // For ids far apart: each row's slot, and each slot's id.
        var ranks: [[Int]] = []
        var rankedIDs: [Int64] = []
        if !dense {
            var rank: [Int64: Int] = [:]
            ranks = parts.map { part in
                part.skuIDs.map { id in
                    if let known = rank[id] { return known }
                    rank[id] = rankedIDs.count
                    rankedIDs.append(id)
                    return rankedIDs.count - 1
                }
            }
        }
        func slot(_ part: Int, _ row: Int) -> Int { dense ? Int(parts[part].skuIDs[row] &- low) : ranks[part][row] }
        let slotCount = dense ? Int(span) + 1 : rankedIDs.count
        // starts[slot] ..< starts[slot + 1]: the slot's rows in the sorted array.
        var starts = [Int](repeating: 0, count: slotCount + 1)
        for part in parts.indices {
            for row in parts[part].skuIDs.indices { starts[slot(part, row) + 1] += 1 }
        }
        for index in 0..<slotCount { starts[index + 1] += starts[index] }
        var next = starts
        let sorted = [DailySale](unsafeUninitializedCapacity: count) { buffer, initialized in
            for part in parts.indices {
                for row in parts[part].sales.indices {
                    let index = slot(part, row)
                    (buffer.baseAddress! + next[index]).initialize(to: parts[part].sales[row])
                    next[index] += 1
                }
            }
            initialized = count
        }
        var result: [Int64: [DailySale]] = Dictionary(minimumCapacity: slotCount)
        for index in 0..<slotCount where starts[index] < starts[index + 1] {
            result[dense ? low + Int64(index) : rankedIDs[index]] = Array(sorted[starts[index]..<starts[index + 1]])
        }
        return result
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
