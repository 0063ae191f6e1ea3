import Testing
@testable import TracestockSQLite

/// The hot traceability queries stay on their indexes. A wrong plan is invisible on test-sized
/// stores and costs seconds on a 10M-unit one (a recall walked every ship event once per unit),
/// so the plans themselves are checked, as SQLite chooses them for a store without statistics.
@Suite struct QueryPlanTests {
    /// Plan lines that mean a walk over a whole table or over every event of a type.
    static func walks(_ plan: [String]) -> [String] {
        plan.filter { line in
            (line.hasPrefix("SCAN ") && !line.contains("json_each"))
                || line.contains("event_type_at") || line.contains("event_sku_type_at")
        }
    }

    @Test func aRecallReadsTheLotsUnitsAndEachUnitsOwnEvents() async throws {
        let store = try SQLiteLedgerStore()
        try await store.migrate()
        for units in [SQLiteLedgerStore.RecallUnits.lotSlice, .units] {
            let plan = try await store.queryPlan(SQLiteLedgerStore.recallUnitsSQL(units), parameters: units == .lotSlice ? 4 : 2)
            #expect(Self.walks(plan).isEmpty, "\(plan)")
            // A slice of a lot is a range of the lot's entries in `unit_lot` (lot_id, rowid).
            #expect(plan.contains { $0.contains(units == .lotSlice ? "USING INDEX unit_lot (lot_id=? AND rowid>? AND rowid<?)" : "USING INTEGER PRIMARY KEY") },
                    "\(plan)")
            // The correlated subquery starts from the unit's event links, then each event by seq.
            #expect(plan.contains { $0.contains("SEARCH eu USING") && $0.contains("(unit_id=?)") }, "\(plan)")
        }
    }

    /// A restock plan of named SKUs reads each one's window along the primary key (sku_id, day);
    /// through the day index it looked up every row of the window one by one (seconds at 100,000
    /// SKUs). The whole catalog's plan reads the window from the covering index (day, sku_id,
    /// quantity), which holds it side by side, without touching the table.
    @Test func aRestockPlanReadsTheWindowFromAnIndexThatHoldsIt() async throws {
        let store = try SQLiteLedgerStore()
        try await store.migrate()
        let listed = try await store.queryPlan(SQLiteLedgerStore.listedSalesSQL, parameters: 2)
        #expect(listed.contains { $0.contains("SEARCH d USING PRIMARY KEY (sku_id=? AND day>?)") }, "\(listed)")
        #expect(!listed.contains { $0.contains("daily_sales_window") }, "\(listed)")
        let window = try await store.queryPlan(SQLiteLedgerStore.windowSalesSQL, parameters: 2)
        #expect(window == ["SEARCH daily_sales USING COVERING INDEX daily_sales_window (day>? AND day<?)"], "\(window)")
    }

    /// Where new SKUs' histories start: the window's receipts and imported sales, then a seek per SKU
    /// (asking every SKU of the catalog for its first receipt took a second at 100,000 SKUs).
    @Test func aRestockPlanFindsNewSKUsFromTheWindowsReceiptsAndSales() async throws {
        let store = try SQLiteLedgerStore()
        try await store.migrate()
        let receipts = try await store.queryPlan(SQLiteLedgerStore.firstReceiptsSQL, parameters: 2)
        #expect(!receipts.contains { $0.hasPrefix("SCAN ") }, "\(receipts)")
        #expect(receipts.contains { $0.contains("SEARCH e USING INDEX event_type_at (type=? AND at>?)") }, "\(receipts)")
        let sales = try await store.queryPlan(SQLiteLedgerStore.firstSalesSQL, parameters: 2)
        #expect(!sales.contains { $0.hasPrefix("SCAN ") }, "\(sales)")
        #expect(sales.contains { $0.contains("SEARCH s USING INDEX sale_day (day>?)") }, "\(sales)")
        for plan in [receipts, sales] {
            #expect(plan.contains { $0.contains("USING COVERING INDEX event_sku_type_at (sku_id=? AND type=? AND at<?)") }, "\(plan)")
            #expect(plan.contains { $0.contains("USING COVERING INDEX sale_sku_day (sku_id=? AND day<?)") }, "\(plan)")
        }
    }

    @Test func returnVerificationFindsTheOrderThroughItsIndex() async throws {
        let store = try SQLiteLedgerStore()
        try await store.migrate()
        for (sql, parameters) in [(SQLiteLedgerStore.shippedSerialsSQL, 3), (SQLiteLedgerStore.shippedUnitsSQL, 1)] {
            let plan = try await store.queryPlan(sql, parameters: parameters)
            #expect(Self.walks(plan).isEmpty, "\(plan)")
            #expect(plan.contains { $0.contains("SEARCH e USING INDEX event_order (order_ref=?)") }, "\(plan)")
        }
    }

    /// The key ranges long reads are cut into cover the range once, in order, with no empty part.
    @Test func aRangeIsCutIntoConsecutivePartsCoveringItOnce() {
        #expect(SQLiteLedgerStore.cut(1...100_000, into: 2) == [1...50_000, 50_001...100_000])
        #expect(SQLiteLedgerStore.cut(1...7, into: 2) == [1...4, 5...7])
        #expect(SQLiteLedgerStore.cut(5...5, into: 4) == [5...5])
        #expect(SQLiteLedgerStore.cut(3...4, into: 4) == [3...3, 4...4])
        #expect(SQLiteLedgerStore.cut(1...10, into: 1) == [1...10])
        for (range, count) in [(Int64(-3)...17, 3), (1...1_000_003, 4), (10...12, 2)] {
            let parts = SQLiteLedgerStore.cut(range, into: count)
            #expect(parts.count <= count)
            #expect(parts.flatMap { Array($0) } == Array(range))
        }
    }
}
