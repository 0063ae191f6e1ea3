import TracestockCore

/// Everything one unit's history needs, read at once: the hot path of scanners and the web UI.
public struct UnitSnapshot: Sendable {
    public var sku: SKU
    public var unit: Unit
    /// Every event that touched the unit, in order.
    public var events: [LedgerEvent]
    /// The unit's lot, if any.
    public var lot: Lot?
    /// Codes of the locations the unit and its events name, by id.
    public var locationCodes: [Int64: String]

    /// Creates a snapshot.
    public init(sku: SKU, unit: Unit, events: [LedgerEvent], lot: Lot?, locationCodes: [Int64: String]) {
        self.sku = sku
        self.unit = unit
        self.events = events
        self.lot = lot
        self.locationCodes = locationCodes
    }
}

extension LedgerStore {
    /// The default: the same answer from the general-purpose methods (several reads). A store
    /// overrides it with one read transaction when that matters (SQLiteLedgerStore does).
    public func unitSnapshot(skuCode: String, serial: String) async throws -> UnitSnapshot? {
        guard let sku = try await sku(code: skuCode), let unit = try await units(skuID: sku.id, serials: [serial]).first else { return nil }
        let events = try await history(unitID: unit.id)
        var lot: Lot?
        if let lotID = unit.lotID { lot = try await lots(ids: [lotID]).first }
        let codes = Dictionary(uniqueKeysWithValues: try await locations().map { ($0.id, $0.code) })
        return UnitSnapshot(sku: sku, unit: unit, events: events, lot: lot, locationCodes: codes)
    }
}
