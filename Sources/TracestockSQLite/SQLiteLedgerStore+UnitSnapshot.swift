import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    /// One read transaction with cached statements instead of five: every unit history (CLI, API, web).
    public func unitSnapshot(skuCode: String, serial: String) async throws -> UnitSnapshot? {
        try await pointRead { db in try Self.unitSnapshot(db, skuCode: skuCode, serial: serial) }
    }

    static func unitSnapshot(_ db: Database, skuCode: String, serial: String) throws -> UnitSnapshot? {
        guard let sku = try fetchSKU(db, code: skuCode),
              let unit = try fetchUnits(db, skuID: sku.id, serials: [serial]).first else { return nil }
        let events = try fetchHistory(db, unitID: unit.id)
        let lot = try unit.lotID.flatMap { try fetchLot(db, id: $0) }
        var ids = Set(events.flatMap { [$0.fromLocationID, $0.toLocationID] }.compactMap { $0 })
        if let location = unit.locationID { ids.insert(location) }
        var codes: [Int64: String] = [:]
        let locationStatement = try db.cachedStatement(sql: "SELECT code FROM location WHERE id = ?")
        for id in ids { codes[id] = try String.fetchOne(locationStatement, arguments: [id]) }
        return UnitSnapshot(sku: sku, unit: unit, events: events, lot: lot, locationCodes: codes)
    }
}
