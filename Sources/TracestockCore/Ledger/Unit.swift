/// One physical, serialized unit and where it is now (the projection of its events).
public struct Unit: Sendable, Hashable, Codable {
    public var id: Int64
    public var skuID: Int64
    public var serial: String
    public var lotID: Int64?
    public var state: UnitState
    /// Where it is, when on hand.
    public var locationID: Int64?
    /// The order it was last shipped on.
    public var orderRef: String?
    /// The last event that touched it: the version used for optimistic concurrency.
    public var lastSeq: Int64
    /// The event that first received it.
    public var receivedSeq: Int64

    /// Creates a unit value.
    public init(id: Int64, skuID: Int64, serial: String, lotID: Int64?, state: UnitState, locationID: Int64?,
                orderRef: String?, lastSeq: Int64, receivedSeq: Int64) {
        self.id = id
        self.skuID = skuID
        self.serial = serial
        self.lotID = lotID
        self.state = state
        self.locationID = locationID
        self.orderRef = orderRef
        self.lastSeq = lastSeq
        self.receivedSeq = receivedSeq
    }
}
