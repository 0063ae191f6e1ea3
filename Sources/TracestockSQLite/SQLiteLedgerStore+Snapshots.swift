import GRDB
import Tracestock
import TracestockCore

/// One read transaction for what a movement or a unit history reads first (see `LedgerSnapshotReading`).
extension SQLiteLedgerStore: LedgerSnapshotReading {
    /// Up to this many serials, a planning snapshot is a point read.
    static let pointReadSerials = 1_000

    public func planningSnapshot(skuCode: String, serials: [String]) async throws -> PlanningSnapshot {
        let body: @Sendable (Database) throws -> PlanningSnapshot = { db in
            guard let sku = try Self.fetchSKU(db, code: skuCode) else { return PlanningSnapshot(sku: nil) }
            return PlanningSnapshot(sku: sku, locations: try Self.fetchLocations(db), lots: try Self.fetchLots(db, skuID: sku.id),
                                    units: try Self.fetchUnits(db, skuID: sku.id, serials: serials))
        }
        return serials.count <= Self.pointReadSerials ? try await pointRead(body) : try await read(body)
    }

    public func unitHistorySnapshot(skuCode: String, serial: String) async throws -> UnitHistorySnapshot {
        try await pointRead { db in
            guard let sku = try Self.fetchSKU(db, code: skuCode) else { return UnitHistorySnapshot(sku: nil) }
            guard let unit = try Self.fetchUnits(db, skuID: sku.id, serials: [serial]).first else { return UnitHistorySnapshot(sku: sku) }
            return try Self.historySnapshot(db, sku: sku, unit: unit, locations: try Self.fetchLocations(db))
        }
    }

    public func unitHistorySnapshots(serial: String) async throws -> [UnitHistorySnapshot] {
        try await pointRead { db in
            let units = try Self.fetchUnits(db, serial: serial)
            if units.isEmpty { return [] }
            let skus = Dictionary(uniqueKeysWithValues: try Self.fetchSKUs(db, ids: Array(Set(units.map(\.skuID)))).map { ($0.id, $0) })
            let locations = try Self.fetchLocations(db)
            return try units.compactMap { unit in
                guard let sku = skus[unit.skuID] else { return nil }
                return try Self.historySnapshot(db, sku: sku, unit: unit, locations: locations)
            }
        }
    }

    static func historySnapshot(_ db: Database, sku: SKU, unit: Unit, locations: [Location]) throws -> UnitHistorySnapshot {
        let lot = try unit.lotID.flatMap { try fetchLot(db, id: $0) }
        return UnitHistorySnapshot(sku: sku, unit: unit, events: try fetchHistory(db, unitID: unit.id), locations: locations, lot: lot)
    }
}
