/// A SKU's replenishment lead time in whole days: from placing an order until the units are
/// sellable. Either the sum of its stages or one total.
///
/// JSON (Swift's synthesized form):
/// `{"stages":{"productionDays":30,"transitDays":25,"receivingDays":7}}` or `{"total":{"days":62}}`.
public enum LeadTime: Sendable, Equatable, Codable {
    /// Production, transit and receiving (e.g. FBA check-in) days, added up.
    case stages(productionDays: Int, transitDays: Int, receivingDays: Int)
    /// One total number of days.
    case total(days: Int)

    /// The largest accepted lead time (ten years).
    public static let maximumDays = 3650

    /// The lead time in days, `L`.
    public var days: Int {
        switch self {
        case let .stages(production, transit, receiving): return production + transit + receiving
        case let .total(days): return days
        }
    }

    /// Checks every stage is in 0...``maximumDays`` and so is the total.
    func validate(sku: String) throws(TracestockError) {
        let parts: [(String, Int)]
        switch self {
        case let .stages(production, transit, receiving):
            parts = [("leadTime.productionDays", production), ("leadTime.transitDays", transit),
                     ("leadTime.receivingDays", receiving)]
        case let .total(days):
            parts = [("leadTime.days", days)]
        }
        for (field, value) in parts where !(0...Self.maximumDays).contains(value) {
            throw .invalid(
                "SKU \(sku): \(field) is \(value), expected 0...\(Self.maximumDays)",
                details: ["sku": sku, "field": field, "value": String(value)]
            )
        }
        if days > Self.maximumDays {
            throw .invalid(
                "SKU \(sku): lead time \(days) days exceeds \(Self.maximumDays)",
                details: ["sku": sku, "field": "leadTime", "value": String(days)]
            )
        }
    }
}
