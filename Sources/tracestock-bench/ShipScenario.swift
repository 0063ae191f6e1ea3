import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// `ship`: single-unit ship transactions through the service (one request, one transaction,
/// one unit each), against a baseline doing the same reads and writes through the C API.
struct ShipScenario {
    let sizes: BenchScale
    let workspace: BenchWorkspace
    let report: Report
    let verify: Bool

    static let sku = "SHP-1"
    static let location = "WH-BENCH"
    static let at = Timestamp(year: 2026, month: 2, day: 2, hour: 10)

    static func serial(_ n: Int) -> String { "S" + padded(n, 8) }
    static func order(_ n: Int) -> String { "113-\(padded(n / 10_000_000, 7))-\(padded(n % 10_000_000, 7))" }

    func run() async throws {
        let count = sizes.ships
        // Twice the units shipped are in stock, in lots of 10,000, received through the service.
        let service = try await prepare("ship-service", units: count * 2)
        note("ship: \(count) single-unit ships through Tracestock.ship")
        var latencies = Latencies(capacity: count)
        let cpu = processCPUSeconds()
        for n in 1...count {
            let request = MovementRequest(.ship, sku: Self.sku, serials: [Self.serial(n)], order: Self.order(n), at: Self.at)
            try await latencies.measure { _ = try await service.ship(request) }
        }
        latencies.cpuSeconds = processCPUSeconds() - cpu
        latencies.report("ship", to: report, rateName: "per_s", rateUnit: "ships/s")

        let baselineService = try await prepare("ship-baseline", units: count * 2, sqlite: true)
        let path = (baselineService.store as? SQLiteLedgerStore)?.path ?? ""
        note("ship: baseline, the same transactions through the SQLite C API")
        let baseline = try shipBaseline(path: path, count: count)
        baseline.report("ship.baseline", to: report, rateName: "per_s", rateUnit: "ships/s")
        report.add("ship.ratio", latencies.perSecond / baseline.perSecond, "ratio")
        report.add("ship.cpu_ratio", baseline.cpuSeconds / latencies.cpuSeconds, "ratio")

        if verify {
            for (name, store) in [("service", service.store), ("baseline", baselineService.store)] {
                let check = try await Tracestock(store: store).check()
                guard check.ok else {
                    throw BenchError("ship: the \(name) store fails check: \(check.problems.prefix(3))")
                }
            }
            let shipped = try await service.history(sku: Self.sku, serial: Self.serial(count))
            guard shipped.state == .shipped, shipped.order == Self.order(count) else { throw BenchError("ship: the last unit is not shipped") }
            note("ship: verified: both stores pass check")
        }
    }

    /// A fresh store with `units` units of one SKU in stock (`sqlite`: a SQLite file even with `--postgres`).
    func prepare(_ name: String, units: Int, sqlite: Bool = false) async throws -> Tracestock {
        let store: any LedgerStore = sqlite ? try await workspace.freshSQLiteStore(name) : try await workspace.freshStore(name)
        let service = Tracestock(store: store, clock: { Self.at })
        _ = try await service.addLocation(Location(code: Self.location, kind: .warehouse))
        _ = try await service.addSKU(SKU(code: Self.sku, title: "Bench ship SKU", tracking: .serial))
        var first = 1
        var lot = 0
        while first <= units {
            let last = min(units, first + 9_999)
            try await service.receive(ReceiveRequest(sku: Self.sku, serialExpression: "\(Self.serial(first))-\(Self.serial(last))",
                                                     lot: "SL\(padded(lot, 4))", location: Self.location, at: Self.at))
            first = last + 1
            lot += 1
        }
        return service
    }

