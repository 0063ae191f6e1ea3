/// A lot on hand that expires within the report's horizon, or has already expired.
///
/// JSON: `{"sku","lot","expiry","daysLeft","quantity"}`, `lot` null when absent.
public struct ExpiringLot: Sendable, Equatable, Codable {
    /// The SKU code.
    public var sku: String
    /// The lot, or nil.
    public var lot: String?
    /// The expiry day.
    public var expiry: Day
    /// `expiry − asOf` in days: 0 expires on `asOf`, negative means already expired.
    public var daysLeft: Int
    /// Units on hand.
    public var quantity: Int

    /// Creates an entry.
    public init(sku: String, lot: String?, expiry: Day, daysLeft: Int, quantity: Int) {
        self.sku = sku
        self.lot = lot
        self.expiry = expiry
        self.daysLeft = daysLeft
        self.quantity = quantity
    }

    private enum CodingKeys: String, CodingKey {
        case sku, lot, expiry, daysLeft, quantity
    }

    /// Encodes every key, `lot` as null when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sku, forKey: .sku)
        if let lot { try container.encode(lot, forKey: .lot) } else { try container.encodeNil(forKey: .lot) }
        try container.encode(expiry, forKey: .expiry)
        try container.encode(daysLeft, forKey: .daysLeft)
        try container.encode(quantity, forKey: .quantity)
    }
}
