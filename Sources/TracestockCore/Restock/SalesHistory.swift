/// A SKU's daily net shipped quantities, in one of two shapes.
///
/// Rules shared by both shapes:
/// - only days inside the demand window (the `window` days ending at `asOf`, inclusive) count;
///   anything older or later is ignored, and days with no data count as zero;
/// - a day's quantities are added up first (a sparse history may list a day more than once), then
///   a negative net day (more returns than shipments) is clamped to zero: returned units come back
///   through the sellable stock, so subtracting them from demand as well would count them twice,
///   and a negative day would also inflate σ.
///
/// JSON: `{"dense":[3,0,5]}` or `{"sparse":[{"day":"2024-05-01","quantity":3}]}`.
public enum SalesHistory: Sendable, Equatable, Codable {
    /// One quantity per consecutive day, the **last element being `asOf`** and each earlier
    /// element one day before the next. Shorter than the window: the missing older days are zero.
    /// Longer: the extra older elements are ignored.
    case dense([Int])
    /// Only the days that had sales, in any order, duplicates allowed (they are summed). Cost is
    /// proportional to the number of entries, not the window length.
    case sparse([DailySale])

    /// A sparse history from `(day, quantity)` pairs.
    public static func sparse(pairs: [(Day, Int)]) -> SalesHistory {
        .sparse(pairs.map { DailySale(day: $0.0, quantity: $0.1) })
    }

    private enum CodingKeys: String, CodingKey {
        case dense, sparse
    }

    /// Decodes `{"dense":[...]}` or `{"sparse":[...]}` (exactly one of the two keys).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let dense = try container.decodeIfPresent([Int].self, forKey: .dense)
        let sparse = try container.decodeIfPresent([DailySale].self, forKey: .sparse)
        switch (dense, sparse) {
        case let (dense?, nil): self = .dense(dense)
        case let (nil, sparse?): self = .sparse(sparse)
        default:
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "sales history needs exactly one of \"dense\" or \"sparse\""
            ))
        }
    }

    /// Encodes as `{"dense":[...]}` or `{"sparse":[...]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .dense(let values): try container.encode(values, forKey: .dense)
        case .sparse(let entries): try container.encode(entries, forKey: .sparse)
        }
    }
}