    /// What one single-unit ship must do, through the C API: find the unit, append the event,
    /// move the unit, link it, take it off stock, count it on the order line and in the day's sales;
    /// one transaction each.
    func shipBaseline(path: String, count: Int) throws -> Latencies {
        let db = try RawSQLite(path: path, cacheSizeMB: workspace.cacheSizeMB)
        let skuID: Int64 = try {
            let s = try db.prepare("SELECT id FROM sku WHERE code = ?")
            s.bind(1, Self.sku)
            guard try s.step() else { throw BenchError("ship baseline: no SKU") }
            defer { s.reset() }
            return s.int64(0)
        }()
        let findUnit = try db.prepare("SELECT id, lot_id, location_id, last_seq, state FROM unit WHERE serial = ? AND sku_id = ?")
        let nextSeq = try db.prepare("SELECT ifnull(max(seq), 0) + 1 FROM event")
        let insertEvent = try db.prepare("""
            INSERT INTO event (seq, type, at, recorded_at, sku_id, lot_id, quantity, from_location_id, order_ref)
            VALUES (?, 'ship', ?, ?, ?, ?, 1, ?, ?)
            """)
        let updateUnit = try db.prepare("""
            UPDATE unit SET state = 'shipped', location_id = NULL, order_ref = ?, last_seq = ? WHERE id = ? AND last_seq = ?
            """)
        let link = try db.prepare("""
            INSERT INTO event_unit (unit_id, event_seq, prev_state, prev_location_id, prev_order_ref, prev_lot_id) VALUES (?, ?, 'in_stock', ?, NULL, ?)
            """)
        let takeStock = try db.prepare("""
            UPDATE stock SET quantity = quantity - 1 WHERE sku_id = ? AND lot_id IS ? AND location_id = ? AND status = 'sellable'
            """)
        let updateLine = try db.prepare("UPDATE order_line SET shipped = shipped + 1 WHERE order_ref = ? AND sku_id = ? AND lot_id IS ?")
        let insertLine = try db.prepare("INSERT INTO order_line (order_ref, sku_id, lot_id, shipped, returned) VALUES (?, ?, ?, 1, 0)")
        let countSale = try db.prepare("""
            INSERT INTO daily_sales (sku_id, day, quantity) VALUES (?, ?, 1)
            ON CONFLICT (sku_id, day) DO UPDATE SET quantity = quantity + 1
            """)
        let at = Self.at.milliseconds
        var latencies = Latencies(capacity: count)
        let cpu = processCPUSeconds()
        for n in 1...count {
            let serial = Self.serial(n)
            let order = Self.order(n)
            let start = monotonicNanos()
            try db.exec("BEGIN IMMEDIATE")
            findUnit.bind(1, serial)
            findUnit.bind(2, skuID)
            guard try findUnit.step(), findUnit.text(4) == "in_stock" else { throw BenchError("ship baseline: \(serial) is not in stock") }
            let unitID = findUnit.int64(0), lotID = findUnit.int64(1), locationID = findUnit.int64(2), lastSeq = findUnit.int64(3)
            findUnit.reset()
            guard try nextSeq.step() else { throw BenchError("ship baseline: no max(seq)") }
            let seq = nextSeq.int64(0)
            nextSeq.reset()
            insertEvent.bind(1, seq); insertEvent.bind(2, at); insertEvent.bind(3, at); insertEvent.bind(4, skuID)
            insertEvent.bind(5, lotID); insertEvent.bind(6, locationID); insertEvent.bind(7, order)
            try insertEvent.run()
            updateUnit.bind(1, order); updateUnit.bind(2, seq); updateUnit.bind(3, unitID); updateUnit.bind(4, lastSeq)
            try updateUnit.run()
            link.bind(1, unitID); link.bind(2, seq); link.bind(3, locationID); link.bind(4, lotID)
            try link.run()
            takeStock.bind(1, skuID); takeStock.bind(2, lotID); takeStock.bind(3, locationID)
            try takeStock.run()
            updateLine.bind(1, order); updateLine.bind(2, skuID); updateLine.bind(3, lotID)
            try updateLine.run()
            if db.changes == 0 {
                insertLine.bind(1, order); insertLine.bind(2, skuID); insertLine.bind(3, lotID)
                try insertLine.run()
            }
            countSale.bind(1, skuID); countSale.bind(2, at / 86_400_000)
            try countSale.run()
            try db.exec("COMMIT")
            let elapsed = monotonicNanos() - start
            latencies.record(elapsed)
        }
        latencies.cpuSeconds = processCPUSeconds() - cpu
        return latencies
    }
}
