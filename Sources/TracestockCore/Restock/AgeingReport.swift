/// The result of an ageing run.
///
/// JSON: `{"rows":[...],"totalSurcharge":12.5,"expiring":[...]}`, the total in currency units.
public struct AgeingReport: Sendable, Equatable, Codable {
    /// One row per SKU, lot and non-empty bucket: inputs in the order given, buckets youngest
    /// first within each input.
    public var rows: [AgeingRow]
    /// Sum of the rows' surcharges, in cents.
    public var totalSurchargeCents: Int
    /// Lots on hand expiring within the horizon or already expired, soonest first (then by SKU
    /// and lot).
    public var expiring: [ExpiringLot]

    /// The total surcharge in currency units.
    public var totalSurcharge: Double { Double(totalSurchargeCents) / 100 }

    /// Creates a report.
    public init(rows: [AgeingRow], totalSurchargeCents: Int, expiring: [ExpiringLot]) {
        self.rows = rows
        self.totalSurchargeCents = totalSurchargeCents
        self.expiring = expiring
    }

    private enum CodingKeys: String, CodingKey {
        case rows, totalSurcharge, expiring
    }

    /// Decodes a report; `totalSurcharge` is read in currency units and rounded to cents.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rows: try container.decode([AgeingRow].self, forKey: .rows),
            totalSurchargeCents: Int((try container.decode(Double.self, forKey: .totalSurcharge) * 100)
                .rounded(.toNearestOrAwayFromZero)),
            expiring: try container.decode([ExpiringLot].self, forKey: .expiring)
        )
    }

    /// Encodes `rows`, `totalSurcharge` (currency units) and `expiring`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(totalSurcharge, forKey: .totalSurcharge)
        try container.encode(expiring, forKey: .expiring)
    }
}
