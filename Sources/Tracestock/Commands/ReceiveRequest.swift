import TracestockCore

/// Receive stock: serialized units (by list, expression or generated), or a quantity of a lot or SKU.
public struct ReceiveRequest: Sendable, Codable, Equatable {
    public var sku: String
    /// Serials, already expanded.
    public var serials: [String]?
    /// A serial expression such as `SN0001-SN1000` (expanded by the service).
    public var serialExpression: String?
    /// Mint this many new serials from the SKU's pattern.
    public var generate: Int?
    public var quantity: Int64?
    public var lot: String?
    /// Lot expiry `YYYY-MM-DD`.
    public var expires: String?
    /// Lot production date `YYYY-MM-DD`.
    public var produced: String?
    public var supplier: String?
    /// Where it arrives.
    public var location: String
    /// When it happened; nil means now.
    public var at: Timestamp?
    public var actor: String?
    public var reason: String?
    /// A purchase order or shipment reference.
    public var reference: String?

    /// Creates a receive request.
    public init(sku: String, serials: [String]? = nil, serialExpression: String? = nil, generate: Int? = nil,
                quantity: Int64? = nil, lot: String? = nil, expires: String? = nil, produced: String? = nil,
                supplier: String? = nil, location: String, at: Timestamp? = nil, actor: String? = nil,
                reason: String? = nil, reference: String? = nil) {
        self.sku = sku
        self.serials = serials
        self.serialExpression = serialExpression
        self.generate = generate
        self.quantity = quantity
        self.lot = lot
        self.expires = expires
        self.produced = produced
        self.supplier = supplier
        self.location = location
        self.at = at
        self.actor = actor
        self.reason = reason
        self.reference = reference
    }
}
