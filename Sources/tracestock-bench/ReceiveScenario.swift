import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// `receive`: 1M serialized units (10 SKUs × 10 lots) into fresh SQLite stores, through the
/// service (one `receive` per lot, and one CSV import of the same lots in one transaction),
/// against a baseline of the same rows written through the bare C API with one prepared
/// statement in one transaction.
struct ReceiveScenario {
    let sizes: BenchScale
    let workspace: BenchWorkspace
    let report: Report
    let verify: Bool

    static let skuCount = 10
    static let lotsPerSKU = 10
    static let location = "WH-BENCH"
    static let receivedAt = Timestamp(year: 2026, month: 1, day: 5, hour: 9)

    /// One lot to receive: SKU code, lot code and the serial range.
    struct LotPlan {
        var sku: Int
        var lot: Int
        var first: Int
        var count: Int
        var skuCode: String { "RCV-\(padded(sku, 2))" }
        var lotCode: String { "L\(padded(sku, 2))-\(padded(lot, 2))" }
        var prefix: String { "R\(padded(sku, 2))X" }
        var expression: String { "\(prefix)\(padded(first, 8))-\(prefix)\(padded(first + count - 1, 8))" }
    }

    var lots: [LotPlan] {
        let perLot = sizes.receiveUnits / (Self.skuCount * Self.lotsPerSKU)
        return (0..<Self.skuCount).flatMap { sku in
            (0..<Self.lotsPerSKU).map { lot in LotPlan(sku: sku, lot: lot, first: lot * perLot + 1, count: perLot) }
        }
    }

    func run() async throws {
        let units = Double(lots.reduce(0) { $0 + $1.count })
        note("receive: \(Int(units)) units through Tracestock.receive, one request per lot")
        let (service, serviceStore) = try await receiveThroughService()
        report.add("receive.units_per_s", units / service.wall, "units/s")

        note("receive: the same units as one CSV import (one transaction)")
        let (imported, importStore) = try await importThroughService()
        report.add("receive.import_units_per_s", units / imported.wall, "units/s")

        note("receive: baseline, the same rows through the SQLite C API")
        let (baseline, baselinePath) = try await insertBaseline()
        report.add("receive.baseline_rows_per_s", units / baseline.wall, "rows/s")
        report.add("receive.ratio", baseline.wall / service.wall, "ratio")
        report.add("receive.import_ratio", baseline.wall / imported.wall, "ratio")
        // The same per second of CPU this process used: steadier than the wall clock on shared cores.
        report.add("receive.units_per_cpu_s", units / service.cpu, "units/s")
        report.add("receive.baseline_rows_per_cpu_s", units / baseline.cpu, "rows/s")
        report.add("receive.cpu_ratio", baseline.cpu / service.cpu, "ratio")

        if verify {
            let units = Int(units)
            let baselineStore = try SQLiteLedgerStore(path: baselinePath, cacheSizeMB: workspace.cacheSizeMB)
            for (name, store) in [("service", serviceStore), ("import", importStore), ("baseline", baselineStore)] {
                let check = try await Tracestock(store: store).check()
                guard check.ok, check.units == units else {
                    throw BenchError("receive: the \(name) store is not what it should be: \(check.units) units, problems \(check.problems.prefix(3))")
                }
            }
            note("receive: verified: the three stores pass check with \(units) units each")
        }
    }

    /// A fresh store with the location and the 10 serialized SKUs (`sqlite`: a SQLite file even with `--postgres`).
    func makeService(_ name: String, sqlite: Bool = false) async throws -> Tracestock {
        let store: any LedgerStore = sqlite ? try await workspace.freshSQLiteStore(name) : try await workspace.freshStore(name)
        let service = Tracestock(store: store, clock: { Self.receivedAt })
        _ = try await service.addLocation(Location(code: Self.location, kind: .warehouse))
        for sku in 0..<Self.skuCount {
            _ = try await service.addSKU(SKU(code: "RCV-\(padded(sku, 2))", title: "Bench SKU \(sku)", tracking: .serial))
        }
        return service
    }

    func receiveThroughService() async throws -> ((wall: Double, cpu: Double), any LedgerStore) {
        let service = try await makeService("receive-service")
        let requests = lots.map { lot in
            ReceiveRequest(sku: lot.skuCode, serialExpression: lot.expression, lot: lot.lotCode, location: Self.location, at: Self.receivedAt)
        }
        let time = try await elapsed {
            for request in requests { try await service.receive(request) }
        }
        return (time, service.store)
    }

