import Foundation
import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore: LedgerDumping {
    /// Every row of the store, read in one transaction (`tracestock copy` moves them to PostgreSQL).
    public func dump() async throws -> LedgerDump {
        try await read { db in
            let locations = try Row.fetchAll(db, sql: "SELECT id, code, kind, name, allow_negative, sgln FROM location").map(Self.location)
            let skus = try Row.fetchAll(db, sql: "SELECT \(Self.skuColumns) FROM sku").map(Self.sku)
            let lots = try Row.fetchAll(db, sql: "SELECT id, sku_id, code, produced, expires, supplier, first_seq FROM lot").map(Self.lot)
            let events = try Row.fetchAll(db, sql: "SELECT \(Self.eventColumns) FROM event ORDER BY seq").map(Self.event)
            let links = try Row.fetchAll(db, sql: """
                SELECT unit_id, prev_state, prev_location_id, prev_order_ref, prev_lot_id, event_seq FROM event_unit ORDER BY event_seq, unit_id
                """).map { LedgerDump.EventUnitRow(eventSeq: $0[5], unit: Self.eventUnit($0)) }
            let units = try Row.fetchAll(db, sql: "SELECT \(Self.unitColumns) FROM unit ORDER BY id").map(Self.unit)
            let stock = try Row.fetchAll(db, sql: "SELECT sku_id, lot_id, location_id, status, quantity FROM stock").map { row in
                LedgerDump.StockRow(key: StockKey(skuID: row[0], lotID: row[1], locationID: row[2], status: StockStatus(rawValue: row[3]) ?? .sellable),
                                    quantity: row[4])
            }
            let orders = try Row.fetchAll(db, sql: "SELECT order_ref, sku_id, lot_id, shipped, returned FROM order_line").map(Self.orderLine)
            let keys = try Row.fetchAll(db, sql: "SELECT key, request_hash, seqs, created_at FROM idempotency").map { row in
                LedgerDump.IdempotencyRow(record: IdempotencyRecord(key: row[0], requestHash: row[1],
                                                                    seqs: (row[2] as String).split(separator: ",").compactMap { Int64($0) }),
                                          createdAt: row[3])
            }
            let daily = try Row.fetchAll(db, sql: "SELECT sku_id, day, quantity FROM daily_sales").map { row in
                LedgerDump.DailySalesRow(key: SaleKey(skuID: row[0], day: row[1]), quantity: row[2])
            }
            let sales = try Row.fetchAll(db, sql: "SELECT id, sku_id, day, quantity, order_ref FROM sale").map { row in
                LedgerDump.SaleRow(id: row[0], sale: SaleRecord(skuID: row[1], day: row[2], quantity: row[3], orderRef: row[4]))
            }
            let inbound = try Row.fetchAll(db, sql: "SELECT id, sku_id, quantity, eta, reference, created_at FROM inbound").map { row in
                LedgerDump.InboundRow(inbound: Inbound(id: row[0], skuID: row[1], quantity: row[2], eta: row[3], reference: row[4]), createdAt: row[5])
            }
            let codes = try Row.fetchAll(db, sql: "SELECT id, unit_id, code_hash, issued_at, revoked_at, revoked_reason FROM auth_code")
                .map(Self.authCode)
            let scans = try Row.fetchAll(db, sql: "SELECT id, code_id, at, place, verdict FROM auth_scan").map { row in
                LedgerDump.AuthScanRow(id: row[0], codeID: row[1], scan: AuthScan(at: Timestamp(milliseconds: row[2]), place: row[3], verdict: row[4]))
            }
            let tokens = try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM api_token").map(Self.token)
            let users = try Row.fetchAll(db, sql: "SELECT \(Self.userColumns) FROM web_user").map(Self.user)
            let key = try Row.fetchOne(db, sql: "SELECT secret, created_at FROM web_session_key WHERE id = 1").map(Self.sessionKey)
            return LedgerDump(locations: locations, skus: skus, lots: lots, events: events, eventUnits: links, units: units, stock: stock,
                              orderLines: orders, idempotency: keys, dailySales: daily, sales: sales, inbound: inbound, authCodes: codes,
                              authScans: scans, apiTokens: tokens, webUsers: users, webSessionKey: key)
        }
    }
}
