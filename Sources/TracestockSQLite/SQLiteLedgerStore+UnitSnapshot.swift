import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    /// One read transaction with cached statements instead of five: every unit history (CLI, API, web).
    public func unitSnapshot(skuCode: String, serial: String) async throws -> UnitSnapshot? {
        try await pointRead { db in try Self.unitSnapshot(db, skuCode: skuCode, serial: serial) }
    }

    static func unitSnapshot(_ db: Database, skuCode: String, serial: String) throws -> UnitSnapshot? {
        guard let skuRow = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(skuColumns) FROM sku WHERE code = ?"), arguments: [skuCode]) else {
            return nil
        }
        let sku = Self.sku(skuRow)
        guard let unitRow = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(unitColumns) FROM unit WHERE serial = ? AND sku_id = ?"),
                                             arguments: [serial, sku.id]) else { return nil }
        let unit = Self.unit(unitRow)
        let events = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(eventColumns) FROM event WHERE seq IN (
                SELECT event_seq FROM event_unit WHERE unit_id = ?1
                UNION SELECT received_seq FROM unit WHERE id = ?1)
            ORDER BY seq
            """), arguments: [unit.id]).map(Self.event)
        let lot = try unit.lotID.flatMap { try fetchLot(db, id: $0) }
        var ids = Set(events.flatMap { [$0.fromLocationID, $0.toLocationID] }.compactMap { $0 })
        if let location = unit.locationID { ids.insert(location) }
        var codes: [Int64: String] = [:]
        let locationStatement = try db.cachedStatement(sql: "SELECT code FROM location WHERE id = ?")
        for id in ids { codes[id] = try String.fetchOne(locationStatement, arguments: [id]) }
        return UnitSnapshot(sku: sku, unit: unit, events: events, lot: lot, locationCodes: codes)
    }
}
