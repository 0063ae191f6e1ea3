/// Where a unit is and what it is doing: the part of a unit that events change.
public struct UnitPosition: Sendable, Hashable, Codable {
    /// nil: the unit does not exist yet.
    public var state: UnitState?
    public var locationID: Int64?
    public var orderRef: String?
    public var lotID: Int64?

    /// Creates a position.
    public init(state: UnitState?, locationID: Int64?, orderRef: String?, lotID: Int64?) {
        self.state = state
        self.locationID = locationID
        self.orderRef = orderRef
        self.lotID = lotID
    }

    /// The position before a unit exists.
    public static let none = UnitPosition(state: nil, locationID: nil, orderRef: nil, lotID: nil)

    /// The stock cell the unit counts in, if it is on hand.
    public func stockKey(skuID: Int64) -> StockKey? {
        guard let status = state?.stockStatus, let locationID else { return nil }
        return StockKey(skuID: skuID, lotID: lotID, locationID: locationID, status: status)
    }
}
