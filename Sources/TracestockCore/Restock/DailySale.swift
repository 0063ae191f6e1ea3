/// Net units shipped for one SKU on one day: one entry of a sparse sales history.
public struct DailySale: Sendable, Equatable, Hashable, Codable {
    /// The day.
    public var day: Day
    /// Units shipped that day, net of returns (may be negative; see ``SalesHistory``).
    public var quantity: Int

    /// Creates an entry.
    public init(day: Day, quantity: Int) {
        self.day = day
        self.quantity = quantity
    }
}
