/// Everything the planner needs to know about one SKU.
public struct RestockInput: Sendable, Equatable, Codable {
    /// The SKU code (must not be empty).
    public var sku: String
    /// Daily net shipped quantities (see ``SalesHistory`` for the rules).
    public var sales: SalesHistory
    /// Sellable units on hand now, excluding quarantined or otherwise unsellable units (≥ 0).
    public var sellable: Int
    /// Purchase orders and shipments on the way (each quantity ≥ 0), in any order.
    public var inbound: [InboundShipment]
    /// Replenishment lead time.
    public var leadTime: LeadTime
    /// Units per case; orders are whole cases (≥ 1, default 1).
    public var casePack: Int
    /// Minimum order quantity in units (≥ 0, default 0); rounded up to whole cases when applied.
    public var moq: Int
    /// First day the SKU could sell (its launch or listing day), if it is inside the window: the
    /// days before it are left out of the window instead of counting as zero-sales days, so a new
    /// SKU's demand is not diluted. Nil (the default): the whole window counts.
    public var historyStart: Day?

    /// Creates an input.
    public init(
        sku: String,
        sales: SalesHistory,
        sellable: Int,
        inbound: [InboundShipment] = [],
        leadTime: LeadTime,
        casePack: Int = 1,
        moq: Int = 0,
        historyStart: Day? = nil
    ) {
        self.sku = sku
        self.sales = sales
        self.sellable = sellable
        self.inbound = inbound
        self.leadTime = leadTime
        self.casePack = casePack
        self.moq = moq
        self.historyStart = historyStart
    }

    /// The largest accepted quantity anywhere in the input (one billion units).
    public static let maximumQuantity = 1_000_000_000

    /// Checks the scalar fields and inbound quantities (daily quantities are checked while
    /// they are summed).
    func validate() throws(TracestockError) {
        func fail(_ field: String, _ value: Int, _ expected: String) -> TracestockError {
            .invalid(
                "SKU \(sku): \(field) is \(value), expected \(expected)",
                details: ["sku": sku, "field": field, "value": String(value)]
            )
        }
        guard !sku.isEmpty else {
            throw .invalid("a restock input has an empty SKU", details: ["field": "sku"])
        }
        let limit = Self.maximumQuantity
        guard (0...limit).contains(sellable) else { throw fail("sellable", sellable, "0...\(limit)") }
        guard (1...limit).contains(casePack) else { throw fail("casePack", casePack, "1...\(limit)") }
        guard (0...limit).contains(moq) else { throw fail("moq", moq, "0...\(limit)") }
        for (index, shipment) in inbound.enumerated() where !(0...limit).contains(shipment.quantity) {
            throw .invalid(
                "SKU \(sku): inbound[\(index)] quantity is \(shipment.quantity), expected 0...\(limit)",
                details: ["sku": sku, "field": "inbound", "position": String(index),
                          "value": String(shipment.quantity)]
            )
        }
        try leadTime.validate(sku: sku)
    }

    private enum CodingKeys: String, CodingKey {
        case sku, sales, sellable, inbound, leadTime, casePack, moq, historyStart
    }

    /// Decodes an input; `inbound`, `casePack`, `moq` and `historyStart` may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sku: try container.decode(String.self, forKey: .sku),
            sales: try container.decode(SalesHistory.self, forKey: .sales),
            sellable: try container.decode(Int.self, forKey: .sellable),
            inbound: try container.decodeIfPresent([InboundShipment].self, forKey: .inbound) ?? [],
            leadTime: try container.decode(LeadTime.self, forKey: .leadTime),
            casePack: try container.decodeIfPresent(Int.self, forKey: .casePack) ?? 1,
            moq: try container.decodeIfPresent(Int.self, forKey: .moq) ?? 0,
            historyStart: try container.decodeIfPresent(Day.self, forKey: .historyStart)
        )
    }
}
