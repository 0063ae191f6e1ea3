/// The planner's answer for one SKU.
///
/// JSON has exactly the keys `sku, dailyDemand, sigma, leadTimeDays, safetyStock, reorderPoint,
/// onHand, inbound, daysOfCover, stockoutDate, orderQuantity, status, reorderBy`; days are
/// `"YYYY-MM-DD"` strings and absent values are written as `null`.
public struct RestockLine: Sendable, Equatable, Codable {
    /// The SKU code.
    public var sku: String
    /// Estimated units per day (mean over the window, weighted if the policy says so).
    public var dailyDemand: Double
    /// Population standard deviation of the daily quantities over the window (weighted likewise).
    public var sigma: Double
    /// Lead time `L` in days.
    public var leadTimeDays: Int
    /// `ceil(z · σ · √L)` units.
    public var safetyStock: Int
    /// `ceil(dailyDemand · L + safetyStock)` units.
    public var reorderPoint: Int
    /// Sellable units on hand (the input's `sellable`).
    public var onHand: Int
    /// Total inbound units.
    public var inbound: Int
    /// `(onHand + inbound) / dailyDemand`; nil when there is no demand.
    public var daysOfCover: Double?
    /// First day whose demand cannot be fully served (see ``RestockPlanner``); nil when there is
    /// no demand or it lies more than ``RestockPlanner/projectionHorizonDays`` ahead.
    public var stockoutDate: Day?
    /// Suggested units to order now (whole cases, at least the MOQ), 0 when none.
    public var orderQuantity: Int
    /// The verdict.
    public var status: RestockStatus
    /// Last day to place an order that lands before the stock-out: `stockoutDate − L` when that is
    /// after `asOf`, else `asOf`; nil when `stockoutDate` is nil.
    public var reorderBy: Day?

    /// Creates a line.
    public init(
        sku: String, dailyDemand: Double, sigma: Double, leadTimeDays: Int, safetyStock: Int,
        reorderPoint: Int, onHand: Int, inbound: Int, daysOfCover: Double?, stockoutDate: Day?,
        orderQuantity: Int, status: RestockStatus, reorderBy: Day?
    ) {
        self.sku = sku
        self.dailyDemand = dailyDemand
        self.sigma = sigma
        self.leadTimeDays = leadTimeDays
        self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint
        self.onHand = onHand
        self.inbound = inbound
        self.daysOfCover = daysOfCover
        self.stockoutDate = stockoutDate
        self.orderQuantity = orderQuantity
        self.status = status
        self.reorderBy = reorderBy
    }

    private enum CodingKeys: String, CodingKey {
        case sku, dailyDemand, sigma, leadTimeDays, safetyStock, reorderPoint, onHand, inbound
        case daysOfCover, stockoutDate, orderQuantity, status, reorderBy
    }

    /// Encodes every key, writing `null` for absent values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sku, forKey: .sku)
        try container.encode(dailyDemand, forKey: .dailyDemand)
        try container.encode(sigma, forKey: .sigma)
        try container.encode(leadTimeDays, forKey: .leadTimeDays)
        try container.encode(safetyStock, forKey: .safetyStock)
        try container.encode(reorderPoint, forKey: .reorderPoint)
        try container.encode(onHand, forKey: .onHand)
        try container.encode(inbound, forKey: .inbound)
        if let daysOfCover { try container.encode(daysOfCover, forKey: .daysOfCover) } else {
            try container.encodeNil(forKey: .daysOfCover)
        }
        if let stockoutDate { try container.encode(stockoutDate, forKey: .stockoutDate) } else {
            try container.encodeNil(forKey: .stockoutDate)
        }
        try container.encode(orderQuantity, forKey: .orderQuantity)
        try container.encode(status, forKey: .status)
        if let reorderBy { try container.encode(reorderBy, forKey: .reorderBy) } else {
            try container.encodeNil(forKey: .reorderBy)
        }
    }
}
