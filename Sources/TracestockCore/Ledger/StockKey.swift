/// One cell of the stock projection: a SKU's quantity of one lot, at one location, in one bucket.
public struct StockKey: Sendable, Hashable, Codable {
    public var skuID: Int64
    public var lotID: Int64?
    public var locationID: Int64
    public var status: StockStatus

    /// Creates a key.
    public init(skuID: Int64, lotID: Int64?, locationID: Int64, status: StockStatus) {
        self.skuID = skuID
        self.lotID = lotID
        self.locationID = locationID
        self.status = status
    }
}

/// One cell of the order projection: what an order shipped and got back, per SKU and lot.
public struct OrderKey: Sendable, Hashable, Codable {
    public var orderRef: String
    public var skuID: Int64
    public var lotID: Int64?

    /// Creates a key.
    public init(orderRef: String, skuID: Int64, lotID: Int64?) {
        self.orderRef = orderRef
        self.skuID = skuID
        self.lotID = lotID
    }
}

/// Shipped and returned quantities of one order line.
public struct OrderQuantities: Sendable, Hashable, Codable {
    public var shipped: Int64
    public var returned: Int64

    /// Creates a pair of quantities.
    public init(shipped: Int64 = 0, returned: Int64 = 0) {
        self.shipped = shipped
        self.returned = returned
    }
}

/// Units sold of one SKU on one UTC day (days since 1970-01-01).
public struct SaleKey: Sendable, Hashable, Codable {
    public var skuID: Int64
    public var day: Int

    /// Creates a key.
    public init(skuID: Int64, day: Int) {
        self.skuID = skuID
        self.day = day
    }
}
