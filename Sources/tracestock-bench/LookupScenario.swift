import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// `lookup`: the questions a returns desk or a support agent asks about one unit, on a
/// 10M-unit store: a unit's history by SKU and serial, and a serial across every SKU.
/// Baseline: the same SQL through the C API, one read transaction per lookup.
struct LookupScenario {
    let sizes: BenchScale
    let workspace: BenchWorkspace
    let report: Report
    let verify: Bool

    func run() async throws {
        let generator = LookupStore(units: sizes.lookupStoreUnits)
        let (store, manifest) = try await generator.open(in: workspace)
        let service = Tracestock(store: try await workspace.timedStore(for: store, name: "lookup"))
        if verify {
            let check = try await service.check()
            guard check.ok, check.units == generator.units else {
                throw BenchError("lookup: the generated store fails check (\(check.units) units): \(check.problems.prefix(3))")
            }
            note("lookup: verified: the \(generator.units)-unit store passes check (\(check.events) events)")
        }
        let count = sizes.lookups
        var rng = SplitMix64(seed: 0x100C)
        let sample = (0..<count).map { _ in generator.unit(rng.below(generator.units)) }

        // Every measurement below reads the same warm pages: one untimed pass over the sample
        // first (the baseline warms its own connection the same way), as a running service would be.
        for (sku, serial) in sample { _ = try await service.history(sku: LookupStore.skuCode(sku), serial: serial) }

        note("lookup: \(count) unit histories (Tracestock.history) and \(count) serial lookups (Tracestock.units(serial:))")
        var history = Latencies(capacity: count)
        var events = 0
        var cpu = processCPUSeconds()
        for (sku, serial) in sample {
            try await history.measure { events += try await service.history(sku: LookupStore.skuCode(sku), serial: serial).events.count }
        }
        history.cpuSeconds = processCPUSeconds() - cpu
        history.report("lookup.history", to: report)
        var bySerial = Latencies(capacity: count)
        cpu = processCPUSeconds()
        for (_, serial) in sample {
            try await bySerial.measure { _ = try await service.units(serial: serial) }
        }
        bySerial.cpuSeconds = processCPUSeconds() - cpu
        bySerial.report("lookup.serial", to: report)

        note("lookup: baseline, the same queries through the SQLite C API")
        guard let path = store.path else { throw BenchError("lookup: the store has no file") }
        let (baseline, baselineEvents) = try historyBaseline(path: path, sample: sample)
        guard baselineEvents == events else { throw BenchError("lookup: baseline read \(baselineEvents) events, the service \(events)") }
        baseline.report("lookup.history.baseline", to: report)
        report.add("lookup.history.ratio", history.perSecond / baseline.perSecond, "ratio")
        report.add("lookup.history.cpu_ratio", baseline.cpuSeconds / history.cpuSeconds, "ratio")

        // MARK: returns verify
        // Every verdict, from the generator's cases; each answer is checked against the expected one.
        let checks = (0..<count).map { manifest.returnChecks[$0 % manifest.returnChecks.count] }
        for check in checks.prefix(1_000) { _ = try await service.verifyReturn(order: check.order, sku: check.sku, serial: check.serial) }
        note("lookup: \(checks.count) return verifications (Tracestock.verifyReturn) over \(Set(checks.map(\.expected)).count) verdicts")
        var verifications = Latencies(capacity: checks.count)
        cpu = processCPUSeconds()
        for check in checks {
            var verdict = ""
            try await verifications.measure {
                verdict = try await service.verifyReturn(order: check.order, sku: check.sku, serial: check.serial).verdict.rawValue
            }
            guard verdict == check.expected else {
                throw BenchError("returns verify: order \(check.order) \(check.sku) \(check.serial) gave \(verdict), expected \(check.expected)")
            }
        }
        verifications.cpuSeconds = processCPUSeconds() - cpu
        verifications.report("lookup.returns_verify", to: report)
    }

    /// Per lookup, in one read transaction: the SKU by code, the unit, its events (the store's
    /// history query), the locations and the unit's lot code. The sample is read twice; the
    /// second pass is measured, with a page cache as warm as the service's.
    func historyBaseline(path: String, sample: [(sku: Int, serial: String)]) throws -> (Latencies, Int) {
        let db = try RawSQLite(path: path, cacheSizeMB: workspace.cacheSizeMB)
        let sku = try db.prepare("SELECT id, code, title, tracking FROM sku WHERE code = ?")
        let unit = try db.prepare("SELECT id, sku_id, serial, lot_id, state, location_id, order_ref, last_seq, received_seq FROM unit WHERE serial = ? AND sku_id = ?")
        let events = try db.prepare("""
            SELECT seq, type, at, recorded_at, sku_id, lot_id, quantity, from_location_id, to_location_id, from_status,
                to_status, order_ref, customer_ref, actor, reason, voids_seq, verdict, unit_first, unit_last
            FROM event WHERE seq IN (
                SELECT event_seq FROM event_unit WHERE unit_id = ?1
                UNION SELECT received_seq FROM unit WHERE id = ?1)
            ORDER BY seq
            """)
        let locations = try db.prepare("SELECT id, code FROM location ORDER BY code")
        let lot = try db.prepare("SELECT code FROM lot WHERE id = ?")
        func pass() throws -> (Latencies, Int) {
            var latencies = Latencies(capacity: sample.count)
            var eventCount = 0
            let cpu = processCPUSeconds()
            for (skuIndex, serial) in sample {
                let start = monotonicNanos()
                try db.exec("BEGIN")
                sku.bind(1, LookupStore.skuCode(skuIndex))
                guard try sku.step() else { throw BenchError("baseline: no SKU") }
                let skuID = sku.int64(0)
                sku.reset()
                unit.bind(1, serial)
                unit.bind(2, skuID)
                guard try unit.step() else { throw BenchError("baseline: no unit \(serial)") }
                let unitID = unit.int64(0), lotID = unit.int64(3)
                _ = unit.text(4)
                unit.reset()
                events.bind(1, unitID)
                while try events.step() {
                    _ = events.int64(0); _ = events.text(1); _ = events.int64(2); _ = events.int64(8); _ = events.text(11); _ = events.text(13)
                    eventCount += 1
                }
                events.reset()
                while try locations.step() { _ = locations.int64(0); _ = locations.text(1) }
                locations.reset()
                lot.bind(1, lotID)
                _ = try lot.step()
                _ = lot.text(0)
                lot.reset()
                try db.exec("COMMIT")
                latencies.record(monotonicNanos() - start)
            }
            latencies.cpuSeconds = processCPUSeconds() - cpu
            return (latencies, eventCount)
        }
        _ = try pass()  // warms this connection's page cache
        return try pass()
    }
}
