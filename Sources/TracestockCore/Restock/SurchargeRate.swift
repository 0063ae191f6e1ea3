/// The monthly storage surcharge for one age bucket, in currency units (e.g. dollars).
public struct SurchargeRate: Sendable, Equatable, Hashable, Codable {
    /// Amount per unit per month (≥ 0).
    public var perUnit: Double
    /// Amount per cubic foot per month (≥ 0), charged on the units' total volume.
    public var perCubicFoot: Double

    /// Creates a rate; either part may be 0.
    public init(perUnit: Double = 0, perCubicFoot: Double = 0) {
        self.perUnit = perUnit
        self.perCubicFoot = perCubicFoot
    }

    /// The monthly surcharge in whole cents for `quantity` units of `cubicFeetPerUnit` each:
    /// `quantity × (perUnit + perCubicFoot × cubicFeetPerUnit)`, rounded half away from zero to
    /// the cent (with a 1e-9 relative nudge so that binary noise such as 2.67499999… for 2.675
    /// rounds as the decimal number would).
    public func cents(quantity: Int, cubicFeetPerUnit: Double) -> Int {
        let amount = Double(quantity) * (perUnit + perCubicFoot * cubicFeetPerUnit) * 100
        let nudged = amount + (amount >= 0 ? 1 : -1) * Swift.max(1e-9, abs(amount) * 1e-9)
        return Int(nudged.rounded(.toNearestOrAwayFromZero))
    }
}
