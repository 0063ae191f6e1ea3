/// What a scan contained. Codable to `{"kind","gtin","lot","serial","expiry","produced","bestBefore",
/// "sscc","asin","fnsku","authCode","ais"}` with absent fields as `null` and dates as `YYYY-MM-DD`.
public struct ScanResult: Sendable, Hashable, Codable {
    /// The form the scan was recognised as.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A GS1 element string (bracketed or raw).
        case gs1
        /// A GS1 Digital Link URI.
        case digitalLink
        /// A bare GTIN-8/12/13/14.
        case gtin
        /// A bare SSCC.
        case sscc
        /// An Amazon ASIN.
        case asin
        /// An Amazon FNSKU label (`X00…`).
        case fnsku
        /// A plain serial number.
        case serial
        /// An authentication code.
        case authCode
    }

    /// The recognised form.
    public var kind: Kind
    /// GTIN normalised to 14 digits (AI 01 or a bare GTIN).
    public var gtin: String?
    /// Batch/lot (AI 10).
    public var lot: String?
    /// Serial (AI 21, or the whole scan for kind `serial`).
    public var serial: String?
    /// Expiry date (AI 17).
    public var expiry: GS1Date?
    /// Production date (AI 11).
    public var produced: GS1Date?
    /// Best-before date (AI 15).
    public var bestBefore: GS1Date?
    /// SSCC (AI 00 or a bare SSCC).
    public var sscc: String?
    /// ASIN.
    public var asin: String?
    /// FNSKU.
    public var fnsku: String?
    /// Canonical authentication code.
    public var authCode: String?
    /// AI → raw value for GS1 scans (a bare GTIN/SSCC is reported as AI 01/00 with its normalised value).
    public var ais: [String: String]
    /// Non-AI query parameters of a Digital Link (e.g. `auth`); not part of the JSON form.
    public var otherQueryParameters: [GS1DigitalLink.QueryParameter]

    /// Creates a result.
    public init(
        kind: Kind, gtin: String? = nil, lot: String? = nil, serial: String? = nil, expiry: GS1Date? = nil,
        produced: GS1Date? = nil, bestBefore: GS1Date? = nil, sscc: String? = nil, asin: String? = nil,
        fnsku: String? = nil, authCode: String? = nil, ais: [String: String] = [:],
        otherQueryParameters: [GS1DigitalLink.QueryParameter] = []
    ) {
        self.kind = kind
        self.gtin = gtin
        self.lot = lot
        self.serial = serial
        self.expiry = expiry
        self.produced = produced
        self.bestBefore = bestBefore
        self.sscc = sscc
        self.asin = asin
        self.fnsku = fnsku
        self.authCode = authCode
        self.ais = ais
        self.otherQueryParameters = otherQueryParameters
    }

    /// Fills the GS1 fields from parsed elements.
    init(kind: Kind, elements: GS1ElementString, currentYear: Int, otherQueryParameters: [GS1DigitalLink.QueryParameter] = []) {
        func date(_ ai: String) -> GS1Date? {
            elements[ai].flatMap { GS1ApplicationIdentifier.lookup(ai)?.date(from: $0, currentYear: currentYear) }
        }
        self.init(
            kind: kind, gtin: elements["01"], lot: elements["10"], serial: elements["21"], expiry: date("17"),
            produced: date("11"), bestBefore: date("15"), sscc: elements["00"], ais: elements.valuesByAI,
            otherQueryParameters: otherQueryParameters)
    }
}
