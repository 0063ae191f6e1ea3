import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// The large store the lookups (and recall, once it lands) run against: `units` serialized units
/// in lots of 10,000 (10 lots per SKU, two warehouses) with a year of activity: 2% of the units
/// shipped (single- and two-unit orders), 10% of those returned, half of the returns restocked.
/// One lot, the *recall lot*, is busier: 30% shipped, returns, quarantines and disposals.
///
/// It is written through the store's bulk path (`LedgerBatch` commits: the same code as every
/// command, without the per-request planning) and cached in the work folder, keyed by size and
/// generator version, so only the first run pays for it.
struct LookupStore {
    static let unitsPerLot = 10_000
    static let lotsPerSKU = 10
    static let unitsPerSKU = unitsPerLot * lotsPerSKU
    /// Bump when the generated data changes: old caches are then ignored.
    static let version = 1
    static let warehouses = ["WH-1", "WH-2"]
    static let returnsLocation = "WH-1"
    static let quarantineLocation = "QA-CAGE"

    let units: Int
    var lots: Int { units / Self.unitsPerLot }
    var skus: Int { (lots + Self.lotsPerSKU - 1) / Self.lotsPerSKU }
    /// The lot with a mix of every state, for recall.
    var recallLot: Int { lots / 2 }

    static func skuCode(_ sku: Int) -> String { "LK-\(padded(sku, 3))" }
    static func lotCode(_ lot: Int) -> String { "LOT-\(padded(lot, 5))" }
    /// The serial of a unit: SKU prefix and its number within the SKU.
    static func serial(sku: Int, number: Int) -> String { "K\(padded(sku, 3))\(padded(number, 8))" }

    /// The unit with global index `g` (0-based): its SKU and serial.
    func unit(_ g: Int) -> (sku: Int, serial: String) {
        let sku = g / Self.unitsPerSKU
        return (sku, Self.serial(sku: sku, number: g - sku * Self.unitsPerSKU + 1))
    }

    /// What the generator knows that queries need: the recall lot, and return-verification cases.
    struct Manifest: Codable {
        var units: Int
        var events: Int64
        var recallSKU: String
        var recallLot: String
        var recallLotUnits: Int
        /// (order, SKU, serial, the verdict a return check should give): for `returns verify`.
        var returnChecks: [ReturnCheck]
    }

    struct ReturnCheck: Codable {
        var order: String
        var sku: String
        var serial: String
        var expected: String
    }

    var cachePathStem: String { "lookup-\(units)-v\(Self.version)" }

