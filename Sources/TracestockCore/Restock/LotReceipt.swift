/// Units of one SKU and lot received into stock on one day.
public struct LotReceipt: Sendable, Equatable, Hashable, Codable {
    /// The receipt day.
    public var day: Day
    /// Units received (≥ 0). Serial-tracked stock may pass one receipt per unit or one per day.
    public var quantity: Int

    /// Creates a receipt.
    public init(day: Day, quantity: Int) {
        self.day = day
        self.quantity = quantity
    }
}
