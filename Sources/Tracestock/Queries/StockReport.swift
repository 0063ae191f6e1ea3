import TracestockCore

/// How `stock` groups its rows.
public enum StockGrouping: String, Sendable, Codable, CaseIterable {
    /// One row per SKU.
    case sku
    /// One row per SKU and lot.
    case lot
    /// One row per SKU and location.
    case location
    /// One row per SKU, lot and location.
    case cell
}

/// Stock on hand: `quantity` is sellable; quarantined and returned units are counted apart.
public struct StockReport: Sendable, Codable, Equatable {
    /// One row of the report. Keys the grouping does not use are null.
    public struct Row: Sendable, Codable, Equatable {
        public var sku: String
        public var lot: String?
        public var location: String?
        /// Sellable on hand.
        public var quantity: Int64
        public var quarantined: Int64
        public var returned: Int64
        /// Lot expiry, when grouped by lot.
        public var expires: String?

        /// Creates a row.
        public init(sku: String, lot: String?, location: String?, quantity: Int64, quarantined: Int64, returned: Int64, expires: String?) {
            self.sku = sku
            self.lot = lot
            self.location = location
            self.quantity = quantity
            self.quarantined = quarantined
            self.returned = returned
            self.expires = expires
        }

        enum CodingKeys: String, CodingKey { case sku, lot, location, quantity, quarantined, returned, expires }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sku, forKey: .sku)
            try c.encode(lot, forKey: .lot)
            try c.encode(location, forKey: .location)
            try c.encode(quantity, forKey: .quantity)
            try c.encode(quarantined, forKey: .quarantined)
            try c.encode(returned, forKey: .returned)
            try c.encode(expires, forKey: .expires)
        }
    }

    public var rows: [Row]
    /// Sum of `quantity` (sellable) over the rows.
    public var total: Int64
    public var totalQuarantined: Int64
    public var totalReturned: Int64
}

/// One unit's whole story.
public struct UnitHistory: Sendable, Codable, Equatable {
    /// One event in a unit's life.
    public struct Entry: Sendable, Codable, Equatable {
        public var seq: Int64
        public var type: EventType
        public var at: String
        public var location: String?
        public var order: String?
        public var actor: String?
        public var reason: String?
        /// For a void: the event it cancelled.
        public var voids: Int64?
        /// The void that cancelled this event, if any.
        public var voidedBy: Int64?

        enum CodingKeys: String, CodingKey { case seq, type, at, location, order, actor, reason, voids, voidedBy }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(seq, forKey: .seq)
            try c.encode(type, forKey: .type)
            try c.encode(at, forKey: .at)
            try c.encode(location, forKey: .location)
            try c.encode(order, forKey: .order)
            try c.encode(actor, forKey: .actor)
            try c.encode(reason, forKey: .reason)
            try c.encode(voids, forKey: .voids)
            try c.encode(voidedBy, forKey: .voidedBy)
        }
    }

    public var sku: String
    public var serial: String
    public var state: UnitState
    public var lot: String?
    public var location: String?
    /// The order it was last shipped on.
    public var order: String?
    public var events: [Entry]

    enum CodingKeys: String, CodingKey { case sku, serial, state, lot, location, order, events }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sku, forKey: .sku)
        try c.encode(serial, forKey: .serial)
        try c.encode(state, forKey: .state)
        try c.encode(lot, forKey: .lot)
        try c.encode(location, forKey: .location)
        try c.encode(order, forKey: .order)
        try c.encode(events, forKey: .events)
    }
}

/// A page of the ledger.
public struct EventPage: Sendable, Codable, Equatable {
    /// One event with the serials it touched.
    public struct Entry: Sendable, Codable, Equatable {
        public var seq: Int64
        public var type: EventType
        public var at: String
        public var sku: String
        public var lot: String?
        public var serials: [String]
        /// True when `serials` was cut at the listing limit (`quantity` says how many there are).
        public var serialsTruncated: Bool
        public var quantity: Int64
        public var from: String?
        public var to: String?
        public var order: String?
        public var actor: String?
        public var reason: String?
        public var voids: Int64?

        enum CodingKeys: String, CodingKey {
            case seq, type, at, sku, lot, serials, serialsTruncated, quantity, from, to, order, actor, reason, voids
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(seq, forKey: .seq)
            try c.encode(type, forKey: .type)
            try c.encode(at, forKey: .at)
            try c.encode(sku, forKey: .sku)
            try c.encode(lot, forKey: .lot)
            try c.encode(serials, forKey: .serials)
            try c.encode(serialsTruncated, forKey: .serialsTruncated)
            try c.encode(quantity, forKey: .quantity)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(order, forKey: .order)
            try c.encode(actor, forKey: .actor)
            try c.encode(reason, forKey: .reason)
            try c.encode(voids, forKey: .voids)
        }
    }

    public var events: [Entry]
    /// The `since` to ask for the next page; null at the end of the ledger.
    public var next: Int64?

    enum CodingKeys: String, CodingKey { case events, next }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(events, forKey: .events)
        try c.encode(next, forKey: .next)
    }
}

/// The result of replaying the ledger against the projections.
public struct CheckReport: Sendable, Encodable, Equatable {
    public var events: Int64
    public var units: Int
    public var stockCells: Int
    public var orderLines: Int
    /// Every difference found; empty when the store is consistent.
    public var problems: [String]
    public var ok: Bool { problems.isEmpty }

    enum CodingKeys: String, CodingKey { case ok, events, units, stockCells, orderLines, problems }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encode(events, forKey: .events)
        try c.encode(units, forKey: .units)
        try c.encode(stockCells, forKey: .stockCells)
        try c.encode(orderLines, forKey: .orderLines)
        try c.encode(problems, forKey: .problems)
    }
}
