import PostgresNIO
import Tracestock
import TracestockCore

/// What a movement or a unit history reads first, from one REPEATABLE READ snapshot on one connection
/// (see `LedgerSnapshotReading`): the reads agree with each other even while other servers commit.
extension PostgresLedgerStore: LedgerSnapshotReading {
    public func planningSnapshot(skuCode: String, serials: [String]) async throws -> PlanningSnapshot {
        try await transaction("reading \(configuration.displayName)", readOnlySnapshot: true) { connection in
            guard let sku = try await self.fetchSKU(code: skuCode, on: connection) else { return PlanningSnapshot(sku: nil) }
            return PlanningSnapshot(sku: sku, locations: try await self.fetchLocations(on: connection),
                                    lots: try await self.fetchLots(skuID: sku.id, on: connection),
                                    units: try await self.fetchUnits(skuID: sku.id, serials: serials, on: connection))
        }
    }

    public func unitHistorySnapshot(skuCode: String, serial: String) async throws -> UnitHistorySnapshot {
        try await transaction("reading \(configuration.displayName)", readOnlySnapshot: true) { connection in
            guard let sku = try await self.fetchSKU(code: skuCode, on: connection) else { return UnitHistorySnapshot(sku: nil) }
            guard let unit = try await self.fetchUnits(skuID: sku.id, serials: [serial], on: connection).first else {
                return UnitHistorySnapshot(sku: sku)
            }
            return try await self.historySnapshot(sku: sku, unit: unit, locations: try await self.fetchLocations(on: connection), on: connection)
        }
    }

    /// A unit's history in the one snapshot above instead of the protocol's several reads.
    public func unitSnapshot(skuCode: String, serial: String) async throws -> UnitSnapshot? {
        let snapshot = try await unitHistorySnapshot(skuCode: skuCode, serial: serial)
        guard let sku = snapshot.sku, let unit = snapshot.unit else { return nil }
        return UnitSnapshot(sku: sku, unit: unit, events: snapshot.events, lot: snapshot.lot,
                            locationCodes: Dictionary(uniqueKeysWithValues: snapshot.locations.map { ($0.id, $0.code) }))
    }

    public func unitHistorySnapshots(serial: String) async throws -> [UnitHistorySnapshot] {
        try await transaction("reading \(configuration.displayName)", readOnlySnapshot: true) { connection in
            let units = try await self.fetchUnits(serial: serial, on: connection)
            if units.isEmpty { return [] }
            let skus = Dictionary(uniqueKeysWithValues: try await self.fetchSKUs(ids: Array(Set(units.map(\.skuID))), on: connection).map { ($0.id, $0) })
            let locations = try await self.fetchLocations(on: connection)
            var snapshots: [UnitHistorySnapshot] = []
            for unit in units {
                guard let sku = skus[unit.skuID] else { continue }
                snapshots.append(try await self.historySnapshot(sku: sku, unit: unit, locations: locations, on: connection))
            }
            return snapshots
        }
    }

    func historySnapshot(sku: SKU, unit: TracestockCore.Unit, locations: [Location], on connection: PostgresConnection) async throws -> UnitHistorySnapshot {
        var lot: Lot?
        if let lotID = unit.lotID { lot = try await fetchLots(ids: [lotID], on: connection).first }
        return UnitHistorySnapshot(sku: sku, unit: unit, events: try await fetchHistory(unitID: unit.id, on: connection), locations: locations, lot: lot)
    }
}
