import TracestockCore

/// Every stock event after receipt: move, ship, return, restock, quarantine, release, dispose, adjust.
/// Units are named by serials (or an expression); quantities by `quantity` (and optionally `lot`).
public struct MovementRequest: Sendable, Codable, Equatable {
    public var type: EventType
    public var sku: String
    public var serials: [String]?
    public var serialExpression: String?
    /// Units of a quantity-tracked SKU; signed for `adjust`.
    public var quantity: Int64?
    /// Forces one lot (otherwise FEFO, then FIFO).
    public var lot: String?
    /// Location to take from (required when stock of the SKU sits in several).
    public var from: String?
    /// Destination (move, return; optional for restock, quarantine, release).
    public var to: String?
    /// Bucket a dispose takes quantities from (default sellable).
    public var fromStatus: StockStatus?
    public var order: String?
    public var customer: String?
    public var at: Timestamp?
    public var actor: String?
    public var reason: String?
    /// For returns: record a return whose verdict is not `match` (needs a reason).
    public var acceptSuspicious: Bool?

    /// Creates a movement request.
    public init(_ type: EventType, sku: String, serials: [String]? = nil, serialExpression: String? = nil,
                quantity: Int64? = nil, lot: String? = nil, from: String? = nil, to: String? = nil,
                fromStatus: StockStatus? = nil, order: String? = nil, customer: String? = nil, at: Timestamp? = nil,
                actor: String? = nil, reason: String? = nil, acceptSuspicious: Bool? = nil) {
        self.acceptSuspicious = acceptSuspicious
        self.type = type
        self.sku = sku
        self.serials = serials
        self.serialExpression = serialExpression
        self.quantity = quantity
        self.lot = lot
        self.from = from
        self.to = to
        self.fromStatus = fromStatus
        self.order = order
        self.customer = customer
        self.at = at
        self.actor = actor
        self.reason = reason
    }
}

/// Cancel an earlier event by reversing it.
public struct VoidRequest: Sendable, Codable, Equatable {
    public var seq: Int64
    public var reason: String?
    public var at: Timestamp?
    public var actor: String?

    /// Creates a void request.
    public init(seq: Int64, reason: String? = nil, at: Timestamp? = nil, actor: String? = nil) {
        self.seq = seq
        self.reason = reason
        self.at = at
        self.actor = actor
    }
}
