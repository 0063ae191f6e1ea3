import Foundation
import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    public func dailySales(fromDay: Int, skuIDs: [Int64]?) async throws -> [Int64: [DailySale]] {
        try await read { connection in
            var result: [Int64: [DailySale]] = [:]
            for try await row in try await connection.query("""
                SELECT sku_id, day, quantity FROM daily_sales
                WHERE day >= \(Int64(fromDay)) AND quantity <> 0 AND (\(skuIDs == nil) OR sku_id = ANY(\(skuIDs ?? [])::bigint[]))
                ORDER BY sku_id, day
                """, logger: self.logger) {
                let (skuID, day, quantity) = try row.decode((Int64, Int64, Int64).self)
                result[skuID, default: []].append(DailySale(day: Day(daysSince1970: Int(day)), quantity: Int(quantity)))
            }
            return result
        }
    }

    public func stockTotals(status: StockStatus) async throws -> [Int64: Int64] {
        try await read { connection in
            var totals: [Int64: Int64] = [:]
            for row in try await connection.rows("""
                SELECT sku_id, sum(quantity)::bigint FROM stock WHERE status = \(status.rawValue) GROUP BY sku_id
                """, logger: self.logger) {
                let (skuID, total) = try row.decode((Int64, Int64).self)
                totals[skuID] = total
            }
            return totals
        }
    }

    /// Inserts the lines whose (order, SKU) is new and adds them to `daily_sales`, in one statement per chunk.
    public func insertSales(_ sales: [SaleRecord]) async throws -> (inserted: Int, skipped: Int) {
        if sales.isEmpty { return (0, 0) }
        return try await transaction("importing sales history") { connection in
            var inserted = 0
            for start in stride(from: 0, to: sales.count, by: Self.chunkSize) {
                let chunk = sales[start..<min(start + Self.chunkSize, sales.count)]
                // A missing order reference travels as '' (arrays of optionals do not encode; '' is never a reference).
                let skus = chunk.map(\.skuID), days = chunk.map { Int64($0.day) }, quantities = chunk.map(\.quantity)
                let orders = chunk.map { $0.orderRef ?? "" }
                guard let row = try await connection.row("""
                    WITH s AS (
                        SELECT * FROM unnest(\(skus)::bigint[], \(days)::bigint[], \(quantities)::bigint[], \(orders)::text[])
                            WITH ORDINALITY AS s(sku_id, day, quantity, order_ref, n)
                    ), added AS (
                        INSERT INTO sale (sku_id, day, quantity, order_ref)
                        SELECT sku_id, day, quantity, nullif(order_ref, '') FROM s ORDER BY n
                        ON CONFLICT (order_ref, sku_id) DO NOTHING
                        RETURNING sku_id, day, quantity
                    ), projected AS (
                        INSERT INTO daily_sales (sku_id, day, quantity)
                        SELECT sku_id, day, sum(quantity)::bigint FROM added GROUP BY sku_id, day
                        ON CONFLICT (sku_id, day) DO UPDATE SET quantity = daily_sales.quantity + excluded.quantity
                    )
                    SELECT count(*)::bigint FROM added
                    """, logger: self.logger) else { continue }
                inserted += Int(try row.decode(Int64.self))
            }
            return (inserted, sales.count - inserted)
        }
    }

    public func insertInbound(_ inbound: Inbound) async throws -> Inbound {
        let now = Tracestock.systemClock()
        return try await transaction("adding inbound \(inbound.reference)") { connection in
            let row = try await connection.row("""
                INSERT INTO inbound (sku_id, quantity, eta, reference, created_at)
                VALUES (\(inbound.skuID), \(inbound.quantity), \(Int64(inbound.eta)), \(inbound.reference), \(now.milliseconds))
                RETURNING id
                """, logger: self.logger)
            var stored = inbound
            stored.id = try row?.decode(Int64.self) ?? 0
            return stored
        }
    }

    public func firstActivityDays(since day: Int) async throws -> [Int64: Int] {
        let from = Day(daysSince1970: day).start.milliseconds, fromDay = Int64(day)
        return try await read { connection in
            var days: [Int64: Int] = [:]
            // As SQLite's `firstReceiptsSQL` and `firstSalesSQL`: the window's receipts and imported
            // sales, without the SKUs active before it.
            for row in try await connection.rows("""
                SELECT e.sku_id, min(e.at) FROM event e
                WHERE e.type = 'receive' AND e.at >= \(from)
                  AND NOT EXISTS (SELECT 1 FROM event p WHERE p.sku_id = e.sku_id AND p.type = 'receive' AND p.at < \(from))
                  AND NOT EXISTS (SELECT 1 FROM sale s WHERE s.sku_id = e.sku_id AND s.day < \(fromDay))
                GROUP BY e.sku_id
                """, logger: self.logger) {
                let (skuID, at) = try row.decode((Int64, Int64).self)
                days[skuID] = Int(Timestamp(milliseconds: at).epochDay)
            }
            for row in try await connection.rows("""
                SELECT s.sku_id, min(s.day) FROM sale s
                WHERE s.day >= \(fromDay)
                  AND NOT EXISTS (SELECT 1 FROM sale p WHERE p.sku_id = s.sku_id AND p.day < \(fromDay))
                  AND NOT EXISTS (SELECT 1 FROM event e WHERE e.sku_id = s.sku_id AND e.type = 'receive' AND e.at < \(from))
                GROUP BY s.sku_id
                """, logger: self.logger) {
                let (skuID, first) = try row.decode((Int64, Int64).self)
                days[skuID] = min(days[skuID] ?? Int(first), Int(first))
            }
            return days
        }
    }

    public func inbound() async throws -> [Inbound] {
        try await read { connection in
            try await connection.rows("""
                SELECT i.id, i.sku_id, i.quantity, i.eta, i.reference, coalesce((
                    SELECT sum(e.quantity) FROM event e WHERE e.type = 'receive' AND e.sku_id = i.sku_id AND e.order_ref = i.reference
                      AND \(unescaped: Self.notVoided)), 0)::bigint
                FROM inbound i ORDER BY i.eta, i.id
                """, logger: self.logger).map { row in
                let (id, skuID, quantity, eta, reference, received) = try row.decode((Int64, Int64, Int64, Int64, String, Int64).self)
                return Inbound(id: id, skuID: skuID, quantity: quantity, eta: Int(eta), reference: reference, received: received)
            }
        }
    }
}
