import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    /// Streams the ledger in sequence order, each event with its `event_unit` links aggregated by the
    /// server (one ordered stream, no query per event), then reads the projections, all in one
    /// REPEATABLE READ snapshot so the two sides describe the same moment while others keep writing.
    public func replayLedger() async throws -> (replay: LedgerReplay, projection: Projection) {
        try await transaction("replaying \(configuration.displayName)", readOnlySnapshot: true) { connection in
            var replay = LedgerReplay()
            let events = try await connection.query("""
                SELECT \(unescaped: Self.qualified(Self.eventColumns, by: "e")),
                       l.ids, l.states, l.locations, l.orders, l.lots
                FROM event e
                LEFT JOIN LATERAL (
                    SELECT array_agg(unit_id ORDER BY unit_id) AS ids,
                           array_agg(coalesce(prev_state, '') ORDER BY unit_id) AS states,
                           array_agg(coalesce(prev_location_id, 0) ORDER BY unit_id) AS locations,
                           array_agg(coalesce(prev_order_ref, '') ORDER BY unit_id) AS orders,
                           array_agg(coalesce(prev_lot_id, 0) ORDER BY unit_id) AS lots
                    FROM event_unit WHERE event_seq = e.seq
                ) l ON true
                ORDER BY e.seq
                """, logger: self.logger)
            for try await row in events {
                var c = Columns(row)
                let event = try Self.event(&c)
                let ids = try c.next([Int64]?.self) ?? []
                let states = try c.next([String]?.self) ?? [], locations = try c.next([Int64]?.self) ?? []
                let orders = try c.next([String]?.self) ?? [], lots = try c.next([Int64]?.self) ?? []
                let links = ids.indices.map { index in
                    EventUnit(unitID: ids[index], prevState: UnitState(rawValue: states[index]),
                              prevLocationID: locations[index] == 0 ? nil : locations[index],
                              prevOrderRef: orders[index].isEmpty ? nil : orders[index], prevLotID: lots[index] == 0 ? nil : lots[index])
                }
                replay.apply(event, eventUnits: links)
            }
            replay.finish()
            let units = try await connection.rows("SELECT \(unescaped: Self.unitColumns) FROM unit ORDER BY id", logger: self.logger)
                .map(Self.unit)
            var stock: [StockKey: Int64] = [:]
            for row in try await connection.rows("SELECT sku_id, lot_id, location_id, status, quantity FROM stock WHERE quantity <> 0",
                                                 logger: self.logger) {
                var c = Columns(row)
                stock[try Self.stockKey(&c)] = try c.next()
            }
            var orders: [OrderKey: OrderQuantities] = [:]
            for row in try await connection.rows("""
                SELECT \(unescaped: Self.orderLineColumns) FROM order_line WHERE shipped <> 0 OR returned <> 0
                """, logger: self.logger) {
                let line = try Self.orderLine(row)
                orders[line.key] = line.quantities
            }
            var sales: [SaleKey: Int64] = [:]
            for row in try await connection.rows("SELECT sku_id, day, quantity FROM daily_sales WHERE quantity <> 0", logger: self.logger) {
                let (skuID, day, quantity) = try row.decode((Int64, Int64, Int64).self)
                sales[SaleKey(skuID: skuID, day: Int(day))] = quantity
            }
            var imported: [SaleKey: Int64] = [:]
            for row in try await connection.rows("SELECT sku_id, day, sum(quantity)::bigint FROM sale GROUP BY sku_id, day", logger: self.logger) {
                let (skuID, day, quantity) = try row.decode((Int64, Int64, Int64).self)
                imported[SaleKey(skuID: skuID, day: Int(day))] = quantity
            }
            return (replay, Projection(units: units, stock: stock, orders: orders, sales: sales, importedSales: imported))
        }
    }
}