    func importThroughService() async throws -> ((wall: Double, cpu: Double), any LedgerStore) {
        let service = try await makeService("receive-import")
        var csv = "date,sku,location,serials,lot\n"
        for lot in lots { csv += "2026-01-05,\(lot.skuCode),\(Self.location),\(lot.expression),\(lot.lotCode)\n" }
        let time = try await elapsed {
            _ = try await service.importReceipts(csv: csv, file: "bench-receipts.csv")
        }
        return (time, service.store)
    }

    /// The same rows (events, units, stock) through one prepared statement per table in one transaction.
    func insertBaseline() async throws -> ((wall: Double, cpu: Double), String) {
        let path: String
        var skuIDs: [Int64] = []
        var locationID: Int64 = 0
        do {
            let service = try await makeService("receive-baseline", sqlite: true)
            path = (service.store as? SQLiteLedgerStore)?.path ?? ""
            for sku in 0..<Self.skuCount { skuIDs.append(try await service.store.sku(code: "RCV-\(padded(sku, 2))")?.id ?? 0) }
            locationID = try await service.store.locations().first?.id ?? 0
        }
        let db = try RawSQLite(path: path, cacheSizeMB: workspace.cacheSizeMB)
        let plans = lots
        // Lots exist before the clock starts (their rows are not what is measured).
        let insertLot = try db.prepare("INSERT INTO lot (id, sku_id, code, first_seq) VALUES (?, ?, ?, ?)")
        for (index, lot) in plans.enumerated() {
            insertLot.bind(1, Int64(index + 1))
            insertLot.bind(2, skuIDs[lot.sku])
            insertLot.bind(3, lot.lotCode)
            insertLot.bind(4, Int64(index + 1))
            try insertLot.run()
        }
        let insertEvent = try db.prepare("""
            INSERT INTO event (seq, type, at, recorded_at, sku_id, lot_id, quantity, to_location_id, unit_first, unit_last)
            VALUES (?, 'receive', ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertUnit = try db.prepare("""
            INSERT INTO unit (id, sku_id, serial, lot_id, state, location_id, order_ref, last_seq, received_seq)
            VALUES (?, ?, ?, ?, 'in_stock', ?, NULL, ?, ?)
            """)
        let insertStock = try db.prepare("INSERT INTO stock (sku_id, lot_id, location_id, status, quantity) VALUES (?, ?, ?, 'sellable', ?)")
        let at = Self.receivedAt.milliseconds
        let start = monotonicNanos()
        let cpu = processCPUSeconds()
        try db.exec("BEGIN IMMEDIATE")
        var unitID: Int64 = 1
        for (index, lot) in plans.enumerated() {
            let seq = Int64(index + 1)
            let lotID = Int64(index + 1)
            let skuID = skuIDs[lot.sku]
            insertEvent.bind(1, seq)
            insertEvent.bind(2, at)
            insertEvent.bind(3, at)
            insertEvent.bind(4, skuID)
            insertEvent.bind(5, lotID)
            insertEvent.bind(6, Int64(lot.count))
            insertEvent.bind(7, locationID)
            insertEvent.bind(8, unitID)
            insertEvent.bind(9, unitID + Int64(lot.count) - 1)
            try insertEvent.run()
            insertUnit.bind(2, skuID)
            insertUnit.bind(4, lotID)
            insertUnit.bind(5, locationID)
            insertUnit.bind(6, seq)
            insertUnit.bind(7, seq)
            var serial = SerialCounter(prefix: lot.prefix, width: 8, start: lot.first)
            for _ in 0..<lot.count {
                insertUnit.bind(1, unitID)
                try serial.withBytes { insertUnit.bindStatic(3, $0); try insertUnit.run() }
                serial.increment()
                unitID += 1
            }
            insertStock.bind(1, skuID)
            insertStock.bind(2, lotID)
            insertStock.bind(3, locationID)
            insertStock.bind(4, Int64(lot.count))
            try insertStock.run()
        }
        try db.exec("COMMIT")
        return ((Double(monotonicNanos() - start) / 1e9, processCPUSeconds() - cpu), path)
    }
}

/// Serial text `PREFIX00000042` kept as bytes and incremented in place (no string per row).
struct SerialCounter {
    private var bytes: [UInt8]
    private let digitsStart: Int

    init(prefix: String, width: Int, start: Int) {
        bytes = Array(prefix.utf8) + Array(padded(start, width).utf8)
        digitsStart = prefix.utf8.count
    }

    mutating func increment() {
        var index = bytes.count - 1
        while index >= digitsStart {
            if bytes[index] == UInt8(ascii: "9") {
                bytes[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                bytes[index] += 1
                return
            }
        }
    }

    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer(body)
    }
}

/// A benchmark that found something wrong (a store that fails check, a missing result).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
