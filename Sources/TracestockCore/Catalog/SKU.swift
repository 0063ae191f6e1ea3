/// A product type: every unit of it is interchangeable for sales and restock.
public struct SKU: Sendable, Hashable, Codable {
    /// When the warranty clock starts.
    public enum WarrantyStart: String, Sendable, Codable, CaseIterable {
        case ship, registration
    }

    /// Store-assigned id.
    public var id: Int64
    /// The seller's SKU code, unique.
    public var code: String
    public var title: String
    public var tracking: TrackingLevel
    /// GTIN normalised to 14 digits.
    public var gtin: String?
    public var asin: String?
    public var fnsku: String?
    public var warrantyDays: Int?
    public var warrantyStart: WarrantyStart
    /// Production, transit and receiving days; the lead time is their sum.
    public var productionDays: Int?
    public var transitDays: Int?
    public var receivingDays: Int?
    public var casePack: Int?
    public var moq: Int?
    public var supplier: String?
    /// Volume of one unit in cubic feet (for storage surcharges).
    public var unitVolume: Double?
    /// Serial generation pattern: prefix, digit width, next number.
    public var serialPrefix: String?
    public var serialWidth: Int?
    public var serialNext: Int64
    /// Length of the GS1 company prefix inside the GTIN (6–12): when set, EPCIS exports name
    /// units and lots with SGTIN/LGTIN URNs instead of Digital Link URIs.
    public var gs1CompanyPrefixLength: Int?

    /// Creates a SKU value.
    public init(
        id: Int64 = 0, code: String, title: String, tracking: TrackingLevel, gtin: String? = nil, asin: String? = nil,
        fnsku: String? = nil, warrantyDays: Int? = nil, warrantyStart: WarrantyStart = .ship, productionDays: Int? = nil,
        transitDays: Int? = nil, receivingDays: Int? = nil, casePack: Int? = nil, moq: Int? = nil, supplier: String? = nil,
        unitVolume: Double? = nil, serialPrefix: String? = nil, serialWidth: Int? = nil, serialNext: Int64 = 1,
        gs1CompanyPrefixLength: Int? = nil
    ) {
        self.id = id
        self.code = code
        self.title = title
        self.tracking = tracking
        self.gtin = gtin
        self.asin = asin
        self.fnsku = fnsku
        self.warrantyDays = warrantyDays
        self.warrantyStart = warrantyStart
        self.productionDays = productionDays
        self.transitDays = transitDays
        self.receivingDays = receivingDays
        self.casePack = casePack
        self.moq = moq
        self.supplier = supplier
        self.unitVolume = unitVolume
        self.serialPrefix = serialPrefix
        self.serialWidth = serialWidth
        self.serialNext = serialNext
        self.gs1CompanyPrefixLength = gs1CompanyPrefixLength
    }

    /// Total lead time in days (production + transit + receiving), nil when none is set.
    public var leadTimeDays: Int? {
        let parts = [productionDays, transitDays, receivingDays].compactMap { $0 }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }
}
