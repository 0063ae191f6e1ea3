import TracestockCore

/// A verdict with the evidence behind it.
public struct ReturnVerification: Sendable, Encodable, Equatable {
    /// What the records show; only the facts that apply are present.
    public struct Evidence: Sendable, Encodable, Equatable {
        public var sku: String?
        public var serial: String?
        /// The order the unit was shipped on (for wrongOrder: the other order).
        public var shippedOrder: String?
        public var shippedAt: String?
        public var returnedOrder: String?
        public var returnedAt: String?
        /// Current state and location of our unit.
        public var state: UnitState?
        public var location: String?
        public var lot: String?
        /// For wrongSKU: the SKUs that do have this serial.
        public var belongsTo: [String]?
        /// For lot checks: the lots this order shipped of the SKU.
        public var shippedLots: [String]?
        /// Quantity still returnable on the order for the lot(s) (quantity-tracked SKUs).
        public var returnable: Int64?
        public var note: String?
    }

    public var order: String
    public var sku: String
    public var serial: String?
    public var lot: String?
    public var verdict: ReturnVerdict
    public var evidence: Evidence

    enum CodingKeys: String, CodingKey { case order, sku, serial, lot, verdict, evidence }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(order, forKey: .order)
        try c.encode(sku, forKey: .sku)
        try c.encode(serial, forKey: .serial)
        try c.encode(lot, forKey: .lot)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(evidence, forKey: .evidence)
    }

    /// One sentence for people.
    public var summary: String {
        let e = evidence
        switch verdict {
        case .match: return "match: shipped on order \(order)\(e.shippedAt.map { " on \($0)" } ?? "") and not yet returned"
        case .wrongOrder: return "wrongOrder: shipped on order \(e.shippedOrder ?? "?")\(e.shippedAt.map { " on \($0)" } ?? ""), not on \(order)"
        case .notShipped: return "notShipped: ours, but \(e.state?.rawValue ?? "not shipped")\(e.location.map { " at \($0)" } ?? "")\(e.note.map { "; \($0)" } ?? "")"
        case .unknownSerial: return "unknownSerial: we never received \(sku) serial \(serial ?? "?") (likely swapped or counterfeit)"
        case .wrongSKU: return "wrongSKU: serial \(serial ?? "?") belongs to \((e.belongsTo ?? []).joined(separator: ", ")), not \(sku)"
        case .alreadyReturned: return "alreadyReturned: came back on order \(e.returnedOrder ?? order)\(e.returnedAt.map { " on \($0)" } ?? "")\(e.state == .shipped ? "; it is now shipped on order \(e.shippedOrder ?? "?")" : "")"
        case .wrongLot: return "wrongLot: order \(order) shipped \(sku) lots \((e.shippedLots ?? []).joined(separator: ", ")), not \(lot ?? "?")"
        }
    }
}

/// One recorded return, for claims.
public struct ReturnRecord: Sendable, Encodable, Equatable {
    public var seq: Int64
    public var at: String
    public var order: String?
    public var sku: String
    public var lot: String?
    public var quantity: Int64
    public var serials: [String]
    public var claimed: String?
    public var verdict: String?
    public var reason: String?
    public var location: String?

    enum CodingKeys: String, CodingKey { case seq, at, order, sku, lot, quantity, serials, claimed, verdict, reason, location }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(at, forKey: .at)
        try c.encode(order, forKey: .order)
        try c.encode(sku, forKey: .sku)
        try c.encode(lot, forKey: .lot)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(serials, forKey: .serials)
        try c.encode(claimed, forKey: .claimed)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(reason, forKey: .reason)
        try c.encode(location, forKey: .location)
    }
}
