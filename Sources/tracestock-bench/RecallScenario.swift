import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// `recall`: a 10,000-unit lot in the 10M-unit lookup store, grouped by where every unit is now;
/// ms p50/p99 (target < 20 ms), against the same grouping in one SQL read through the C API.
/// `LookupStore` gives the recall lot (`manifest.recallSKU`, `recallLot`) units in stock at two
/// warehouses, shipped on ~2,500 orders, returned, restocked, quarantined and disposed.
struct RecallScenario {
    let sizes: BenchScale
    let workspace: BenchWorkspace
    let report: Report

    /// Recalls timed per run.
    var runs: Int { max(20, Int(200 * min(1, sizes.factor * 10))) }

    /// Times `recall` (which returns how many units its grouped result holds) on the recall lot.
    func run(_ recall: (Tracestock, LookupStore.Manifest) async throws -> Int) async throws {
        let (store, manifest) = try await LookupStore(units: sizes.lookupStoreUnits).open(in: workspace)
        let service = Tracestock(store: try await workspace.timedStore(for: store, name: "recall"))
        for _ in 0..<3 { _ = try await recall(service, manifest) }
        var latencies = Latencies(capacity: runs)
        var units = 0
        for _ in 0..<runs { try await latencies.measure { units = try await recall(service, manifest) } }
        guard units == manifest.recallLotUnits else { throw BenchError("recall: \(units) units grouped, the lot has \(manifest.recallLotUnits)") }
        report.add("recall.p50_ms", latencies.percentile(50) / 1e6, "ms")
        report.add("recall.p99_ms", latencies.percentile(99) / 1e6, "ms")

        guard let path = store.path else { throw BenchError("recall: the store has no file") }
        let baseline = try baseline(path: path, manifest: manifest)
        report.add("recall.baseline_p50_ms", baseline.percentile(50) / 1e6, "ms")
        report.add("recall.baseline_p99_ms", baseline.percentile(99) / 1e6, "ms")
        report.add("recall.ratio", baseline.percentile(50) / latencies.percentile(50), "ratio")
    }

    /// The grouping in SQL: the lot's units by state, location and order, then each order's ship
    /// date and customer; one read transaction per recall.
    func baseline(path: String, manifest: LookupStore.Manifest) throws -> Latencies {
        let db = try RawSQLite(path: path, cacheSizeMB: workspace.cacheSizeMB)
        let lot = try db.prepare("SELECT l.id FROM lot l JOIN sku k ON k.id = l.sku_id WHERE k.code = ? AND l.code = ?")
        lot.bind(1, manifest.recallSKU)
        lot.bind(2, manifest.recallLot)
        guard try lot.step() else { throw BenchError("recall baseline: no lot \(manifest.recallLot)") }
        let lotID = lot.int64(0)
        lot.reset()
        let groups = try db.prepare("""
            SELECT g.state, loc.code, g.order_ref, g.units, min(e.at), min(e.customer_ref)
            FROM (SELECT state, location_id, order_ref, count(*) AS units FROM unit WHERE lot_id = ?
                  GROUP BY state, location_id, order_ref) g
            LEFT JOIN location loc ON loc.id = g.location_id
            LEFT JOIN event e ON e.order_ref = g.order_ref AND +e.type = 'ship'
            GROUP BY g.state, g.location_id, g.order_ref
            """)
        var latencies = Latencies(capacity: runs)
        for _ in 0..<runs {
            let start = monotonicNanos()
            try db.exec("BEGIN")
            groups.bind(1, lotID)
            var units: Int64 = 0
            while try groups.step() { units += groups.int64(3); _ = groups.text(0); _ = groups.text(1); _ = groups.text(2) }
            groups.reset()
            try db.exec("COMMIT")
            latencies.record(monotonicNanos() - start)
            guard units == Int64(manifest.recallLotUnits) else { throw BenchError("recall baseline: grouped \(units) units") }
        }
        return latencies
    }
}
