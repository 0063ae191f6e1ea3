import TracestockCore

/// Reads that a command or a lookup would otherwise make one by one, answered from one snapshot
/// (one read transaction). Each read is a round trip (a hop to a reader thread for SQLite, a
/// network round trip for PostgreSQL): a single-unit ship made four before its write, a unit
/// history five. Optional: the service uses these when a store offers them and makes the single
/// reads otherwise, with the same results and the same errors.
public protocol LedgerSnapshotReading: LedgerStore {
    /// The SKU with this code and, when it exists, every location, the SKU's lots and its units
    /// with these serials: what planning a movement reads first.
    func planningSnapshot(skuCode: String, serials: [String]) async throws -> PlanningSnapshot
    /// The SKU with this code and its unit with this serial and, when both exist, the unit's
    /// events, every location and the unit's lot.
    func unitHistorySnapshot(skuCode: String, serial: String) async throws -> UnitHistorySnapshot
    /// The same for every unit with this serial, whatever its SKU (by SKU id).
    func unitHistorySnapshots(serial: String) async throws -> [UnitHistorySnapshot]
}

/// What planning a movement reads first, from one snapshot.
public struct PlanningSnapshot: Sendable {
    public var sku: SKU?
    public var locations: [Location]
    /// The SKU's lots, in FIFO order (as `LedgerStore.lots(skuID:)`).
    public var lots: [Lot]
    /// The SKU's units with the serials asked for (as `LedgerStore.units(skuID:serials:)`).
    public var units: [Unit]

    /// Creates a snapshot.
    public init(sku: SKU?, locations: [Location] = [], lots: [Lot] = [], units: [Unit] = []) {
        self.sku = sku
        self.locations = locations
        self.lots = lots
        self.units = units
    }
}

/// What a unit's history needs, from one snapshot.
public struct UnitHistorySnapshot: Sendable {
    public var sku: SKU?
    public var unit: Unit?
    /// The unit's events in order (as `LedgerStore.history(unitID:)`).
    public var events: [LedgerEvent]
    public var locations: [Location]
    public var lot: Lot?

    /// Creates a snapshot.
    public init(sku: SKU?, unit: Unit? = nil, events: [LedgerEvent] = [], locations: [Location] = [], lot: Lot? = nil) {
        self.sku = sku
        self.unit = unit
        self.events = events
        self.locations = locations
        self.lot = lot
    }
}
