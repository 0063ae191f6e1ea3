/// Units on their way to the sellable stock: a purchase order or a shipment in transit.
public struct InboundShipment: Sendable, Equatable, Hashable, Codable {
    /// Units expected (0 is allowed and ignored).
    public var quantity: Int
    /// The day the units are expected to become sellable. They count as available from the start
    /// of that day; an ETA before `asOf` (overdue) is treated as arriving on `asOf`.
    public var eta: Day

    /// Creates an inbound shipment.
    public init(quantity: Int, eta: Day) {
        self.quantity = quantity
        self.eta = eta
    }
}
