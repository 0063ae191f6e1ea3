import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// `reorder`: the restock plan for 100,000 SKUs × 365 days of shipments; seconds (target < 2 s).
/// `build(into:)` writes the SKUs (lead times, case packs) and a year of daily shipments through
/// the store's bulk path, cached in the work folder like the lookup store; the plan is timed as of
/// the day after the last shipment.
struct ReorderScenario {
    let sizes: BenchScale
    let workspace: BenchWorkspace
    let report: Report

    static let days = 365
    /// The first day of the data, and the day the plan is made: the day after the last shipment.
    static let start = Timestamp(year: 2025, month: 1, day: 1, hour: 8)
    static var asOf: Day { Day(daysSince1970: start.epochDay + days + 1) }
    static let version = 2
    /// SKUs at this scale (100,000 at scale 1).
    var skus: Int { max(100, Int(100_000 * sizes.factor)) }

    /// Times `plan` (which returns how many SKUs it planned) three times; reports the median.
    func run(_ plan: (Tracestock) async throws -> Int) async throws {
        let service = Tracestock(store: try await workspace.timedStore(for: try await open(), name: "reorder"))
        var times: [Double] = []
        var planned = 0
        for _ in 0..<3 { times.append(try await seconds { planned = try await plan(service) }) }
        guard planned == skus else { throw BenchError("reorder: planned \(planned) SKUs of \(skus)") }
        report.add("reorder.seconds", times.sorted()[1], "s")
        report.add("reorder.skus_per_s", Double(skus) / times.sorted()[1], "SKUs/s")
    }

    /// Opens the cached store, building it first when missing.
    func open() async throws -> SQLiteLedgerStore {
        let path = workspace.cache.appendingPathComponent("reorder-\(skus)x\(Self.days)-v\(Self.version).sqlite").path
        let done = path + ".done"
        if FileManager.default.fileExists(atPath: done) {
            let store = try SQLiteLedgerStore(path: path, cacheSizeMB: workspace.cacheSizeMB)
            try await store.migrate()
            return store
        }
        BenchWorkspace.removeStore(at: path)
        note("reorder: building \(skus) SKUs × \(Self.days) days of shipments (once; cached in \(workspace.cache.path))")
        let store = try SQLiteLedgerStore(path: path, cacheSizeMB: max(256, workspace.cacheSizeMB))
        try await store.migrate()
        try await build(into: store)
        _ = FileManager.default.createFile(atPath: done, contents: Data())
        return store
    }

    /// Mean daily demand of a SKU: a long tail (a few fast movers, many slow ones).
    static func meanDemand(sku: Int) -> Double { 40 / pow(Double(sku % 1000 + 1), 0.7) + 0.05 }

    /// Units shipped of a SKU on a day: Poisson around the mean, weekly and yearly seasonality.
    static func demand(sku: Int, day: Int, rng: inout SplitMix64) -> Int {
        let weekly = [0.8, 1.1, 1.1, 1.0, 1.0, 1.2, 0.8][day % 7]
        let yearly = 1 + 0.3 * sin(Double(day) / 365 * 2 * Double.pi)
        let lambda = meanDemand(sku: sku) * weekly * yearly
        // Knuth's method is fine for these small means; large ones use a normal approximation.
        if lambda > 30 {
            let u1 = max(Double(rng.next() >> 11) / Double(1 << 53), 1e-12), u2 = Double(rng.next() >> 11) / Double(1 << 53)
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return max(0, Int((lambda + z * lambda.squareRoot()).rounded()))
        }
        let limit = exp(-lambda)
        var k = 0
        var p = 1.0
        repeat {
            k += 1
            p *= Double(rng.next() >> 11) / Double(1 << 53)
        } while p > limit
        return k - 1
    }

    /// The catalog (untracked SKUs with lead times and case packs), a receipt per SKU covering
    /// the year, and one ship event per SKU and day with demand (order `D<day>-<sku>`).
    func build(into store: SQLiteLedgerStore) async throws {
        let warehouse = try await store.insertLocation(Location(code: "WH-1", kind: .warehouse)).id
        var ids: [Int64] = []
        for chunk in stride(from: 0, to: skus, by: 10_000) {
            ids += try await store.insertSKUs((chunk..<min(skus, chunk + 10_000)).map {
                SKU(code: "RO-\(padded($0, 6))", title: "Reorder SKU \($0)", tracking: .none, productionDays: 20 + $0 % 30,
                    transitDays: 10 + $0 % 25, receivingDays: 2, casePack: [1, 6, 12, 24][$0 % 4])
            }).map(\.id)
        }
        let start = Self.start
        func at(_ day: Int) -> Timestamp { Timestamp(milliseconds: start.milliseconds + Int64(day) * 86_400_000) }
        var rng = SplitMix64(seed: 0x2E0D)
        var batch = LedgerBatch()
        func flush() async throws {
            if batch.events.isEmpty { return }
            _ = try await store.commit(batch)
            batch = LedgerBatch()
        }
        for (sku, id) in ids.enumerated() {
            let stocked = Int64((Self.meanDemand(sku: sku) * 2.5 * Double(Self.days)).rounded(.up)) + 10
            let receipt = LedgerEvent(type: .receive, at: at(0), recordedAt: at(0), skuID: id, quantity: stocked, toLocationID: warehouse,
                                      toStatus: .sellable, actor: "bench")
            batch.effects.addQuantityEvent(receipt)
            batch.events.append(PlannedEvent(event: receipt))
            for day in 1...Self.days {
                let quantity = Self.demand(sku: sku, day: day, rng: &rng)
                guard quantity > 0 else { continue }
                let ship = LedgerEvent(type: .ship, at: at(day), recordedAt: at(day), skuID: id, quantity: Int64(quantity),
                                       fromLocationID: warehouse, fromStatus: .sellable, orderRef: "D\(padded(day, 3))-\(padded(sku, 6))", actor: "bench")
                batch.effects.addQuantityEvent(ship)
                batch.effects.addSale(ship)
                batch.events.append(PlannedEvent(event: ship))
            }
            if batch.events.count >= 50_000 { try await flush() }
            if sku % 10_000 == 9_999 { note("reorder: \(sku + 1) SKUs written") }
        }
        try await flush()
    }
}
