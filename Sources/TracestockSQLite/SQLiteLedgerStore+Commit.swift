import Foundation
import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func commit(_ batch: LedgerBatch) async throws -> [Int64] {
        let now = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        let parentsOnce = Self.checksParentsOnce(batch)
        return try await write(foreignKeysPerRow: !parentsOnce) { db in
            let seqs = try Self.apply(batch, in: db, recordedAt: now)
            if parentsOnce { try Self.checkReceiptParents(batch, in: db) }
            return seqs
        }
    }

    /// A large receipt checks its rows' parents once, not once per row: SQLite looks up five
    /// parents for every new unit (SKU, lot, location, two events), a fifth of a 1M-unit receive.
    /// Only receipts qualify: every row they write points at their events' SKU, lot or location,
    /// or at rows the batch itself writes; `checkReceiptParents` checks the former.
    static func checksParentsOnce(_ batch: LedgerBatch) -> Bool {
        batch.events.allSatisfy { $0.event.type == .receive } && batch.events.reduce(0) { $0 + $1.newSerials.count } >= 1_000
    }

    /// The SKUs, existing lots and locations a receipt's rows point at all exist (inside its transaction).
    static func checkReceiptParents(_ batch: LedgerBatch, in db: Database) throws {
        let events = batch.events.map(\.event)
        let parents: [(table: String, ids: Set<Int64>)] = [
            ("sku", Set(events.map(\.skuID) + batch.newLots.map(\.skuID))),
            ("lot", Set(events.compactMap(\.lotID).filter { $0 > 0 })),  // negative: a lot this batch inserts
            ("location", Set(events.flatMap { [$0.fromLocationID, $0.toLocationID].compactMap(\.self) })),
        ]
        for (table, ids) in parents where !ids.isEmpty {
            let found = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE id IN (SELECT value FROM json_each(?))",
                                         arguments: [jsonArray(Array(ids))]) ?? 0
            guard found == ids.count else {
                throw TracestockError(.internalError, "a receipt points at a \(table) that does not exist; nothing was received")
            }
        }
    }

    /// Applies a batch inside the current write transaction. Any error rolls everything back.
    static func apply(_ batch: LedgerBatch, in db: Database, recordedAt: Timestamp) throws -> [Int64] {
        if let claim = batch.idempotency,
           try Row.fetchOne(db, sql: "SELECT 1 FROM idempotency WHERE key = ?", arguments: [claim.key]) != nil {
            throw TracestockError(.idempotencyConflict, "idempotency key '\(claim.key)' was used by a concurrent request",
                                  details: ["retry": "true", "key": claim.key])
        }
        for claim in batch.eventIdempotency
        where try Row.fetchOne(db, sql: "SELECT 1 FROM idempotency WHERE key = ?", arguments: [claim.key]) != nil {
            throw TracestockError(.idempotencyConflict, "idempotency key '\(claim.key)' was used by a concurrent request",
                                  details: ["retry": "true", "key": claim.key])
        }
        let firstSeq = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT ifnull(max(seq), 0) FROM event")) ?? 0) + 1

        // New lots get real ids; negative placeholders map to them.
        var lotIDs: [Int64: Int64] = [:]
        for (index, lot) in batch.newLots.enumerated() {
            try db.execute(sql: "INSERT INTO lot (sku_id, code, produced, expires, supplier, first_seq) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [lot.skuID, lot.code, lot.produced, lot.expires, lot.supplier, firstSeq])
            lotIDs[-Int64(index + 1)] = db.lastInsertedRowID
        }
        func lot(_ id: Int64?) -> Int64? {
            guard let id, id < 0 else { return id }
            return lotIDs[id]
        }

        var seqs: [Int64] = []
        var nextUnitID = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT ifnull(max(id), 0) FROM unit")) ?? 0) + 1
        let insertEvent = try db.cachedStatement(sql: """
            INSERT INTO event (seq, type, at, recorded_at, sku_id, lot_id, quantity, from_location_id, to_location_id, from_status,
                to_status, order_ref, customer_ref, actor, reason, voids_seq, verdict, unit_first, unit_last, claimed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (offset, planned) in batch.events.enumerated() {
            let seq = firstSeq + Int64(offset)
            let e = planned.event
            let unitRange: (Int64, Int64)? = planned.newSerials.isEmpty ? nil : (nextUnitID, nextUnitID + Int64(planned.newSerials.count) - 1)
            try insertEvent.execute(arguments: [
                seq, e.type.rawValue, e.at.milliseconds, recordedAt.milliseconds, e.skuID, lot(e.lotID), e.quantity,
                e.fromLocationID, e.toLocationID, e.fromStatus?.rawValue, e.toStatus?.rawValue, e.orderRef, e.customerRef,
                e.actor, e.reason, e.voidsSeq, e.verdict, unitRange?.0, unitRange?.1, e.claimed,
            ])
            if let unitRange {
                try insertUnits(planned.newSerials, firstID: unitRange.0, skuID: e.skuID, lotID: lot(e.lotID),
                                locationID: e.toLocationID, seq: seq, in: db)
                nextUnitID = unitRange.1 + 1
            }
            if !planned.unitChanges.isEmpty {
                try applyUnitChanges(planned.unitChanges, seq: seq, lot: lot, in: db)
            }
            seqs.append(seq)
        }

        try applyStock(batch.effects.stock, lot: lot, in: db)
        try applyOrders(batch.effects.orders, lot: lot, in: db)
        try applySales(batch.effects.sales, in: db)

        if let counter = batch.serialCounter {
            try db.execute(sql: "UPDATE sku SET serial_next = ? WHERE id = ? AND serial_next = ?",
                           arguments: [counter.next, counter.skuID, counter.expected])
            if db.changesCount != 1 {
                throw TracestockError(.stateConflict, "the SKU's serial counter moved while planning", details: ["retry": "true"])
            }
        }
        if let claim = batch.idempotency {
            try db.execute(sql: "INSERT INTO idempotency (key, request_hash, seqs, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [claim.key, claim.requestHash, seqs.map(String.init).joined(separator: ","), recordedAt.milliseconds])
        }
        for claim in batch.eventIdempotency {
            let claimed = claim.eventOffsets.compactMap { $0 < seqs.count ? String(seqs[$0]) : nil }
            try db.execute(sql: "INSERT INTO idempotency (key, request_hash, seqs, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [claim.key, claim.requestHash, claimed.joined(separator: ","), recordedAt.milliseconds])
        }
        return seqs
    }

    /// How many new units one INSERT writes. Every statement opens (and closes) cursors on the
    /// table, both its indexes and each parent its foreign keys point at, and may keep a statement
    /// journal: a statement per unit spent half of a large receive on that (1M units through the
    /// C API: 6.1 s of CPU one row per statement, 2.3 s in statements of 10,000).
    static let unitsPerStatement = 4_096

    /// New units (the hot path of receive): one INSERT … SELECT over a JSON array of serials per
    /// `unitsPerStatement` units; ids follow the array's order from `firstID`.
    static func insertUnits(_ serials: [String], firstID: Int64, skuID: Int64, lotID: Int64?, locationID: Int64?,
                            seq: Int64, in db: Database) throws {
        guard let locationID else { throw TracestockError.invalid("receive needs a location") }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO unit (id, sku_id, serial, lot_id, state, location_id, order_ref, last_seq, received_seq)
            SELECT ?1 + key, ?2, value, ?4, 'in_stock', ?5, NULL, ?6, ?6 FROM json_each(?3)
            """)
        var start = 0
        while start < serials.count {
            let chunk = serials[start..<min(start + unitsPerStatement, serials.count)]
            let json = jsonArray(chunk)
            do {
                try statement.execute(arguments: [firstID + Int64(start), skuID, json, lotID, locationID, seq])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                let serial = try firstExisting(chunk, json: json, skuID: skuID, in: db)
                throw TracestockError(.duplicate, "serial \(serial ?? "?") already exists for this SKU", details: serial.map { ["serial": $0] } ?? [:])
            }
            start = chunk.endIndex
        }
    }

    /// The first serial of a rejected chunk that the unique index holds already, or that the chunk lists twice.
    private static func firstExisting(_ chunk: ArraySlice<String>, json: String, skuID: Int64, in db: Database) throws -> String? {
        let stored = try String.fetchOne(db, sql: """
            SELECT j.value FROM json_each(?1) j WHERE EXISTS (SELECT 1 FROM unit u WHERE u.serial = j.value AND u.sku_id = ?2) ORDER BY j.key LIMIT 1
            """, arguments: [json, skuID])
        if let stored { return stored }
        var seen = Set<String>()
        return chunk.first { !seen.insert($0).inserted }
    }

    static func applyUnitChanges(_ changes: [UnitChange], seq: Int64, lot: (Int64?) -> Int64?, in db: Database) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE unit SET state = ?, location_id = ?, order_ref = ?, lot_id = ?, last_seq = ? WHERE id = ? AND last_seq = ?
            """)
        let link = try db.cachedStatement(sql: """
            INSERT INTO event_unit (unit_id, event_seq, prev_state, prev_location_id, prev_order_ref, prev_lot_id) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for change in changes {
            let after = change.after
            try update.execute(arguments: [after.state?.rawValue, after.locationID, after.orderRef, lot(after.lotID), seq,
                                           change.unitID, change.expectedLastSeq])
            if db.changesCount != 1 {
                throw TracestockError(.stateConflict, "unit \(change.unitID) changed while the command was planned",
                                      details: ["retry": "true"])
            }
            let before = change.before
            try link.execute(arguments: [change.unitID, seq, before.state?.rawValue, before.locationID, before.orderRef, before.lotID])
        }
    }

    static func applyStock(_ deltas: [StockKey: Int64], lot: (Int64?) -> Int64?, in db: Database) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE stock SET quantity = quantity + ? WHERE sku_id = ? AND lot_id IS ? AND location_id = ? AND status = ?
            """)
        let insert = try db.cachedStatement(sql: "INSERT INTO stock (sku_id, lot_id, location_id, status, quantity) VALUES (?, ?, ?, ?, ?)")
        for (key, delta) in deltas where delta != 0 {
            let lotID = lot(key.lotID)
            try update.execute(arguments: [delta, key.skuID, lotID, key.locationID, key.status.rawValue])
            if db.changesCount == 0 {
                try insert.execute(arguments: [key.skuID, lotID, key.locationID, key.status.rawValue, delta])
            }
        }
    }

    static func applySales(_ deltas: [SaleKey: Int64], in db: Database) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO daily_sales (sku_id, day, quantity) VALUES (?, ?, ?)
            ON CONFLICT (sku_id, day) DO UPDATE SET quantity = quantity + excluded.quantity
            """)
        for (key, delta) in deltas where delta != 0 {
            try upsert.execute(arguments: [key.skuID, key.day, delta])
        }
    }

    static func applyOrders(_ deltas: [OrderKey: OrderQuantities], lot: (Int64?) -> Int64?, in db: Database) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE order_line SET shipped = shipped + ?, returned = returned + ? WHERE order_ref = ? AND sku_id = ? AND lot_id IS ?
            """)
        let insert = try db.cachedStatement(sql: "INSERT INTO order_line (order_ref, sku_id, lot_id, shipped, returned) VALUES (?, ?, ?, ?, ?)")
        for (key, delta) in deltas where delta.shipped != 0 || delta.returned != 0 {
            let lotID = lot(key.lotID)
            try update.execute(arguments: [delta.shipped, delta.returned, key.orderRef, key.skuID, lotID])
            if db.changesCount == 0 {
                try insert.execute(arguments: [key.orderRef, key.skuID, lotID, delta.shipped, delta.returned])
            }
        }
    }
}
