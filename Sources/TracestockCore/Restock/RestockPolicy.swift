/// The settings shared by every SKU of one restock plan.
public struct RestockPolicy: Sendable, Equatable, Codable {
    /// Length in days of the demand window ending at `asOf` (inclusive). Default 90; 1...3660.
    public var window: Int
    /// Cycle service level in percent, in (50, 99.99]. Default 95. See ``ServiceLevel``.
    public var serviceLevel: Double
    /// Days of cover an order should provide beyond the lead time. Default 60; 0...3650.
    public var targetDays: Int
    /// Days of cover above which a SKU is `overstock`. Default 180; 1...36500.
    public var overstockDays: Int
    /// Weighting of the window's days. Default ``DemandWeighting/uniform``.
    public var weighting: DemandWeighting
    /// When false (the default), `orderQuantity` is suggested only for SKUs whose status is
    /// `reorderNow` (an order-up-to policy: order when at the reorder point, up to the target).
    /// When true, every SKU with sales gets the top-up quantity that would reach the target.
    public var suggestOrdersAboveReorderPoint: Bool

    /// The largest accepted window.
    public static let maximumWindow = 3660

    /// Creates a policy; every argument has the documented default.
    public init(
        window: Int = 90,
        serviceLevel: Double = 95,
        targetDays: Int = 60,
        overstockDays: Int = 180,
        weighting: DemandWeighting = .uniform,
        suggestOrdersAboveReorderPoint: Bool = false
    ) {
        self.window = window
        self.serviceLevel = serviceLevel
        self.targetDays = targetDays
        self.overstockDays = overstockDays
        self.weighting = weighting
        self.suggestOrdersAboveReorderPoint = suggestOrdersAboveReorderPoint
    }

    /// Checks every setting is in range and returns the service level's `z`.
    ///
    /// - Throws: ``TracestockError`` (`invalidInput`) naming the offending `field`.
    @discardableResult
    public func validate() throws(TracestockError) -> Double {
        func check(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(TracestockError) {
            guard range.contains(value) else {
                throw .invalid(
                    "policy \(field) is \(value), expected \(range.lowerBound)...\(range.upperBound)",
                    details: ["field": field, "value": String(value)]
                )
            }
        }
        try check("window", window, 1...Self.maximumWindow)
        try check("targetDays", targetDays, 0...3650)
        try check("overstockDays", overstockDays, 1...36_500)
        if case .exponential(let halfLife) = weighting, !(halfLife.isFinite && halfLife > 0) {
            throw .invalid(
                "policy weighting half-life \(halfLife) must be a positive number of days",
                details: ["field": "weighting.halfLifeDays", "value": String(halfLife)]
            )
        }
        return try ServiceLevel.z(forPercent: serviceLevel)
    }

    private enum CodingKeys: String, CodingKey {
        case window, serviceLevel, targetDays, overstockDays, weighting, suggestOrdersAboveReorderPoint
    }

    /// Decodes a policy; missing keys take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RestockPolicy()
        self.init(
            window: try container.decodeIfPresent(Int.self, forKey: .window) ?? defaults.window,
            serviceLevel: try container.decodeIfPresent(Double.self, forKey: .serviceLevel) ?? defaults.serviceLevel,
            targetDays: try container.decodeIfPresent(Int.self, forKey: .targetDays) ?? defaults.targetDays,
            overstockDays: try container.decodeIfPresent(Int.self, forKey: .overstockDays) ?? defaults.overstockDays,
            weighting: try container.decodeIfPresent(DemandWeighting.self, forKey: .weighting) ?? defaults.weighting,
            suggestOrdersAboveReorderPoint: try container.decodeIfPresent(
                Bool.self, forKey: .suggestOrdersAboveReorderPoint
            ) ?? defaults.suggestOrdersAboveReorderPoint
        )
    }
}
