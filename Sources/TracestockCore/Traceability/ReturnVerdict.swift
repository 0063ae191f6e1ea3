/// The verdict on a customer return: is the unit that came back the one we shipped on that order?
public enum ReturnVerdict: String, Sendable, Codable, CaseIterable {
    /// Shipped on this order and not yet returned.
    case match
    /// Ours, but shipped on another order.
    case wrongOrder
    /// Ours, but not out with a customer: still in stock, quarantined or disposed.
    case notShipped
    /// Never received by us: likely swapped or counterfeit.
    case unknownSerial
    /// The serial belongs to another SKU.
    case wrongSKU
    /// Shipped on this order and already returned.
    case alreadyReturned
    /// The SKU was shipped on this order, but from other lots.
    case wrongLot

    /// Whether a return with this verdict may be recorded without `--accept-suspicious`.
    public var isClean: Bool { self == .match }

    /// Whether the unit can actually move to `returned` when the return is accepted.
    public var movesUnit: Bool { self == .match || self == .wrongOrder || self == .wrongLot }
}

/// The facts about one of our units that decide a return verdict.
public struct UnitSaleFacts: Sendable, Hashable {
    /// A ship or return event of the unit: its order and sequence number.
    public struct OrderEvent: Sendable, Hashable {
        public var order: String
        public var seq: Int64
        /// Creates an order event.
        public init(order: String, seq: Int64) {
            self.order = order
            self.seq = seq
        }
    }

    public var state: UnitState
    /// The order it is out on now (when shipped).
    public var currentOrder: String?
    /// Live ship events, oldest first.
    public var ships: [OrderEvent]
    /// Live return events, oldest first.
    public var returns: [OrderEvent]
    /// For a lot named on the return: whether it is the unit's lot (nil when no lot was named).
    public var lotMatches: Bool?

    /// Creates the facts.
    public init(state: UnitState, currentOrder: String?, ships: [OrderEvent], returns: [OrderEvent], lotMatches: Bool? = nil) {
        self.state = state
        self.currentOrder = currentOrder
        self.ships = ships
        self.returns = returns
        self.lotMatches = lotMatches
    }
}

extension ReturnVerdict {
    /// Decides the verdict for a unit claimed to come back on `order`. `facts` nil means we never
    /// received the serial under this SKU; `otherSKUs` names SKUs that do have it.
    public static func decide(order: String, facts: UnitSaleFacts?, otherSKUs: [String] = []) -> ReturnVerdict {
        guard let facts else { return otherSKUs.isEmpty ? .unknownSerial : .wrongSKU }
        let onThisOrder = facts.ships.filter { $0.order == order }
        if let lastShip = onThisOrder.map(\.seq).max() {
            let returnedSince = facts.returns.contains { $0.order == order && $0.seq > lastShip }
            if !returnedSince && facts.state == .shipped && facts.currentOrder == order {
                return facts.lotMatches == false ? .wrongLot : .match
            }
            return .alreadyReturned
        }
        return facts.state == .shipped ? .wrongOrder : .notShipped
    }
}
