import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func replayLedger() async throws -> (replay: LedgerReplay, projection: Projection) {
        try await read { db in
            var replay = LedgerReplay()
            let links = try db.makeStatement(sql: """
                SELECT unit_id, prev_state, prev_location_id, prev_order_ref, prev_lot_id FROM event_unit WHERE event_seq = ? ORDER BY unit_id
                """)
            let events = try Row.fetchCursor(db, sql: "SELECT \(Self.eventColumns) FROM event ORDER BY seq")
            while let row = try events.next() {
                let event = Self.event(row)
                let units = try Row.fetchAll(links, arguments: [event.seq]).map(Self.eventUnit)
                replay.apply(event, eventUnits: units)
            }
            replay.finish()
            let units = try Row.fetchAll(db, sql: "SELECT \(Self.unitColumns) FROM unit ORDER BY id").map(Self.unit)
            var stock: [StockKey: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sku_id, lot_id, location_id, status, quantity FROM stock WHERE quantity <> 0") {
                stock[StockKey(skuID: row[0], lotID: row[1], locationID: row[2], status: StockStatus(rawValue: row[3]) ?? .sellable)] = row[4]
            }
            var orders: [OrderKey: OrderQuantities] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT order_ref, sku_id, lot_id, shipped, returned FROM order_line WHERE shipped <> 0 OR returned <> 0") {
                orders[OrderKey(orderRef: row[0], skuID: row[1], lotID: row[2])] = OrderQuantities(shipped: row[3], returned: row[4])
            }
            var sales: [SaleKey: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sku_id, day, quantity FROM daily_sales WHERE quantity <> 0") {
                sales[SaleKey(skuID: row[0], day: row[1])] = row[2]
            }
            var imported: [SaleKey: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sku_id, day, sum(quantity) FROM sale GROUP BY sku_id, day") {
                imported[SaleKey(skuID: row[0], day: row[1])] = row[2]
            }
            return (replay, Projection(units: units, stock: stock, orders: orders, sales: sales, importedSales: imported))
        }
    }
}
