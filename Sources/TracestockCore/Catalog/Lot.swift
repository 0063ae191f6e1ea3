/// One production batch of a SKU.
public struct Lot: Sendable, Hashable, Codable {
    public var id: Int64
    public var skuID: Int64
    /// The lot number, unique within its SKU.
    public var code: String
    /// Production date, `YYYY-MM-DD`.
    public var produced: String?
    /// Expiry date, `YYYY-MM-DD`.
    public var expires: String?
    public var supplier: String?
    /// The sequence number of the event that first received it (FIFO order).
    public var firstSeq: Int64

    /// Creates a lot value.
    public init(id: Int64 = 0, skuID: Int64, code: String, produced: String? = nil, expires: String? = nil,
                supplier: String? = nil, firstSeq: Int64 = 0) {
        self.id = id
        self.skuID = skuID
        self.code = code
        self.produced = produced
        self.expires = expires
        self.supplier = supplier
        self.firstSeq = firstSeq
    }
}
