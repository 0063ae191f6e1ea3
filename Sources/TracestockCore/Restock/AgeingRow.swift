/// Units of one SKU and lot that fall in one age bucket, with their estimated monthly surcharge.
///
/// JSON: `{"sku","lot","bucket","quantity","surcharge"}` with `lot` null when absent and
/// `surcharge` in currency units with two decimals at most (e.g. `12.5` for 1,250 cents).
public struct AgeingRow: Sendable, Equatable, Codable {
    /// The SKU code.
    public var sku: String
    /// The lot, or nil.
    public var lot: String?
    /// The bucket label, e.g. `"181-270"`.
    public var bucket: String
    /// Units in the bucket.
    public var quantity: Int
    /// Estimated monthly surcharge in cents.
    public var surchargeCents: Int

    /// The surcharge in currency units (`surchargeCents / 100`).
    public var surcharge: Double { Double(surchargeCents) / 100 }

    /// Creates a row.
    public init(sku: String, lot: String?, bucket: String, quantity: Int, surchargeCents: Int) {
        self.sku = sku
        self.lot = lot
        self.bucket = bucket
        self.quantity = quantity
        self.surchargeCents = surchargeCents
    }

    private enum CodingKeys: String, CodingKey {
        case sku, lot, bucket, quantity, surcharge
    }

    /// Decodes a row; `surcharge` is read in currency units and rounded to cents.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sku: try container.decode(String.self, forKey: .sku),
            lot: try container.decodeIfPresent(String.self, forKey: .lot),
            bucket: try container.decode(String.self, forKey: .bucket),
            quantity: try container.decode(Int.self, forKey: .quantity),
            surchargeCents: Int((try container.decode(Double.self, forKey: .surcharge) * 100)
                .rounded(.toNearestOrAwayFromZero))
        )
    }

    /// Encodes every key, `lot` as null when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sku, forKey: .sku)
        if let lot { try container.encode(lot, forKey: .lot) } else { try container.encodeNil(forKey: .lot) }
        try container.encode(bucket, forKey: .bucket)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(surcharge, forKey: .surcharge)
    }
}
