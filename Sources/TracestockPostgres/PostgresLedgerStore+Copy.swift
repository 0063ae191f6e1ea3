import Foundation
import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore: LedgerDumping, LedgerLoading {
    /// Every row of the store, read in one REPEATABLE READ snapshot.
    public func dump() async throws -> LedgerDump {
        try await transaction("reading \(configuration.displayName)", readOnlySnapshot: true) { connection in
            let locations = try await connection.rows("SELECT \(unescaped: Self.locationColumns) FROM location", logger: self.logger)
                .map(Self.location)
            let skus = try await connection.rows("SELECT \(unescaped: Self.skuColumns) FROM sku", logger: self.logger).map(Self.sku)
            let lots = try await connection.rows("SELECT \(unescaped: Self.lotColumns) FROM lot", logger: self.logger).map(Self.lot)
            let events = try await connection.rows("SELECT \(unescaped: Self.eventColumns) FROM event ORDER BY seq", logger: self.logger)
                .map(Self.event)
            let links = try await connection.rows("""
                SELECT unit_id, prev_state, prev_location_id, prev_order_ref, prev_lot_id, event_seq FROM event_unit ORDER BY event_seq, unit_id
                """, logger: self.logger).map { row in
                LedgerDump.EventUnitRow(eventSeq: try row.makeRandomAccess()[5].decode(Int64.self), unit: try Self.eventUnit(row))
            }
            let units = try await connection.rows("SELECT \(unescaped: Self.unitColumns) FROM unit ORDER BY id", logger: self.logger)
                .map(Self.unit)
            let stock = try await connection.rows("SELECT sku_id, lot_id, location_id, status, quantity FROM stock", logger: self.logger).map { row in
                var c = Columns(row)
                return LedgerDump.StockRow(key: try Self.stockKey(&c), quantity: try c.next())
            }
            let orders = try await connection.rows("SELECT \(unescaped: Self.orderLineColumns) FROM order_line", logger: self.logger)
                .map(Self.orderLine)
            let keys = try await connection.rows("SELECT key, request_hash, seqs, created_at FROM idempotency", logger: self.logger).map { row in
                let (key, hash, seqs, createdAt) = try row.decode((String, String, String, Int64).self)
                return LedgerDump.IdempotencyRow(record: IdempotencyRecord(key: key, requestHash: hash,
                                                                           seqs: seqs.split(separator: ",").compactMap { Int64($0) }),
                                                 createdAt: createdAt)
            }
            let daily = try await connection.rows("SELECT sku_id, day, quantity FROM daily_sales", logger: self.logger).map { row in
                let (skuID, day, quantity) = try row.decode((Int64, Int64, Int64).self)
                return LedgerDump.DailySalesRow(key: SaleKey(skuID: skuID, day: Int(day)), quantity: quantity)
            }
            let sales = try await connection.rows("SELECT id, sku_id, day, quantity, order_ref FROM sale", logger: self.logger).map { row in
                let (id, skuID, day, quantity, order) = try row.decode((Int64, Int64, Int64, Int64, String?).self)
                return LedgerDump.SaleRow(id: id, sale: SaleRecord(skuID: skuID, day: Int(day), quantity: quantity, orderRef: order))
            }
            let inbound = try await connection.rows("SELECT id, sku_id, quantity, eta, reference, created_at FROM inbound", logger: self.logger).map { row in
                let (id, skuID, quantity, eta, reference, createdAt) = try row.decode((Int64, Int64, Int64, Int64, String, Int64).self)
                return LedgerDump.InboundRow(inbound: Inbound(id: id, skuID: skuID, quantity: quantity, eta: Int(eta), reference: reference),
                                             createdAt: createdAt)
            }
            let codes = try await connection.rows("SELECT \(unescaped: Self.authCodeColumns) FROM auth_code", logger: self.logger).map(Self.authCode)
            let scans = try await connection.rows("SELECT id, code_id, at, place, verdict FROM auth_scan", logger: self.logger).map { row in
                let (id, codeID, at, place, verdict) = try row.decode((Int64, Int64?, Int64, String?, String).self)
                return LedgerDump.AuthScanRow(id: id, codeID: codeID, scan: AuthScan(at: Timestamp(milliseconds: at), place: place, verdict: verdict))
            }
            let tokens = try await connection.rows("SELECT \(unescaped: Self.tokenColumns) FROM api_token", logger: self.logger).map(Self.token)
            let users = try await connection.rows("SELECT \(unescaped: Self.userColumns) FROM web_user", logger: self.logger).map(Self.user)
            let key = try await connection.row("SELECT secret, created_at FROM web_session_key WHERE id = 1", logger: self.logger)
                .map(Self.sessionKey)
            return LedgerDump(locations: locations, skus: skus, lots: lots, events: events, eventUnits: links, units: units, stock: stock,
                              orderLines: orders, idempotency: keys, dailySales: daily, sales: sales, inbound: inbound, authCodes: codes,
                              authScans: scans, apiTokens: tokens, webUsers: users, webSessionKey: key)
        }
    }

    /// Writes a whole ledger, ids and sequence numbers as they are, with `COPY` in one transaction that
    /// holds the ledger lock; refuses a store that already has a location, SKU, event or API token.
    public func load(_ dump: LedgerDump) async throws {
        try await transaction("copying into \(configuration.displayName)") { connection in
            try await connection.run("SELECT last_seq FROM ledger_head WHERE id = 1 FOR UPDATE", logger: self.logger)
            if let row = try await connection.row("""
                SELECT (SELECT count(*) FROM location)::bigint, (SELECT count(*) FROM sku)::bigint, (SELECT count(*) FROM event)::bigint,
                       (SELECT count(*) FROM api_token)::bigint + (SELECT count(*) FROM web_user)::bigint
                """, logger: self.logger) {
                let (locations, skus, events, tokens) = try row.decode((Int64, Int64, Int64, Int64).self)
                if locations + skus + events + tokens > 0 {
                    throw TracestockError(.stateConflict,
                                          "\(self.configuration.displayName) is not empty (\(locations) locations, \(skus) SKUs, \(events) events, \(tokens) API tokens and web users); copy only fills an empty store",
                                          details: ["field": "to"])
                }
            }
            try await self.copy("location", ["id", "code", "kind", "name", "allow_negative", "sgln"], dump.locations, on: connection) { rows, l in
                rows.field(l.id); rows.field(l.code); rows.field(l.kind.rawValue); rows.field(l.name); rows.field(Int64(l.allowNegative ? 1 : 0))
                rows.field(l.sgln)
            }
            try await self.copy("sku", Self.skuColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
                                dump.skus, on: connection) { rows, s in
                rows.field(s.id); rows.field(s.code); rows.field(s.title); rows.field(s.tracking.rawValue); rows.field(s.gtin)
                rows.field(s.asin); rows.field(s.fnsku); rows.field(s.warrantyDays.map(Int64.init)); rows.field(s.warrantyStart.rawValue)
                rows.field(s.productionDays.map(Int64.init)); rows.field(s.transitDays.map(Int64.init))
                rows.field(s.receivingDays.map(Int64.init)); rows.field(s.casePack.map(Int64.init)); rows.field(s.moq.map(Int64.init))
                rows.field(s.supplier); rows.field(s.unitVolume); rows.field(s.serialPrefix); rows.field(s.serialWidth.map(Int64.init))
                rows.field(s.serialNext); rows.field(s.gs1CompanyPrefixLength.map(Int64.init))
            }
            try await self.copy("lot", ["id", "sku_id", "code", "produced", "expires", "supplier", "first_seq"], dump.lots, on: connection) { rows, l in
                rows.field(l.id); rows.field(l.skuID); rows.field(l.code); rows.field(l.produced); rows.field(l.expires)
                rows.field(l.supplier); rows.field(l.firstSeq)
            }
            try await self.copy("event", Self.eventColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
                                dump.events, on: connection) { rows, e in
                rows.field(e.seq); rows.field(e.type.rawValue); rows.field(e.at.milliseconds); rows.field(e.recordedAt.milliseconds)
                rows.field(e.skuID); rows.field(e.lotID); rows.field(e.quantity); rows.field(e.fromLocationID); rows.field(e.toLocationID)
                rows.field(e.fromStatus?.rawValue); rows.field(e.toStatus?.rawValue); rows.field(e.orderRef); rows.field(e.customerRef)
                rows.field(e.actor); rows.field(e.reason); rows.field(e.voidsSeq); rows.field(e.verdict); rows.field(e.unitFirst)
                rows.field(e.unitLast); rows.field(e.claimed)
            }
            try await self.copy("unit", ["id", "sku_id", "serial", "lot_id", "state", "location_id", "order_ref", "last_seq", "received_seq"],
                                dump.units, on: connection) { rows, u in
                rows.field(u.id); rows.field(u.skuID); rows.field(u.serial); rows.field(u.lotID); rows.field(u.state.rawValue)
                rows.field(u.locationID); rows.field(u.orderRef); rows.field(u.lastSeq); rows.field(u.receivedSeq)
            }
            try await self.copy("event_unit", ["unit_id", "event_seq", "prev_state", "prev_location_id", "prev_order_ref", "prev_lot_id"],
                                dump.eventUnits, on: connection) { rows, link in
                rows.field(link.unit.unitID); rows.field(link.eventSeq); rows.field(link.unit.prevState?.rawValue)
                rows.field(link.unit.prevLocationID); rows.field(link.unit.prevOrderRef); rows.field(link.unit.prevLotID)
            }
            try await self.copy("stock", ["sku_id", "lot_id", "location_id", "status", "quantity"], dump.stock, on: connection) { rows, s in
                rows.field(s.key.skuID); rows.field(s.key.lotID); rows.field(s.key.locationID); rows.field(s.key.status.rawValue)
                rows.field(s.quantity)
            }
            try await self.copy("order_line", ["order_ref", "sku_id", "lot_id", "shipped", "returned"], dump.orderLines, on: connection) { rows, o in
                rows.field(o.key.orderRef); rows.field(o.key.skuID); rows.field(o.key.lotID); rows.field(o.quantities.shipped)
                rows.field(o.quantities.returned)
            }
            try await self.copy("idempotency", ["key", "request_hash", "seqs", "created_at"], dump.idempotency, on: connection) { rows, i in
                rows.field(i.record.key); rows.field(i.record.requestHash); rows.field(i.record.seqs.map(String.init).joined(separator: ","))
                rows.field(i.createdAt)
            }
            try await self.copy("daily_sales", ["sku_id", "day", "quantity"], dump.dailySales, on: connection) { rows, d in
                rows.field(d.key.skuID); rows.field(Int64(d.key.day)); rows.field(d.quantity)
            }
            try await self.copy("sale", ["id", "sku_id", "day", "quantity", "order_ref"], dump.sales, on: connection) { rows, s in
                rows.field(s.id); rows.field(s.sale.skuID); rows.field(Int64(s.sale.day)); rows.field(s.sale.quantity); rows.field(s.sale.orderRef)
            }
            try await self.copy("inbound", ["id", "sku_id", "quantity", "eta", "reference", "created_at"], dump.inbound, on: connection) { rows, i in
                rows.field(i.inbound.id); rows.field(i.inbound.skuID); rows.field(i.inbound.quantity); rows.field(Int64(i.inbound.eta))
                rows.field(i.inbound.reference); rows.field(i.createdAt)
            }
            try await self.copy("auth_code", ["id", "unit_id", "code_hash", "issued_at", "revoked_at", "revoked_reason"], dump.authCodes,
                                on: connection) { rows, c in
                rows.field(c.id); rows.field(c.unitID); rows.field("\\x" + Self.hex(c.hash)); rows.field(c.issuedAt.milliseconds)
                rows.field(c.revokedAt?.milliseconds); rows.field(c.revokedReason)
            }
            try await self.copy("auth_scan", ["id", "code_id", "at", "place", "verdict"], dump.authScans, on: connection) { rows, s in
                rows.field(s.id); rows.field(s.codeID); rows.field(s.scan.at.milliseconds); rows.field(s.scan.place); rows.field(s.scan.verdict)
            }
            try await self.copy("api_token", ["id", "name", "role", "token_hash", "created_at", "revoked_at"], dump.apiTokens, on: connection) { rows, t in
                rows.field(t.id); rows.field(t.name); rows.field(t.role.rawValue); rows.field(t.tokenHash); rows.field(t.createdAt.milliseconds)
                rows.field(t.revokedAt?.milliseconds)
            }
            try await self.copy("web_user", ["id", "name", "role", "password_hash", "created_at", "disabled_at"], dump.webUsers,
                                on: connection) { rows, u in
                rows.field(u.id); rows.field(u.name); rows.field(u.role.rawValue); rows.field(u.passwordHash); rows.field(u.createdAt.milliseconds)
                rows.field(u.disabledAt?.milliseconds)
            }
            if let key = dump.webSessionKey {
                try await connection.run("""
                    INSERT INTO web_session_key (id, secret, created_at) VALUES (1, \(Data(key.secret)), \(key.createdAt.milliseconds))
                    ON CONFLICT (id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at
                    """, logger: self.logger)
            }
            // Identity columns continue after the copied ids; the head after the copied events and units.
            for table in ["location", "sku", "lot", "sale", "inbound", "auth_code", "auth_scan", "api_token", "web_user"] {
                try await connection.run(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM \(table)
                    """), logger: self.logger)
            }
            try await connection.run("""
                UPDATE ledger_head SET last_seq = (SELECT coalesce(max(seq), 0) FROM event),
                                       last_unit_id = (SELECT coalesce(max(id), 0) FROM unit)
                WHERE id = 1
                """, logger: self.logger)
        }
        // Fresh statistics for the planner: until autovacuum gets to the new rows, it would plan
        // the first queries on a copied store as if its tables were empty (sequential scans).
        try await read { connection in
            let tables = try await connection.rows("SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
                                                   logger: self.logger).map { try $0.decode(String.self) }
            try await connection.run(PostgresQuery(unsafeSQL: "ANALYZE " + tables.map { "\"\($0)\"" }.joined(separator: ", ")), logger: self.logger)
        }
    }

    /// Streams rows into a table with `COPY FROM STDIN`.
    private func copy<Row>(_ table: String, _ columns: [String], _ values: [Row], on connection: PostgresConnection,
                           write: (inout CopyRows, Row) -> Void) async throws {
        if values.isEmpty { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var rows = CopyRows(capacity: 1 << 20)
            for value in values {
                write(&rows, value)
                rows.endRow()
                if rows.count >= 1 << 20 { try await rows.flush(to: writer) }
            }
            try await rows.flush(to: writer)
        }
    }
}
