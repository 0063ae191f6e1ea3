/// Turns a cycle service level (the wanted probability, in percent, of not running out during a
/// replenishment lead time) into the safety factor `z` of the normal distribution.
public enum ServiceLevel {
    /// The conventional rounded factors used for the common levels; these exact values are used
    /// whenever the level matches one of them (to within 1e-9).
    public static let table: [(percent: Double, z: Double)] = [
        (90, 1.2816),
        (95, 1.6449),
        (97.5, 1.96),
        (98, 2.0537),
        (99, 2.3263),
    ]

    /// The accepted range of levels, in percent: above 50 and at most 99.99.
    public static let validRange = "(50, 99.99]"

    /// The safety factor for `percent` (e.g. `97.5` → `1.96`). Levels in ``table`` return the
    /// table value; any other level in (50, 99.99] returns the standard normal quantile of
    /// `percent / 100` computed by ``NormalQuantile/quantile(_:)``.
    ///
    /// - Throws: ``TracestockError`` (`invalidInput`, field `serviceLevel`) when `percent` is not
    ///   a finite number in (50, 99.99].
    public static func z(forPercent percent: Double) throws(TracestockError) -> Double {
        guard percent.isFinite, percent > 50, percent <= 99.99 + 1e-9 else {
            throw .invalid(
                "service level \(percent)% is outside \(validRange)",
                details: ["field": "serviceLevel", "value": String(percent)]
            )
        }
        for entry in table where abs(entry.percent - percent) < 1e-9 {
            return entry.z
        }
        return NormalQuantile.quantile(percent / 100)
    }
}
