/// The stock of one SKU (and lot) to be aged.
public struct AgeingInput: Sendable, Equatable, Codable {
    /// The SKU code.
    public var sku: String
    /// The lot, or nil for stock that is not lot-tracked.
    public var lot: String?
    /// Units on hand now (≥ 0).
    public var onHand: Int
    /// Receipts of this SKU and lot, ideally oldest first (any order is accepted).
    public var receipts: [LotReceipt]
    /// Volume of one unit in cubic feet (≥ 0), for per-cubic-foot surcharges.
    public var cubicFeetPerUnit: Double
    /// The lot's expiry day, if it has one.
    public var expiry: Day?

    /// Creates an input.
    public init(
        sku: String, lot: String? = nil, onHand: Int, receipts: [LotReceipt],
        cubicFeetPerUnit: Double = 0, expiry: Day? = nil
    ) {
        self.sku = sku
        self.lot = lot
        self.onHand = onHand
        self.receipts = receipts
        self.cubicFeetPerUnit = cubicFeetPerUnit
        self.expiry = expiry
    }

    /// `sku` or `sku/lot`, for messages.
    var name: String { lot.map { "\(sku) lot \($0)" } ?? sku }

    /// Error details naming this SKU and lot.
    func details(_ field: String) -> [String: String] {
        var details = ["sku": sku, "field": field]
        if let lot { details["lot"] = lot }
        return details
    }
}