    /// Opens the cached store, building it first when it is missing.
    func open(in workspace: BenchWorkspace) async throws -> (SQLiteLedgerStore, Manifest) {
        let path = workspace.cache.appendingPathComponent(cachePathStem + ".sqlite").path
        let manifestPath = workspace.cache.appendingPathComponent(cachePathStem + ".json").path
        if FileManager.default.fileExists(atPath: manifestPath), FileManager.default.fileExists(atPath: path),
           let data = FileManager.default.contents(atPath: manifestPath),
           let manifest = try? JSONDecoder().decode(Manifest.self, from: data) {
            note("lookup: using the cached \(units)-unit store \(path)")
            let store = try SQLiteLedgerStore(path: path, cacheSizeMB: workspace.cacheSizeMB)
            try await store.migrate()
            return (store, manifest)
        }
        BenchWorkspace.removeStore(at: path)
        try? FileManager.default.removeItem(atPath: manifestPath)
        let building = path + ".building"
        BenchWorkspace.removeStore(at: building)
        note("lookup: building the \(units)-unit store (once; cached in \(workspace.cache.path))")
        let started = monotonicNanos()
        var manifest: Manifest
        do {
            let store = try SQLiteLedgerStore(path: building, cacheSizeMB: max(workspace.cacheSizeMB, 256))
            try await store.migrate()
            manifest = try await build(into: store)
        }
        // Fold the WAL into the file, so the cached store is one self-contained file.
        try RawSQLite(path: building, cacheSizeMB: 2).exec("PRAGMA wal_checkpoint(TRUNCATE)")
        // Only a complete build gets the final name: an interrupted one is rebuilt next time.
        try FileManager.default.moveItem(atPath: building, toPath: path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: building + suffix) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: manifestPath))
        note("lookup: built in \(String(format: "%.1f", Double(monotonicNanos() - started) / 1e9)) s")
        let store = try SQLiteLedgerStore(path: path, cacheSizeMB: workspace.cacheSizeMB)
        try await store.migrate()
        manifest.units = units
        return (store, manifest)
    }

    /// A unit the generator changed after receipt: where it is and its last event.
    private struct Touched {
        var position: UnitPosition
        var lastSeq: Int64
        var sku: Int
        var serial: String
    }

    /// Writes the catalog, the receipts and the activity.
    func build(into store: SQLiteLedgerStore) async throws -> Manifest {
        var locationIDs: [String: Int64] = [:]
        for code in Self.warehouses + [Self.quarantineLocation] {
            locationIDs[code] = try await store.insertLocation(Location(code: code, kind: code == Self.quarantineLocation ? .quarantine : .warehouse)).id
        }
        let skuIDs = try await store.insertSKUs((0..<skus).map {
            SKU(code: Self.skuCode($0), title: "Lookup SKU \($0)", tracking: .serial, warrantyDays: 365)
        }).map(\.id)
        let epoch = Timestamp(year: 2025, month: 1, day: 6, hour: 8)
        func day(_ n: Int, hour: Int = 0) -> Timestamp { Timestamp(milliseconds: epoch.milliseconds + Int64(n) * 86_400_000 + Int64(hour) * 3_600_000) }

        // Receipts: one event per lot, one commit per SKU.
        var seq: Int64 = 0
        var lotIDs: [Int64] = []
        var lotReceiptDay: [Int] = []
        var lotLocation: [Int64] = []
        for sku in 0..<skus {
            var batch = LedgerBatch()
            let firstLot = sku * Self.lotsPerSKU
            let lastLot = min(lots, firstLot + Self.lotsPerSKU)
            for lot in firstLot..<lastLot {
                let placeholder = -Int64(batch.newLots.count + 1)
                batch.newLots.append(Lot(skuID: skuIDs[sku], code: Self.lotCode(lot), produced: nil, expires: nil, supplier: "Supplier \(lot % 7)"))
                let location = locationIDs[Self.warehouses[lot % 2]]!
                let receivedDay = (lot * 7) % 180
                let event = LedgerEvent(type: .receive, at: day(receivedDay, hour: 9), recordedAt: day(receivedDay, hour: 9), skuID: skuIDs[sku],
                                        lotID: placeholder, quantity: Int64(Self.unitsPerLot), toLocationID: location,
                                        orderRef: "PO-\(padded(lot, 6))", actor: "bench")
                let firstNumber = (lot - firstLot) * Self.unitsPerLot + 1
                let serials = (0..<Self.unitsPerLot).map { Self.serial(sku: sku, number: firstNumber + $0) }
                batch.events.append(PlannedEvent(event: event, newSerials: serials))
                batch.effects.stock[StockKey(skuID: skuIDs[sku], lotID: placeholder, locationID: location, status: .sellable), default: 0] += Int64(Self.unitsPerLot)
                lotReceiptDay.append(receivedDay)
                lotLocation.append(location)
            }
            let seqs = try await store.commit(batch)
            guard seqs.first == seq + 1 else { throw BenchError("lookup store: unexpected sequence numbers (the store is not fresh)") }
            seq = seqs.last ?? seq
            lotIDs += try await store.lots(skuID: skuIDs[sku]).sorted { $0.code < $1.code }.map(\.id)
            if sku % 10 == 9 || sku == skus - 1 { note("lookup: received \(min(units, (sku + 1) * Self.unitsPerSKU)) units") }
        }
        // Unit ids follow the receipts: the unit with global index g has id g + 1.
        let probe = try await store.units(skuID: skuIDs[skus - 1], serials: [unit(units - 1).serial])
        guard probe.first?.id == Int64(units) else { throw BenchError("lookup store: unit ids are not in receipt order") }

        var rng = SplitMix64(seed: 0x7AC3_5704)
        var touched: [Int64: Touched] = [:]
        var pending = LedgerBatch()
        var pendingCount = 0
        func add(_ event: LedgerEvent, _ changes: [UnitChange]) {
            pending.events.append(PlannedEvent(event: event, unitChanges: changes))
            pendingCount += 1
        }
        func flush() async throws {
            guard !pending.events.isEmpty else { return }
            let seqs = try await store.commit(pending)
            guard seqs.first == seq + 1 else { throw BenchError("lookup store: unexpected sequence numbers") }
            seq = seqs.last ?? seq
            pending = LedgerBatch()
        }
        /// Plans one event over units (all of one SKU) and records where they end up.
        func move(_ type: EventType, ids: [Int64], at: Timestamp, to: Int64? = nil, order: String? = nil, customer: String? = nil,
                  reason: String? = nil) {
            let eventSeq = seq + Int64(pending.events.count) + 1
            var changes: [UnitChange] = []
            var lot: Int64?
            var from: Int64?
            var skuID: Int64 = 0
            for id in ids {
                let g = Int(id - 1)
                let lotIndex = g / Self.unitsPerLot
                let current = touched[id] ?? Touched(
                    position: UnitPosition(state: .inStock, locationID: lotLocation[lotIndex], orderRef: nil, lotID: lotIDs[lotIndex]),
                    lastSeq: Int64(lotIndex + 1), sku: unit(g).sku, serial: unit(g).serial)
                guard let after = LedgerEffects.unitAfter(type, before: current.position, toLocationID: to, orderRef: order, lotID: nil) else { continue }
                changes.append(UnitChange(unitID: id, expectedLastSeq: current.lastSeq, before: current.position, after: after))
                skuID = skuIDs[current.sku]
                pending.effects.addUnit(skuID: skuID, type: type, before: current.position, after: after)
                lot = current.position.lotID
                from = current.position.locationID
                touched[id] = Touched(position: after, lastSeq: eventSeq, sku: current.sku, serial: current.serial)
            }
            guard !changes.isEmpty else { return }
            add(LedgerEvent(type: type, at: at, recordedAt: at, skuID: skuID, lotID: lot, quantity: Int64(changes.count),
                            fromLocationID: from, toLocationID: to, orderRef: order, customerRef: customer, actor: "bench", reason: reason),
                changes)
        }

        // Ships: single-unit orders, one in five takes the next chosen unit of the same lot too.
        var orders: [(order: String, ids: [Int64], day: Int)] = []
        for lot in 0..<lots {
            let rate = lot == recallLot ? 0.3 : 0.02
            var chosen: [Int64] = []
            for index in 0..<Self.unitsPerLot where rng.chance(rate) { chosen.append(Int64(lot * Self.unitsPerLot + index + 1)) }
            var i = 0
            while i < chosen.count {
                let take = (i + 1 < chosen.count && rng.chance(0.2)) ? 2 : 1
                let ids = Array(chosen[i..<(i + take)])
                let order = "113-\(padded(orders.count / 10_000_000, 7))-\(padded(orders.count % 10_000_000, 7))"
                let shipDay = lotReceiptDay[lot] + 3 + rng.below(180)
                move(.ship, ids: ids, at: day(shipDay, hour: 14), order: order, customer: "C-\(padded(rng.below(1_000_000), 6))")
                orders.append((order, ids, shipDay))
                i += take
                if pending.events.count >= 20_000 { try await flush() }
            }
        }
        try await flush()
        note("lookup: \(orders.count) orders shipped")
        // Returns (10%), half of them restocked.
        var returned: [(order: String, ids: [Int64], day: Int)] = []
        for entry in orders where rng.chance(entry.ids.first.map { Int(($0 - 1) / Int64(Self.unitsPerLot)) == recallLot } == true ? 0.2 : 0.1) {
            move(.return, ids: entry.ids, at: day(entry.day + 5 + rng.below(20), hour: 11), to: locationIDs[Self.returnsLocation], order: entry.order)
            returned.append((entry.order, entry.ids, entry.day + 25))
            if pending.events.count >= 20_000 { try await flush() }
        }
        try await flush()
        for entry in returned where rng.chance(0.5) {
            move(.restock, ids: entry.ids, at: day(entry.day + 2, hour: 10))
            if pending.events.count >= 20_000 { try await flush() }
        }
        try await flush()
        // The recall lot also has units in quarantine and disposed.
        let recallFirst = recallLot * Self.unitsPerLot + 1
        var quarantine: [Int64] = []
        var dispose: [Int64] = []
        for id in Int64(recallFirst)..<Int64(recallFirst + Self.unitsPerLot) where touched[id] == nil {
            if rng.chance(0.05) { quarantine.append(id) } else if rng.chance(0.02) { dispose.append(id) }
        }
        let recallDay = lotReceiptDay[recallLot] + 200
        for chunk in stride(from: 0, to: quarantine.count, by: 100) {
            move(.quarantine, ids: Array(quarantine[chunk..<min(quarantine.count, chunk + 100)]), at: day(recallDay, hour: 9),
                 to: locationIDs[Self.quarantineLocation], reason: "supplier notice")
        }
        for chunk in stride(from: 0, to: dispose.count, by: 100) {
            move(.dispose, ids: Array(dispose[chunk..<min(dispose.count, chunk + 100)]), at: day(recallDay, hour: 10), reason: "damaged")
        }
        try await flush()

        // Return-verification cases, with the verdict each should get (for `returns verify`).
        var checks: [LookupStore.ReturnCheck] = []
        let returnedOrders = Set(returned.map(\.order))
        for entry in orders.prefix(4_000) {
            guard let id = entry.ids.first, let unit = touched[id] else { continue }
            let code = Self.skuCode(unit.sku)
            if returnedOrders.contains(entry.order) {
                checks.append(ReturnCheck(order: entry.order, sku: code, serial: unit.serial, expected: "alreadyReturned"))
            } else {
                checks.append(ReturnCheck(order: entry.order, sku: code, serial: unit.serial, expected: "match"))
                checks.append(ReturnCheck(order: "113-9999999-\(padded(checks.count, 7))", sku: code, serial: unit.serial, expected: "wrongOrder"))
                if skus > 1 {
                    checks.append(ReturnCheck(order: entry.order, sku: Self.skuCode((unit.sku + 1) % skus), serial: unit.serial, expected: "wrongSKU"))
                }
            }
        }
        for n in 0..<1_000 {
            let g = rng.below(units)
            if touched[Int64(g + 1)] == nil {
                let (sku, serial) = unit(g)
                checks.append(ReturnCheck(order: "113-8888888-\(padded(n, 7))", sku: Self.skuCode(sku), serial: serial, expected: "notShipped"))
            }
            checks.append(ReturnCheck(order: "113-7777777-\(padded(n, 7))", sku: Self.skuCode(0), serial: "ZZ\(padded(n, 10))", expected: "unknownSerial"))
        }
        return Manifest(units: units, events: seq, recallSKU: Self.skuCode(recallLot / Self.lotsPerSKU), recallLot: Self.lotCode(recallLot),
                        recallLotUnits: Self.unitsPerLot, returnChecks: checks)
    }
}
