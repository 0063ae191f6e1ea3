import Foundation
import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    /// Applies a batch in one transaction. It starts by locking `ledger_head`, which orders it after every
    /// commit that got there first and hands out its sequence numbers and unit ids; from then on every
    /// statement sees those commits (READ COMMITTED), so the `last_seq` guards on units, the idempotency
    /// claim and the negative-stock trigger all judge the latest state.
    public func commit(_ batch: LedgerBatch) async throws -> [Int64] {
        let now = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        return try await transaction("committing to \(configuration.displayName)") { connection in
            try await self.apply(batch, on: connection, recordedAt: now)
        }
    }

    func apply(_ batch: LedgerBatch, on connection: PostgresConnection, recordedAt: Timestamp) async throws -> [Int64] {
        let eventCount = Int64(batch.events.count)
        let unitCount = Int64(batch.events.reduce(0) { $0 + $1.newSerials.count })
        guard let head = try await connection.row("""
            UPDATE ledger_head SET last_seq = last_seq + \(eventCount), last_unit_id = last_unit_id + \(unitCount)
            WHERE id = 1 RETURNING last_seq, last_unit_id
            """, logger: logger) else {
            throw TracestockError(.internalError, "\(configuration.displayName): ledger_head has no row; run `tracestock migrate`")
        }
        let (lastSeq, lastUnitID) = try head.decode((Int64, Int64).self)
        let firstSeq = lastSeq - eventCount + 1
        var nextUnitID = lastUnitID - unitCount + 1
        let seqs = (0..<eventCount).map { firstSeq + $0 }

        // The request's key, then one key per group of events (an EPCIS import's events), each with its own seqs.
        var claims: [(key: String, requestHash: String, seqs: [Int64])] = []
        if let claim = batch.idempotency { claims.append((claim.key, claim.requestHash, seqs)) }
        for claim in batch.eventIdempotency {
            claims.append((claim.key, claim.requestHash, claim.eventOffsets.compactMap { $0 < seqs.count ? seqs[$0] : nil }))
        }
        for claim in claims {
            let claimed = try await connection.row("""
                INSERT INTO idempotency (key, request_hash, seqs, created_at)
                VALUES (\(claim.key), \(claim.requestHash), \(claim.seqs.map(String.init).joined(separator: ",")), \(recordedAt.milliseconds))
                ON CONFLICT (key) DO NOTHING RETURNING 1
                """, logger: logger)
            if claimed == nil {
                throw TracestockError(.idempotencyConflict, "idempotency key '\(claim.key)' was used by a concurrent request",
                                      details: ["retry": "true", "key": claim.key])
            }
        }

        // New lots get real ids; negative placeholders map to them.
        var lotIDs: [Int64: Int64] = [:]
        for (index, lot) in batch.newLots.enumerated() {
            let row = try await connection.row("""
                INSERT INTO lot (sku_id, code, produced, expires, supplier, first_seq)
                VALUES (\(lot.skuID), \(lot.code), \(lot.produced), \(lot.expires), \(lot.supplier), \(firstSeq))
                RETURNING id
                """, logger: logger)
            lotIDs[-Int64(index + 1)] = try row?.decode(Int64.self)
        }
        let lot: (Int64?) -> Int64? = { id in
            guard let id, id < 0 else { return id }
            return lotIDs[id]
        }

        var events: [LedgerEvent] = []
        events.reserveCapacity(batch.events.count)
        for (offset, planned) in batch.events.enumerated() {
            var event = planned.event
            event.seq = firstSeq + Int64(offset)
            event.recordedAt = recordedAt
            event.lotID = lot(event.lotID)
            event.unitFirst = nil
            event.unitLast = nil
            if !planned.newSerials.isEmpty {
                event.unitFirst = nextUnitID
                event.unitLast = nextUnitID + Int64(planned.newSerials.count) - 1
                nextUnitID += Int64(planned.newSerials.count)
            }
            events.append(event)
        }
        try await insertEvents(events, on: connection)
        for (planned, event) in zip(batch.events, events) {
            if let first = event.unitFirst {
                guard let locationID = event.toLocationID else { throw TracestockError.invalid("receive needs a location") }
                try await copyNewUnits(planned.newSerials, firstID: first, skuID: event.skuID, lotID: event.lotID,
                                       locationID: locationID, seq: event.seq, on: connection)
            }
            if !planned.unitChanges.isEmpty {
                try await applyUnitChanges(planned.unitChanges, seq: event.seq, lot: lot, on: connection)
            }
        }
        try await applyStock(batch.effects.stock, lot: lot, on: connection)
        try await applyOrders(batch.effects.orders, lot: lot, on: connection)
        try await applySales(batch.effects.sales, on: connection)

        if let counter = batch.serialCounter {
            let moved = try await connection.row("""
                UPDATE sku SET serial_next = \(counter.next) WHERE id = \(counter.skuID) AND serial_next = \(counter.expected) RETURNING 1
                """, logger: logger)
            if moved == nil {
                throw TracestockError(.stateConflict, "the SKU's serial counter moved while planning", details: ["retry": "true"])
            }
        }
        return seqs
    }

    /// Inserts events with multi-row VALUES statements (20 parameters a row, under the protocol's 65,535).
    func insertEvents(_ events: [LedgerEvent], on connection: PostgresConnection) async throws {
        let perStatement = 3000
        for start in stride(from: 0, to: events.count, by: perStatement) {
            let slice = events[start..<min(start + perStatement, events.count)]
            var bindings = PostgresBindings(capacity: slice.count * 20)
            var sql = "INSERT INTO event (\(Self.eventColumns)) VALUES "
            for (index, e) in slice.enumerated() {
                let base = index * 20
                sql += (index == 0 ? "(" : ", (") + (1...20).map { "$\(base + $0)" }.joined(separator: ", ") + ")"
                bindings.append(e.seq)
                bindings.append(e.type.rawValue)
                bindings.append(e.at.milliseconds)
                bindings.append(e.recordedAt.milliseconds)
                bindings.append(e.skuID)
                bindings.append(e.lotID)
                bindings.append(e.quantity)
                bindings.append(e.fromLocationID)
                bindings.append(e.toLocationID)
                bindings.append(e.fromStatus?.rawValue)
                bindings.append(e.toStatus?.rawValue)
                bindings.append(e.orderRef)
                bindings.append(e.customerRef)
                bindings.append(e.actor)
                bindings.append(e.reason)
                bindings.append(e.voidsSeq)
                bindings.append(e.verdict)
                bindings.append(e.unitFirst)
                bindings.append(e.unitLast)
                bindings.append(e.claimed)
            }
            try await connection.run(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
    }

    /// The hot path of a bulk receive: new units streamed with `COPY unit FROM STDIN`.
    func copyNewUnits(_ serials: [String], firstID: Int64, skuID: Int64, lotID: Int64?, locationID: Int64, seq: Int64,
                      on connection: PostgresConnection) async throws {
        // Every column but id and serial is the same for the whole receive: format it once.
        var tail = CopyRows(capacity: 64)
        tail.field(skuID)
        tail.field(lotID)
        tail.field("in_stock")
        tail.field(locationID)
        tail.field(nil as String?)
        tail.field(seq)
        tail.field(seq)
        tail.endRow()
        let constant = tail.buffer
        try await connection.copyFrom(table: "unit", columns: ["id", "serial", "sku_id", "lot_id", "state", "location_id", "order_ref",
                                                               "last_seq", "received_seq"], logger: logger) { writer in
            var rows = CopyRows(capacity: 1 << 20)
            var id = firstID
            for serial in serials {
                rows.field(id)
                rows.field(serial)
                rows.appendRaw(constant)
                id += 1
                if rows.count >= 1 << 20 { try await rows.flush(to: writer) }
            }
            try await rows.flush(to: writer)
        }
    }

    /// Moves existing units, each only if its `last_seq` is still the one the command was planned from,
    /// and links them to the event with what they were before; one statement per chunk.
    func applyUnitChanges(_ changes: [UnitChange], seq: Int64, lot: (Int64?) -> Int64?, on connection: PostgresConnection) async throws {
        let chunkSize = 20_000
        for start in stride(from: 0, to: changes.count, by: chunkSize) {
            let chunk = changes[start..<min(start + chunkSize, changes.count)]
            // NULLs travel as 0 (ids) and '' (texts): arrays of optionals do not encode, and neither value is ever real.
            let ids = chunk.map(\.unitID), expected = chunk.map(\.expectedLastSeq)
            let states = chunk.map { $0.after.state?.rawValue ?? "" }, locations = chunk.map { $0.after.locationID ?? 0 }
            let orders = chunk.map { $0.after.orderRef ?? "" }, lots = chunk.map { lot($0.after.lotID) ?? 0 }
            let prevStates = chunk.map { $0.before.state?.rawValue ?? "" }, prevLocations = chunk.map { $0.before.locationID ?? 0 }
            let prevOrders = chunk.map { $0.before.orderRef ?? "" }, prevLots = chunk.map { $0.before.lotID ?? 0 }
            guard let row = try await connection.row("""
                WITH c AS (
                    SELECT * FROM unnest(\(ids)::bigint[], \(expected)::bigint[], \(states)::text[], \(locations)::bigint[],
                                         \(orders)::text[], \(lots)::bigint[], \(prevStates)::text[], \(prevLocations)::bigint[],
                                         \(prevOrders)::text[], \(prevLots)::bigint[])
                        AS c(id, expected, state, location_id, order_ref, lot_id, prev_state, prev_location_id, prev_order_ref, prev_lot_id)
                ), moved AS (
                    UPDATE unit u SET state = nullif(c.state, ''), location_id = nullif(c.location_id, 0),
                        order_ref = nullif(c.order_ref, ''), lot_id = nullif(c.lot_id, 0), last_seq = \(seq)
                    FROM c WHERE u.id = c.id AND u.last_seq = c.expected
                    RETURNING u.id
                ), linked AS (
                    INSERT INTO event_unit (unit_id, event_seq, prev_state, prev_location_id, prev_order_ref, prev_lot_id)
                    SELECT c.id, \(seq), nullif(c.prev_state, ''), nullif(c.prev_location_id, 0), nullif(c.prev_order_ref, ''),
                           nullif(c.prev_lot_id, 0)
                    FROM c JOIN moved ON moved.id = c.id
                )
                SELECT count(*)::bigint FROM moved
                """, logger: logger) else { return }
            let moved = try row.decode(Int64.self)
            if moved != Int64(chunk.count) {
                let first = chunk.first.map { " (among units \($0.unitID)…)" } ?? ""
                throw TracestockError(.stateConflict, "\(Int64(chunk.count) - moved) unit(s) changed while the command was planned\(first)",
                                      details: ["retry": "true"])
            }
        }
    }

    /// Adds stock deltas: updates the cells that exist, inserts the others, in one statement.
    func applyStock(_ deltas: [StockKey: Int64], lot: (Int64?) -> Int64?, on connection: PostgresConnection) async throws {
        let cells = deltas.filter { $0.value != 0 }.sorted { ($0.key.skuID, $0.key.locationID) < ($1.key.skuID, $1.key.locationID) }
        if cells.isEmpty { return }
        let skus = cells.map(\.key.skuID), lots = cells.map { lot($0.key.lotID) ?? 0 }, locations = cells.map(\.key.locationID)
        let statuses = cells.map(\.key.status.rawValue), amounts = cells.map(\.value)
        try await connection.run("""
            WITH d AS (
                SELECT * FROM unnest(\(skus)::bigint[], \(lots)::bigint[], \(locations)::bigint[], \(statuses)::text[], \(amounts)::bigint[])
                    AS d(sku_id, lot_id, location_id, status, delta)
            ), updated AS (
                UPDATE stock s SET quantity = s.quantity + d.delta FROM d
                WHERE s.sku_id = d.sku_id AND coalesce(s.lot_id, 0) = d.lot_id AND s.location_id = d.location_id AND s.status = d.status
                RETURNING s.sku_id, coalesce(s.lot_id, 0) AS lot_id, s.location_id, s.status
            )
            INSERT INTO stock (sku_id, lot_id, location_id, status, quantity)
            SELECT d.sku_id, nullif(d.lot_id, 0), d.location_id, d.status, d.delta FROM d
            WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.sku_id = d.sku_id AND u.lot_id = d.lot_id
                                                        AND u.location_id = d.location_id AND u.status = d.status)
            """, logger: logger)
    }

    /// Adds the batch's units sold per SKU and day to `daily_sales` (the restock projection), in one statement.
    func applySales(_ deltas: [SaleKey: Int64], on connection: PostgresConnection) async throws {
        let days = deltas.filter { $0.value != 0 }.sorted { ($0.key.skuID, $0.key.day) < ($1.key.skuID, $1.key.day) }
        if days.isEmpty { return }
        let skus = days.map(\.key.skuID), dayNumbers = days.map { Int64($0.key.day) }, amounts = days.map(\.value)
        try await connection.run("""
            INSERT INTO daily_sales (sku_id, day, quantity)
            SELECT * FROM unnest(\(skus)::bigint[], \(dayNumbers)::bigint[], \(amounts)::bigint[])
            ON CONFLICT (sku_id, day) DO UPDATE SET quantity = daily_sales.quantity + excluded.quantity
            """, logger: logger)
    }

    /// Adds order-line deltas, as `applyStock` does for stock.
    func applyOrders(_ deltas: [OrderKey: OrderQuantities], lot: (Int64?) -> Int64?, on connection: PostgresConnection) async throws {
        let lines = deltas.filter { $0.value.shipped != 0 || $0.value.returned != 0 }.sorted { $0.key.orderRef < $1.key.orderRef }
        if lines.isEmpty { return }
        let orders = lines.map(\.key.orderRef), skus = lines.map(\.key.skuID), lots = lines.map { lot($0.key.lotID) ?? 0 }
        let shipped = lines.map(\.value.shipped), returned = lines.map(\.value.returned)
        try await connection.run("""
            WITH d AS (
                SELECT * FROM unnest(\(orders)::text[], \(skus)::bigint[], \(lots)::bigint[], \(shipped)::bigint[], \(returned)::bigint[])
                    AS d(order_ref, sku_id, lot_id, shipped, returned)
            ), updated AS (
                UPDATE order_line o SET shipped = o.shipped + d.shipped, returned = o.returned + d.returned FROM d
                WHERE o.order_ref = d.order_ref AND o.sku_id = d.sku_id AND coalesce(o.lot_id, 0) = d.lot_id
                RETURNING o.order_ref, o.sku_id, coalesce(o.lot_id, 0) AS lot_id
            )
            INSERT INTO order_line (order_ref, sku_id, lot_id, shipped, returned)
            SELECT d.order_ref, d.sku_id, nullif(d.lot_id, 0), d.shipped, d.returned FROM d
            WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.order_ref = d.order_ref AND u.sku_id = d.sku_id AND u.lot_id = d.lot_id)
            """, logger: logger)
    }
}
