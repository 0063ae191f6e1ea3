import TracestockCore

/// What a write did: the events it appended (or, for a replayed idempotency key, had appended).
public struct WriteResult: Sendable, Codable, Equatable {
    /// The events written, in order.
    public var events: [EventSummary]
    /// True when this answer repeats an earlier request with the same idempotency key.
    public var replayed: Bool

    /// The last event's sequence number (0 when nothing was written).
    public var seq: Int64 { events.last?.seq ?? 0 }

    /// Creates a result.
    public init(events: [EventSummary], replayed: Bool) {
        self.events = events
        self.replayed = replayed
    }

    enum CodingKeys: String, CodingKey { case seq, seqs, events, replayed }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(events.map(\.seq), forKey: .seqs)
        try c.encode(events, forKey: .events)
        try c.encode(replayed, forKey: .replayed)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        events = try c.decode([EventSummary].self, forKey: .events)
        replayed = try c.decode(Bool.self, forKey: .replayed)
    }
}

/// One event as callers see it: codes instead of ids.
public struct EventSummary: Sendable, Codable, Equatable {
    public var seq: Int64
    public var type: EventType
    public var at: String
    public var sku: String
    public var lot: String?
    public var quantity: Int64
    public var from: String?
    public var to: String?
    public var order: String?
    public var voids: Int64?

    /// Creates a summary.
    public init(seq: Int64, type: EventType, at: String, sku: String, lot: String?, quantity: Int64, from: String?,
                to: String?, order: String?, voids: Int64? = nil) {
        self.seq = seq
        self.type = type
        self.at = at
        self.sku = sku
        self.lot = lot
        self.quantity = quantity
        self.from = from
        self.to = to
        self.order = order
        self.voids = voids
    }

    enum CodingKeys: String, CodingKey { case seq, type, at, sku, lot, quantity, from, to, order, voids }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(type, forKey: .type)
        try c.encode(at, forKey: .at)
        try c.encode(sku, forKey: .sku)
        try c.encode(lot, forKey: .lot)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(order, forKey: .order)
        try c.encode(voids, forKey: .voids)
    }
}
