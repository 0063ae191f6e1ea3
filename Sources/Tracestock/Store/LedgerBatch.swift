import TracestockCore

/// Everything one command writes, planned by the service and applied by a store atomically.
///
/// Lots created by the batch carry negative ids (-1, -2, …) wherever they are referenced
/// (events, units, stock and order keys); the store replaces them with the ids it assigns.
public struct LedgerBatch: Sendable {
    /// The idempotency key and the hash of the request it guards.
    public var idempotency: (key: String, requestHash: String)?
    /// More idempotency keys, each recorded with the sequence numbers of the batch events at
    /// `eventOffsets` (an EPCIS import records one key per imported EPCIS event).
    public var eventIdempotency: [(key: String, requestHash: String, eventOffsets: [Int])] = []
    /// New lots; the lot at index i is referenced as id `-(i + 1)`.
    public var newLots: [Lot] = []
    /// Events in order.
    public var events: [PlannedEvent] = []
    /// Net stock and order changes of the whole batch.
    public var effects = LedgerEffects()
    /// A SKU whose serial counter moves (receive --generate): id, expected old value, new value.
    public var serialCounter: (skuID: Int64, expected: Int64, next: Int64)?
    /// Locations whose stock may go negative (the store enforces `>= 0` everywhere else).
    public var negativeAllowed: Set<Int64> = []

    /// Creates an empty batch.
    public init() {}
}

/// One event to append, with the units it creates or changes.
public struct PlannedEvent: Sendable {
    /// The event; `seq`, `recordedAt`, `unitFirst` and `unitLast` are filled in by the store.
    public var event: LedgerEvent
    /// Serials of brand-new units (receive): created in state `in_stock` at `event.toLocationID`.
    public var newSerials: [String]
    /// Existing units that change, each guarded by the `lastSeq` it was planned from.
    public var unitChanges: [UnitChange]

    /// Creates a planned event.
    public init(event: LedgerEvent, newSerials: [String] = [], unitChanges: [UnitChange] = []) {
        self.event = event
        self.newSerials = newSerials
        self.unitChanges = unitChanges
    }
}

/// A change of one existing unit.
public struct UnitChange: Sendable {
    public var unitID: Int64
    /// The unit's `lastSeq` when the change was planned; the store refuses the batch if it moved.
    public var expectedLastSeq: Int64
    public var before: UnitPosition
    public var after: UnitPosition

    /// Creates a unit change.
    public init(unitID: Int64, expectedLastSeq: Int64, before: UnitPosition, after: UnitPosition) {
        self.unitID = unitID
        self.expectedLastSeq = expectedLastSeq
        self.before = before
        self.after = after
    }
}
